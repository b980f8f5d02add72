import { shortList } from '../../domain/iam';
import { policyStatements } from '../../json/policies';
import { absentKeyConsequence, keyVerdicts } from '../../policy/keySupport';
import type { JsonCheck } from '../types';

export const unsupportedConditionKey: JsonCheck = {
  meta: {
    code: 'unsupported-condition-key',
    title: "Condition key the statement's actions do not support",
    description:
      "A condition key of the statement's service that none of its actions supports, in AWS's Service Authorization Reference (`s3:prefix` on `s3:GetObject`: only listing carries a prefix). The requests never carry it, so the condition never holds (or, negated, always does). A warning: AWS's list is the evidence.",
    severity: 'warning',
    scope: 'json',
    fixable: false,
  },
  statementLocal: true,
  run({ document, iam, report }) {
    if (!iam) return;
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      for (const [condition, verdict] of keyVerdicts(iam, statement)) {
        if (verdict.kind !== 'unsupported') continue;
        const others = verdict.supportedBy.length ? ` (AWS lists it for ${shortList(verdict.supportedBy)})` : '';
        report({
          start: condition.keyNode.offset,
          end: condition.keyNode.offset + condition.keyNode.length,
          message: `${verdict.definition.key} is not a condition key of ${shortList(verdict.actions)}${others}: their requests never carry it${absentKeyConsequence(condition, statement.effect)}.`,
        });
      }
    }
  },
};
