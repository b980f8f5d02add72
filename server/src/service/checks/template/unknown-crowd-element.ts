import { CROWD_ELEMENTS, crowdElement } from '../../domain/crowdElements';
import { isCrowdElement } from '../../template/queries';
import { closest } from '../../util/strings';
import type { OffsetEdit, TemplateCheck } from '../types';

const NAMES = CROWD_ELEMENTS.map((e) => e.name);

export const unknownCrowdElement: TemplateCheck = {
  meta: {
    code: 'unknown-crowd-element',
    title: 'Unknown crowd element',
    description:
      'A `crowd-*` element that crowd-html-elements does not define (usually a typo). It renders as an empty unknown element. Suggests the nearest element name.',
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  run({ text, document, report }) {
    for (const element of document.elements) {
      if (!isCrowdElement(element) || crowdElement(element.name)) continue;
      const suggestion = closest(element.name, NAMES);
      const edits: OffsetEdit[] = [];
      if (suggestion) {
        edits.push({ start: element.nameStart, end: element.nameEnd, newText: suggestion });
        if (element.endTagStart !== undefined) {
          const nameStart = element.endTagStart + 2;
          edits.push({ start: nameStart, end: nameStart + element.name.length, newText: suggestion });
        }
      }
      report({
        start: element.nameStart,
        end: element.nameEnd,
        message: suggestion
          ? `Unknown element <${text.slice(element.nameStart, element.nameEnd)}>: did you mean <${suggestion}>?`
          : `Unknown element <${text.slice(element.nameStart, element.nameEnd)}>: crowd-html-elements has no such element.`,
        fixes: suggestion ? [{ title: `Change to <${suggestion}>`, edits, preferred: true }] : undefined,
      });
    }
  },
};
