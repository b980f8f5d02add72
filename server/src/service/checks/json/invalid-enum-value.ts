import { orList } from '../../domain/iam';
import type { JsonCheck } from '../types';

export const invalidEnumValue: JsonCheck = {
  meta: {
    code: 'invalid-enum-value',
    title: 'Invalid enum value',
    description:
      'A value outside its enumeration: `"SourceIp": "enabled"` (the API wants `Enabled`), `"Effect": "allow"`, `"VpcEndpointType": "gateway"`. Values are case-sensitive. SageMaker enumerations come from the SDK\'s enum exports, and AWS adds values the SDK may not know yet (`AwsManagedHumanLoopRequestSource` gains new sources): a SageMaker value that is not a known one in another case is a warning, not an error. The quick fix changes the value to the valid spelling.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'enum') continue;
      const start = issue.value.offset;
      const end = start + issue.value.length;
      const value = issue.value.value as string;
      // Values are case-sensitive and AWS adds no spelling of an existing one in another case; anything else may be newer than the SDK.
      const open = issue.sdk && !issue.values.some((v) => v.toLowerCase() === value.toLowerCase());
      const known = orList(issue.values.map((v) => `"${v}"`));
      report({
        start,
        end,
        severity: open ? 'warning' : undefined,
        message: open
          ? `"${value}" is not among the values this SDK knows for ${issue.member} (${known}): check it against the current API reference, since AWS adds values.`
          : `"${value}" is not a valid ${issue.member}: use ${known}.`,
        fixes: issue.suggestion
          ? [{ title: `Change to "${issue.suggestion}"`, edits: [{ start, end, newText: JSON.stringify(issue.suggestion) }], preferred: true }]
          : undefined,
      });
    }
  },
};
