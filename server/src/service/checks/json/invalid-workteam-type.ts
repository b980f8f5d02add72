import { WORKTEAM_TYPES } from '../../domain/arn';
import { conditionKey, familyOf, statementsOf, wildcardMatch } from '../../domain/iam';
import { policyObjects } from '../../json/policies';
import { closest } from '../../util/strings';
import type { JsonCheck } from '../types';

export const invalidWorkteamType: JsonCheck = {
  meta: {
    code: 'invalid-workteam-type',
    title: 'Invalid workteam type',
    description:
      'A `sagemaker:WorkteamType` condition value other than `public-crowd`, `private-crowd` and `vendor-crowd` (patterns of `StringLike` must match one of them). The condition never matches, so a Deny meant to keep jobs away from the public crowd does nothing.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    for (const policy of policyObjects(document)) {
      for (const statement of statementsOf(policy)) {
        for (const condition of statement.conditions) {
          if (conditionKey(condition.key)?.key !== 'sagemaker:WorkteamType' || !condition.parsed || familyOf(condition.parsed.base) !== 'string') continue;
          const base = condition.parsed.base;
          const ignoreCase = base.endsWith('IgnoreCase');
          const like = base === 'StringLike' || base === 'StringNotLike';
          for (const node of condition.values) {
            if (node.type !== 'string') continue;
            const value = node.value as string;
            const valid = WORKTEAM_TYPES.some((type) =>
              like ? wildcardMatch(value, type, false) : ignoreCase ? value.toLowerCase() === type : value === type,
            );
            if (valid) continue;
            const suggestion = closest(value, WORKTEAM_TYPES) ?? WORKTEAM_TYPES.find((t) => t.startsWith(value.toLowerCase()));
            const start = node.offset;
            const end = start + node.length;
            report({
              start,
              end,
              message: `"${value}" ${like ? 'matches no workteam type' : 'is not a workteam type'}: sagemaker:WorkteamType is public-crowd, private-crowd or vendor-crowd.`,
              fixes: suggestion
                ? [{ title: `Change to "${suggestion}"`, edits: [{ start, end, newText: JSON.stringify(suggestion) }], preferred: true }]
                : undefined,
            });
          }
        }
      }
    }
  },
};
