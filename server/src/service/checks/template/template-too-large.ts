import { MAX_CHECKED_LENGTH, MAX_TEMPLATE_LENGTH } from '../../domain/limits';
import type { TemplateCheck } from '../types';
import { formatCount } from '../../util/strings';

export const templateTooLarge: TemplateCheck = {
  meta: {
    code: 'template-too-large',
    title: 'Template too large',
    description: `The template is longer than the ${formatCount(MAX_TEMPLATE_LENGTH)} characters that \`UiTemplate.Content\` accepts; the API rejects it. Move styles and scripts to hosted files, or shorten instructions.`,
    severity: 'error',
    scope: 'template',
    fixable: false,
    textOnly: true,
  },
  run({ text, report }) {
    if (text.length <= MAX_TEMPLATE_LENGTH) return;
    // Underline only the line where the limit falls: a squiggle over the whole rest would bury everything else.
    const lineEnd = text.indexOf('\n', MAX_TEMPLATE_LENGTH);
    report({
      start: MAX_TEMPLATE_LENGTH,
      end: lineEnd === -1 || lineEnd === MAX_TEMPLATE_LENGTH ? Math.min(text.length, MAX_TEMPLATE_LENGTH + 1) : lineEnd,
      message:
        `The template has ${formatCount(text.length)} characters; UiTemplate.Content accepts at most ${formatCount(MAX_TEMPLATE_LENGTH)}. Everything from here on is over the limit.` +
        (text.length > MAX_CHECKED_LENGTH ? ' The other checks are off for files over 1 MB.' : ''),
    });
  },
};
