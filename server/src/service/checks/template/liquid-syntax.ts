import type { TemplateCheck } from '../types';

export const liquidSyntax: TemplateCheck = {
  meta: {
    code: 'liquid-syntax',
    title: 'Liquid syntax error',
    description:
      'A Liquid syntax error: an unclosed `{{` or `{%`, a block tag without its end tag, an unknown tag, or a malformed filter. Ground Truth rejects the template or renders it wrongly.',
    severity: 'error',
    scope: 'template',
    fixable: false,
  },
  run({ document, report }) {
    for (const error of document.errors) report(error);
  },
};
