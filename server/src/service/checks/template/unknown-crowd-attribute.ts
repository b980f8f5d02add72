import { crowdElement, isGlobalAttribute } from '../../domain/crowdElements';
import { closest } from '../../util/strings';
import type { TemplateCheck } from '../types';
import { stepEvery } from '../../util/steps';

export const unknownCrowdAttribute: TemplateCheck = {
  meta: {
    code: 'unknown-crowd-attribute',
    title: 'Unknown attribute on a crowd element',
    description:
      'An attribute the crowd element does not read (usually a typo such as `lables`). It is silently ignored. Suggests the nearest attribute name; HTML global attributes, `data-*`, `aria-*` and event handlers are always accepted.',
    severity: 'warning',
    scope: 'template',
    fixable: true,
  },
  *run({ text, document, report }) {
    const step = stepEvery();
    for (const element of document.elements) {
      if (step()) yield;
      const info = crowdElement(element.name);
      if (!info) continue;
      const names = info.attributes.map((a) => a.name);
      for (const attr of element.attributes) {
        if (names.includes(attr.name) || isGlobalAttribute(attr.name) || /[{}]/.test(attr.name)) continue;
        const suggestion = closest(attr.name, names);
        const written = text.slice(attr.nameStart, attr.nameEnd);
        report({
          start: attr.nameStart,
          end: attr.nameEnd,
          message: suggestion
            ? `<${element.name}> has no attribute "${written}": did you mean "${suggestion}"?`
            : `<${element.name}> has no attribute "${written}"; it is ignored.`,
          fixes: suggestion
            ? [{ title: `Change to "${suggestion}"`, edits: [{ start: attr.nameStart, end: attr.nameEnd, newText: suggestion }], preferred: true }]
            : undefined,
        });
      }
    }
  },
};
