import { type StatementView, conditionKey, shortList } from '../../domain/iam';
import type { IamReference } from '../../domain/iamReference';
import { membersOf } from '../../json/document';
import { policyStatements } from '../../json/policies';
import { absentKeyConsequence, keyVerdicts } from '../../policy/keySupport';
import type { JsonCheck, Report } from '../types';
import { stepEvery } from '../../util/steps';

export const unknownConditionKey: JsonCheck = {
  meta: {
    code: 'unknown-condition-key',
    title: 'Unknown condition key',
    description:
      "A condition key that no service of the statement's actions has, in AWS's Service Authorization Reference: a misspelt key (`s3:ExistingObjectTags/Project`), or another service's key (`sagemaker:WorkteamType` on `s3:GetObject`). The requests never carry it, so the condition never holds (or, negated, always does). Global `aws:` keys are always accepted.",
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  statementLocal: true,
  *run({ document, iam, report }) {
    if (!iam) return;
    const step = stepEvery();
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      if (step()) yield;
      judgeStatement(statement, iam, report);
    }
  },
};

/** One statement, in a function of its own (see `resource-type-mismatch`: a check's generator is not optimized in the middle of its loop). */
function judgeStatement(statement: StatementView, iam: IamReference, report: (r: Report) => void): void {
  for (const [condition, verdict] of keyVerdicts(iam, statement)) {
    if (verdict.kind === 'unsupported') continue;
    const start = condition.keyNode.offset;
    const end = start + condition.keyNode.length;
    const service = `${iam.serviceName(verdict.service) ?? verdict.service} (${verdict.service})`;
    if (verdict.kind === 'other-service') {
      const key = conditionKey(condition.key)?.key ?? verdict.definition.key;
      report({
        start,
        end,
        message: `${key} is a condition key of ${service}, and this statement's actions (${shortList(verdict.actions)}) are not: their requests never carry it${absentKeyConsequence(condition, statement.effect)}.`,
      });
      continue;
    }
    const taken = membersOf(condition.block);
    const near = verdict.near.filter((n) => !taken.has(n));
    report({
      start,
      end,
      message: `${condition.key} is not a condition key of ${service}${near.length ? `; did you mean ${near[0]}?` : '.'}`,
      fixes: near.map((name, i) => ({ title: `Change to ${name}`, edits: [{ start, end, newText: JSON.stringify(name) }], preferred: i === 0 })),
    });
  }
}
