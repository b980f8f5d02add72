import { TRAILING_COMMA } from '../../json/document';
import type { Fix, JsonCheck } from '../types';

export const jsonSyntax: JsonCheck = {
  meta: {
    code: 'json-syntax',
    title: 'JSON syntax error',
    description:
      'Malformed JSON in a workteam, workforce, policy, CORS or other recognised file, at the exact place. The AWS CLI and SDKs reject the file; comments and trailing commas, which some editors allow, are rejected too. The other checks still run on what parsed.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    if (document.syntax !== 'json') return;
    for (const error of document.errors) {
      const fixes: Fix[] =
        error.message === TRAILING_COMMA
          ? [{ title: 'Remove the trailing comma', edits: [{ start: error.start, end: error.end, newText: '' }], preferred: true }]
          : [];
      report({ start: error.start, end: error.end, message: `${error.message}.`, fixes });
    }
  },
};
