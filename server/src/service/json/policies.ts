/** The IAM policy documents inside a recognised JSON file, as objects (policies in JSON strings are not read). */
import type { Node } from 'jsonc-parser';
import { ConditionEntry, StatementView, statementsOf } from '../domain/iam';
import { JsonDocument, member, valuesOf } from './document';

export function policyObjects(document: JsonDocument): Node[] {
  const root = document.root;
  if (!root || !document.shape) return [];
  const objects = (nodes: (Node | undefined)[]) => nodes.filter((n): n is Node => n?.type === 'object');
  switch (document.shape.id) {
    case 'Policy':
      return [root];
    case 'CreateRole':
      return objects([member(root, 'AssumeRolePolicyDocument')]);
    case 'GetRole':
      return objects([member(member(root, 'Role'), 'AssumeRolePolicyDocument')]);
    case 'VpcEndpoint':
      return objects([member(root, 'PolicyDocument')]);
    case 'CreateVpcEndpointResult':
      return objects([member(member(root, 'VpcEndpoint'), 'PolicyDocument')]);
    case 'DescribeVpcEndpoints':
      return objects(valuesOf(member(root, 'VpcEndpoints')).map((e) => member(e, 'PolicyDocument')));
    default:
      return [];
  }
}

const statementCache = new WeakMap<JsonDocument, StatementView[]>();
const conditionCache = new WeakMap<JsonDocument, ConditionEntry[]>();

/** Every statement of every policy in the document; worked out once per document version. */
export function policyStatements(document: JsonDocument): StatementView[] {
  let statements = statementCache.get(document);
  if (!statements) statementCache.set(document, (statements = policyObjects(document).flatMap((policy) => statementsOf(policy))));
  return statements;
}

/** Every condition (operator, key, values) of every statement of every policy in the document; worked out once per document version. */
export function policyConditions(document: JsonDocument): ConditionEntry[] {
  let conditions = conditionCache.get(document);
  if (!conditions) conditionCache.set(document, (conditions = policyStatements(document).flatMap((statement) => statement.conditions)));
  return conditions;
}
