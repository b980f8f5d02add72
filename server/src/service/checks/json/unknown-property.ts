import type { JsonCheck } from '../types';

const LISTED = 12;

export const unknownProperty: JsonCheck = {
  meta: {
    code: 'unknown-property',
    title: 'Unknown property',
    description:
      'A member that the shape does not have (checked against the SageMaker SDK shapes, and the IAM policy, S3 CORS grammar), or an IAM condition operator that does not exist. The API rejects the request ("Unknown parameter"), or IAM the policy. Suggests the nearest name.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'unknown') continue;
      const name = issue.key.value as string;
      const start = issue.key.offset;
      const end = start + issue.key.length;
      const known = issue.known.length <= LISTED ? ` (it has ${issue.known.join(', ')})` : '';
      const what = issue.owner === 'condition operator' ? `"${name}" is not a condition operator` : `${issue.owner} has no member "${name}"`;
      report({
        start,
        end,
        message: issue.suggestion ? `${what}: did you mean "${issue.suggestion}"?` : `${what}${issue.owner === 'condition operator' ? '' : known}.`,
        fixes: issue.suggestion
          ? [{ title: `Change to "${issue.suggestion}"`, edits: [{ start, end, newText: JSON.stringify(issue.suggestion) }], preferred: true }]
          : undefined,
      });
    }
  },
};
