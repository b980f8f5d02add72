import { hasUnknown } from '../../domain/unknown';
import type { Node } from 'jsonc-parser';
import { ArnContext, arnKindOf, arnProblem } from '../../domain/arn';
import { conditionKey, familyOf } from '../../domain/iam';
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
    for (const condition of policyConditions(document)) {
      if (step()) yield;
      if (conditionKey(condition.key)?.key !== 'sagemaker:WorkteamArn' || !condition.parsed) continue;
      const family = familyOf(condition.parsed.base);
      if (family !== 'arn' && family !== 'string') continue;
      // Condition values of string and ARN operators may hold policy variables. A wildcard under an exact string
      // operator is condition-operator-mismatch's finding (it is literal there): the ARN's form is checked as a pattern.
      for (const node of condition.values) check(node, 'workteam', { wildcards: true, variables: true }, report, condition.key);
    }
    for (const statement of policyStatements(document)) {
      if (step()) yield;
      for (const node of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
        const kind = node.type === 'string' ? arnKindOf(node.value as string, RESOURCE) : undefined;
        if (kind && kind !== 'role') check(node, kind, RESOURCE, report, 'Resource');
      }
      for (const principal of statement.principal?.aws ?? []) {
        if (arnKindOf(principal.value) === 'role') check(principal.node, 'role', {}, report, 'Principal');
      }
    }
  },
};

function check(node: Node, kind: ArnKind, context: ArnContext, report: (r: Report) => void, where: string): void {
  // An ARN the file does not wholly decide (`${AWS::AccountId}` in CloudFormation) is not judged.
  if (node.type !== 'string' || hasUnknown(node.value as string)) return;
  const problem = arnProblem(node.value as string, kind, context);
  if (problem) report({ start: node.offset, end: node.offset + node.length, message: `Invalid ${kind} ARN in ${where}: ${problem}.` });
}
