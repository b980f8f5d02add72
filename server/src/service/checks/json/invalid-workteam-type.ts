import { WORKTEAM_TYPES } from '../../domain/arn';
import { conditionKey, familyOf } from '../../domain/iam';
import { valueMatches } from '../../policy/evaluate';
import { policyConditions } from '../../json/policies';
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
  statementLocal: true,
  run({ document, report }) {
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachCondition = policyConditions(document);
    for (let atCondition = 0; atCondition < eachCondition.length; atCondition++) {
      const condition = eachCondition[atCondition];
      const operator = condition.parsed;
      if (conditionKey(condition.key)?.key !== 'sagemaker:WorkteamType' || !operator || familyOf(operator.base) !== 'string') continue;
      for (const node of condition.values) {
        if (node.type !== 'string') continue;
        const value = node.value as string;
        // A type's own name matches under every string operator; otherwise, as IAM compares it:
        // exactly, without case, or with wildcards, by the operator.
        const valid =
          (WORKTEAM_TYPES as readonly string[]).includes(value) || WORKTEAM_TYPES.some((type) => valueMatches(operator.base, value, [type]) !== false);
        if (valid) continue;
        const suggestion = closest(value, WORKTEAM_TYPES) ?? WORKTEAM_TYPES.find((t) => t.startsWith(value.toLowerCase()));
        const start = node.offset;
        const end = start + node.length;
        report({
          start,
          end,
          message: `"${value}" ${operator.wildcards ? 'matches no workteam type' : 'is not a workteam type'}: sagemaker:WorkteamType is public-crowd, private-crowd or vendor-crowd.`,
          fixes: suggestion
            ? [{ title: `Change to "${suggestion}"`, edits: [{ start, end, newText: JSON.stringify(suggestion) }], preferred: true }]
            : undefined,
        });
      }
    }
  },
};
