import { crowdScript, isCrowdElement } from '../../template/queries';
import type { TemplateCheck } from '../types';

export const CROWD_SCRIPT_TAG = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>';

export const missingCrowdScript: TemplateCheck = {
  meta: {
    code: 'missing-crowd-script',
    title: 'crowd-html-elements not loaded',
    description:
      'The template uses crowd-* elements but never loads `https://assets.crowd.aws/crowd-html-elements.js`, so none of them render and the worker cannot submit.',
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  run({ document, report }) {
    const first = document.elements.find(isCrowdElement);
    if (!first || crowdScript(document)) return;
    const head = document.elements.find((e) => e.name === 'head');
    const at = head ? head.startTagEnd : 0;
    report({
      start: first.nameStart,
      end: first.nameEnd,
      message: `<${first.name}> needs crowd-html-elements.js, which the template never loads: add ${CROWD_SCRIPT_TAG} at the top.`,
      fixes: [
        {
          title: 'Load crowd-html-elements.js',
          edits: [{ start: at, end: at, newText: head ? `\n${CROWD_SCRIPT_TAG}` : `${CROWD_SCRIPT_TAG}\n\n` }],
          preferred: true,
        },
      ],
    });
  },
};
