import type { Node } from 'jsonc-parser';
import { arnKindOf, arnProblem } from '../../domain/arn';
import { conditionKey, familyOf, statementsOf } from '../../domain/iam';
import { policyObjects } from '../../json/policies';
import type { ArnKind } from '../../json/sagemakerFacts';
import type { JsonCheck, Report } from '../types';

export const invalidArn: JsonCheck = {
  meta: {
    code: 'invalid-arn',
    title: 'Invalid ARN',
    description:
      'A malformed workteam, workforce, IAM role, human task UI or flow definition ARN: in the SageMaker members that hold one (`WorkteamArn`, `RoleArn`, `HumanTaskUiArn`...), in `sagemaker:WorkteamArn` conditions, in policy resources and role principals. Also an ARN of the wrong kind (a role ARN where a workteam ARN belongs). Wildcards are accepted where IAM accepts them.',
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    for (const { node, kind, member } of document.analysis.arns) {
      check(node, kind, false, report, member);
    }
    for (const policy of policyObjects(document)) {
      for (const statement of statementsOf(policy)) {
        for (const condition of statement.conditions) {
          if (conditionKey(condition.key)?.key !== 'sagemaker:WorkteamArn' || !condition.parsed) continue;
          const family = familyOf(condition.parsed.base);
          // ARN operators take wildcards in each component; string operators only in the Like forms.
          const wildcards = family === 'arn' || condition.parsed.base === 'StringLike' || condition.parsed.base === 'StringNotLike';
          if (family !== 'arn' && family !== 'string') continue;
          for (const node of condition.values) check(node, 'workteam', wildcards, report, condition.key);
        }
        for (const node of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
          const kind = node.type === 'string' ? arnKindOf(node.value as string) : undefined;
          if (kind && kind !== 'role') check(node, kind, true, report, 'Resource');
        }
        for (const principal of statement.principal?.aws ?? []) {
          if (arnKindOf(principal.value) === 'role') check(principal.node, 'role', false, report, 'Principal');
        }
      }
    }
  },
};

function check(node: Node, kind: ArnKind, wildcards: boolean, report: (r: Report) => void, where: string): void {
  if (node.type !== 'string') return;
  const problem = arnProblem(node.value as string, kind, wildcards);
  if (problem) report({ start: node.offset, end: node.offset + node.length, message: `Invalid ${kind} ARN in ${where}: ${problem}.` });
}
