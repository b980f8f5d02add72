import { hasUnknown } from '../../domain/unknown';
import type { Node } from 'jsonc-parser';
import { ArnContext, arnKindOf, arnProblem } from '../../domain/arn';
import { type ConditionEntry, type StatementView, conditionKey, familyOf } from '../../domain/iam';
import { policyConditions, policyStatements } from '../../json/policies';
import type { ArnKind } from '../../json/sagemakerFacts';
import type { JsonCheck, Report } from '../types';
import { stepEvery } from '../../util/steps';

/** Policy resources take wildcards and policy variables. */
const RESOURCE: ArnContext = { wildcards: true, variables: true };

export const invalidArn: JsonCheck = {
  meta: {
    code: 'invalid-arn',
    title: 'Invalid ARN',
    description:
      'A malformed workteam, workforce, IAM role, human task UI or flow definition ARN: in the SageMaker members that hold one (`WorkteamArn`, `RoleArn`, `HumanTaskUiArn`...), in `sagemaker:WorkteamArn` conditions, in policy resources and role principals. Also an ARN of the wrong kind (a role ARN where a workteam ARN belongs). Wildcards and policy variables (`${aws:username}`) are accepted where IAM accepts them.',
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  statementLocal: true,
  *run({ document, report }) {
    const step = stepEvery();
    for (const { node, kind, member } of document.analysis.arns) {
      if (step()) yield;
      check(node, kind, {}, report, member);
    }
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachCondition = policyConditions(document);
    for (let atCondition = 0; atCondition < eachCondition.length; atCondition++) {
      const condition = eachCondition[atCondition];
      if (step()) yield;
      checkCondition(condition, report);
    }
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      if (step()) yield;
      checkStatement(statement, report);
    }
  },
};

// One condition, one statement: in functions of their own (see `resource-type-mismatch`: a check's generator is not optimized in the middle of its loop).

/** Condition values of string and ARN operators may hold policy variables. */
const CONDITION: ArnContext = { wildcards: true, variables: true };

function checkCondition(condition: ConditionEntry, report: (r: Report) => void): void {
  if (conditionKey(condition.key)?.key !== 'sagemaker:WorkteamArn' || !condition.parsed) return;
  const family = familyOf(condition.parsed.base);
  if (family !== 'arn' && family !== 'string') return;
  // A wildcard under an exact string operator is condition-operator-mismatch's finding (it is literal there): the ARN's form is checked as a pattern.
  for (const node of condition.values) check(node, 'workteam', CONDITION, report, condition.key);
}

function checkStatement(statement: StatementView, report: (r: Report) => void): void {
  checkResources(statement.resources, report);
  checkResources(statement.notResources, report);
  for (const principal of statement.principal?.aws ?? []) {
    if (arnKindOf(principal.value) === 'role') check(principal.node, 'role', {}, report, 'Principal');
  }
}

function checkResources(nodes: Node[] | undefined, report: (r: Report) => void): void {
  for (const node of nodes ?? []) {
    const kind = node.type === 'string' ? arnKindOf(node.value as string, RESOURCE) : undefined;
    if (kind && kind !== 'role') check(node, kind, RESOURCE, report, 'Resource');
  }
}

function check(node: Node, kind: ArnKind, context: ArnContext, report: (r: Report) => void, where: string): void {
  // An ARN the file does not wholly decide (`${AWS::AccountId}` in CloudFormation) is not judged.
  if (node.type !== 'string' || hasUnknown(node.value as string)) return;
  const problem = arnProblem(node.value as string, kind, context);
  if (problem) report({ start: node.offset, end: node.offset + node.length, message: `Invalid ${kind} ARN in ${where}: ${problem}.` });
}
