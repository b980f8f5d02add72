import { isCrowdElement } from '../../template/queries';
import type { TemplateCheck } from '../types';
import { spaceStart } from '../../util/strings';

export const selfClosedCrowdElement: TemplateCheck = {
  meta: {
    code: 'self-closed-crowd-element',
    title: 'Self-closed crowd element',
    description:
      '`<crowd-x ... />`: HTML ignores the slash on custom elements, so the element stays open and swallows what follows until an enclosing end tag closes it. Write an explicit end tag.',
    severity: 'warning',
    scope: 'template',
    fixable: true,
  },
  run({ text, document, report }) {
    for (const element of document.elements) {
      if (!isCrowdElement(element) || element.selfClosingSlash === undefined) continue;
      const swallowed = element.children.length
        ? ` Here it swallows <${element.children[0].name}>${element.children.length > 1 ? ' and more' : ''}.`
        : element.closedBy === 'eof'
          ? ' Here it stays open to the end of the template.'
          : '';
      report({
        start: element.start,
        end: element.startTagEnd,
        message: `"/>" does not close <${element.name}>: HTML ignores it on custom elements, so the element stays open.${swallowed} Use <${element.name} ...></${element.name}>.`,
        fixes: [
          {
            title: `Close with </${element.name}>`,
            edits: [{ start: spaceStart(text, element.selfClosingSlash), end: element.startTagEnd, newText: `></${element.name}>` }],
            preferred: true,
          },
        ],
      });
    }
  },
};
