import type { Fix, JsonCheck } from '../types';

export const wrongValueType: JsonCheck = {
  meta: {
    code: 'wrong-value-type',
    title: 'Wrong value type',
    description:
      'A value of the wrong JSON type for its member: `"TaskCount": "3"` (a number is needed), `"Cidrs": "203.0.113.0/24"` (a list), an object where the API wants a string. The API rejects the request.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, text, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'type') continue;
      const start = issue.value.offset;
      const end = start + issue.value.length;
      const fixes: Fix[] = [];
      const source = text.slice(start, end);
      if (issue.expected.startsWith('a number') && issue.value.type === 'string' && /^-?\d+(\.\d+)?$/.test(issue.value.value as string)) {
        fixes.push({ title: `Change to the number ${issue.value.value}`, edits: [{ start, end, newText: issue.value.value as string }], preferred: true });
      } else if (issue.expected.startsWith('a list') && issue.value.type !== 'array' && issue.value.type !== 'object') {
        fixes.push({ title: 'Put the value in a list', edits: [{ start, end, newText: `[${source}]` }], preferred: true });
      } else if (/(^|or )a string/.test(issue.expected) && (issue.value.type === 'number' || issue.value.type === 'boolean')) {
        fixes.push({ title: `Change to the string "${source}"`, edits: [{ start, end, newText: JSON.stringify(source) }] });
      }
      report({ start, end, message: `${issue.member} must be ${issue.expected}.`, fixes });
    }
  },
};
