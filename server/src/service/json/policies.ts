/** The IAM policy documents inside a recognised JSON file, as objects (policies in JSON strings are not read). */
import type { JSONPath, Node } from 'jsonc-parser';
import { ConditionEntry, StatementView, statementsOf, statementsOfSteps } from '../domain/iam';
import { JsonDocument, member, valuesOf } from './document';
import type { JsonShapeId } from './kinds';

/** Where a file of each shape holds its policies, from the top (`*`: every item of a list). */
const POLICY_PATHS: Partial<Record<JsonShapeId, readonly string[]>> = {
  Policy: [],
  CreateRole: ['AssumeRolePolicyDocument'],
  GetRole: ['Role', 'AssumeRolePolicyDocument'],
  VpcEndpoint: ['PolicyDocument'],
  CreateVpcEndpointResult: ['VpcEndpoint', 'PolicyDocument'],
  DescribeVpcEndpoints: ['VpcEndpoints', '*', 'PolicyDocument'],
};

export function policyObjects(document: JsonDocument): Node[] {
  const path = document.shape && POLICY_PATHS[document.shape.id];
  if (!document.root || !path) return [];
  let nodes: (Node | undefined)[] = [document.root];
  for (const step of path) nodes = step === '*' ? nodes.flatMap((n) => valuesOf(n)) : nodes.map((n) => member(n, step));
  return nodes.filter((n): n is Node => n?.type === 'object');
}

/**
 * Where a statement's own elements start in a path from the top of a file of this shape (as
 * jsonc-parser's `getLocation` gives it): the index after `Statement` (and its item's index), or
 * undefined when the path is not inside a policy's statement.
 */
export function statementPathStart(shape: JsonShapeId, path: JSONPath): number | undefined {
  const policy = POLICY_PATHS[shape];
  if (!policy || path.length < policy.length + 1) return undefined;
  if (!policy.every((step, i) => (step === '*' ? typeof path[i] === 'number' : path[i] === step))) return undefined;
  if (path[policy.length] !== 'Statement') return undefined;
  return typeof path[policy.length + 1] === 'number' ? policy.length + 2 : policy.length + 1;
}

/**
 * Whether a path from the top of a file of this shape is a value of a policy's `Action` or
 * `NotAction`, for completion and hover.
 */
export function isPolicyActionPath(shape: JsonShapeId, path: JSONPath): boolean {
  const start = statementPathStart(shape, path);
  if (start === undefined) return false;
  const rest = path.slice(start);
  return (rest[0] === 'Action' || rest[0] === 'NotAction') && (rest.length === 1 || (rest.length === 2 && typeof rest[1] === 'number'));
}

const statementCache = new WeakMap<JsonDocument, StatementView[]>();
const conditionCache = new WeakMap<JsonDocument, ConditionEntry[]>();

/** Every statement of every policy in the document; worked out once per document version. */
export function policyStatements(document: JsonDocument): StatementView[] {
  let statements = statementCache.get(document);
  if (!statements) statementCache.set(document, (statements = policyObjects(document).flatMap((policy) => statementsOf(policy))));
  return statements;
}

/** `policyStatements` worked out ahead, a step after each `slice` statements (`statementsOfSteps`), for a validation. */
export function* policyStatementsSteps(document: JsonDocument, slice: number): Generator<void, void> {
  if (statementCache.has(document)) return;
  for (const policy of policyObjects(document)) yield* statementsOfSteps(policy, slice);
  policyStatements(document);
}

/** Every condition (operator, key, values) of every statement of every policy in the document; worked out once per document version. */
export function policyConditions(document: JsonDocument): ConditionEntry[] {
  let conditions = conditionCache.get(document);
  if (!conditions) conditionCache.set(document, (conditions = policyStatements(document).flatMap((statement) => statement.conditions)));
  return conditions;
}

/**
 * `document` as checks that read each statement alone see it when only `statement` (an item of
 * the Statement list at its top) is to be read: its statements, conditions and typed values are
 * that statement's. Undefined when the document's policy is not its top.
 */
export function statementAlone(document: JsonDocument, statement: Node): JsonDocument | undefined {
  const policies = policyObjects(document);
  if (policies.length !== 1 || policies[0] !== document.root) return undefined;
  const view = policyStatements(document).find((v) => v.node === statement);
  if (!view) return undefined;
  const end = statement.offset + statement.length;
  const { arns } = document.analysis;
  const alone = document.withAnalysis({ issues: [], arns: arns.filter((a) => a.node.offset >= statement.offset && a.node.offset < end) });
  statementCache.set(alone, [view]);
  conditionCache.set(alone, view.conditions);
  return alone;
}
