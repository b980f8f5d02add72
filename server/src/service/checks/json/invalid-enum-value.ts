import { orList } from '../../domain/iam';
import type { JsonCheck } from '../types';

export const invalidEnumValue: JsonCheck = {
  meta: {
    code: 'invalid-enum-value',
    title: 'Invalid enum value',
    description:
      'A value outside its enumeration: `"SourceIp": "enabled"` (the API wants `Enabled`), `"Effect": "allow"`, `"VpcEndpointType": "gateway"`. Values are case-sensitive. Enumerations come from the SageMaker SDK\'s enum exports; the quick fix changes the value to the valid spelling.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'enum') continue;
      const start = issue.value.offset;
      const end = start + issue.value.length;
      report({
        start,
        end,
        message: `"${issue.value.value}" is not a valid ${issue.member}: use ${orList(issue.values.map((v) => `"${v}"`))}.`,
        fixes: issue.suggestion
          ? [{ title: `Change to "${issue.suggestion}"`, edits: [{ start, end, newText: JSON.stringify(issue.suggestion) }], preferred: true }]
          : undefined,
      });
    }
  },
};
