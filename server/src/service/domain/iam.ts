/**
 * IAM policy documents as the checks read them: statements with their effect, principals,
 * actions, resources and conditions, over the jsonc-parser tree (so every value keeps its
 * offsets). Also the condition keys this domain relies on, with what it knows of them.
 */
import type { Node } from 'jsonc-parser';
import { member, membersOf, stringValue, valuesOf } from '../json/document';
import { CONDITION_OPERATOR_BASES, ParsedOperator, parseConditionOperator } from '../json/shapes';
import { WORKTEAM_TYPES } from './arn';
import { keptSteps, runSteps } from '../util/steps';
import { fitted } from '../util/arrays';
import { KeptAnswers } from '../util/keptAnswers';
import { wildcardScan } from '../util/wildcardScan';
import { isWhollyUnknown } from './unknown';

export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

export function familyOf(base: ParsedOperator['base']): OperatorFamily {
  if (base === 'Null') return 'null';
  if (base === 'Bool') return 'bool';
  if (base === 'BinaryEquals') return 'binary';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'ip';
  if (base.startsWith('String')) return 'string';
  if (base.startsWith('Numeric')) return 'numeric';
  if (base.startsWith('Date')) return 'date';
  return 'arn';
}

/** "a, b or c", for messages. */
export function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? '');
}

/** "a, b and c", or the first `count` and how many more, for messages. */
export function shortList(items: readonly string[], count = 3): string {
  if (items.length > count) return `${items.slice(0, count).join(', ')} and ${items.length - count} more`;
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

/** The operators of a family, for messages and completion. */
export function operatorsOf(family: OperatorFamily): string[] {
  return CONDITION_OPERATOR_BASES.filter((b) => familyOf(b) === family);
}

/**
 * The condition keys that decide who may fetch task data and which workteams get jobs, with what
 * this domain knows of them beyond AWS's lists (`conditionKeys.ts`, `iamReference.ts`, which type
 * them): when a request carries them, and what goes wrong.
 */
export interface ConditionKeyInfo {
  key: string;
  /** Markdown for hover and completion. */
  docs: string;
  values?: readonly string[];
}

export const CONDITION_KEYS: readonly ConditionKeyInfo[] = [
  {
    key: 'aws:SourceIp',
    docs: "The public IP address the request comes from. Use `IpAddress` / `NotIpAddress` with CIDR blocks. It is absent on requests that arrive through a VPC endpoint (use `aws:VpcSourceIp` there), and private ranges never match it. For workers opening presigned URLs, this is the worker's own public address.",
  },
  {
    key: 'aws:VpcSourceIp',
    docs: 'The IP address inside the VPC that a request came from, present only on requests through a VPC endpoint. Use `IpAddress` / `NotIpAddress`; private ranges are expected here.',
  },
  {
    key: 'aws:SourceVpc',
    docs: 'The VPC (`vpc-…`) a request came through, present only on requests through a VPC endpoint. Use string operators. A bucket policy that requires it locks out workers whose browsers reach S3 over the internet.',
  },
  {
    key: 'aws:SourceVpce',
    docs: 'The VPC endpoint (`vpce-…`) a request came through, present only on requests through a VPC endpoint. Use string operators. A bucket policy that requires it locks out workers whose browsers reach S3 over the internet.',
  },
  {
    key: 'sagemaker:WorkteamType',
    values: WORKTEAM_TYPES,
    docs: 'The type of workteam a labeling job or flow definition sends tasks to: `public-crowd` (Amazon Mechanical Turk), `private-crowd` or `vendor-crowd`. Used on `sagemaker:CreateLabelingJob` and `sagemaker:CreateFlowDefinition`, typically in a Deny with `StringEquals` `public-crowd` so that data never goes to the public crowd. Use string operators.',
  },
  {
    key: 'sagemaker:WorkteamArn',
    docs: 'The ARN of the workteam a labeling job or flow definition sends tasks to (`arn:aws:sagemaker:<region>:<account>:workteam/<type>/<name>`). Use ARN operators (`ArnEquals`, `ArnLike`), which compare the ARN component by component.',
  },
];

// Condition key names are case-insensitive.
const KEYS_BY_LOWER_CASE = new Map(CONDITION_KEYS.map((k) => [k.key.toLowerCase(), k]));
/** `conditionKey`'s answers by the key as written: several checks look up each condition's key, with no lower-cased copy. */
const KEYS_BY_SPELLING = new KeptAnswers<string, ConditionKeyInfo | undefined>(4_096, (key) => KEYS_BY_LOWER_CASE.get(key.toLowerCase()));

export function conditionKey(key: string): ConditionKeyInfo | undefined {
  return KEYS_BY_SPELLING.get(key);
}

export interface ConditionEntry {
  operatorKey: Node;
  operator: string;
  parsed?: ParsedOperator;
  key: string;
  keyNode: Node;
  /** The value, or the items of a value list. */
  values: Node[];
  /** The operator's object: all keys under this operator. */
  block: Node;
}

export interface Principals {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  everyone: boolean;
  /** The file does not decide who the principal is (`domain/unknown.ts`). */
  unknown?: boolean;
  readonly aws: readonly { value: string; node: Node }[];
  readonly service: readonly { value: string; node: Node }[];
}

export interface StatementView {
  node: Node;
  effect?: 'Allow' | 'Deny';
  principal?: Principals;
  notPrincipal: boolean;
  /** Who `NotPrincipal` exempts. */
  notPrincipals?: Principals;
  actions?: Node[];
  notActions?: Node[];
  /** The string values of Action / NotAction, for matching. */
  actionNames?: string[];
  notActionNames?: string[];
  resources?: Node[];
  notResources?: Node[];
  conditions: ConditionEntry[];
  /**
   * A part the file does not decide (`domain/unknown.ts`): the whole statement, or its Condition
   * (the element, or an operator's block of keys). The statement may apply or not.
   */
  opaque?: 'statement' | 'condition';
}

/** A principal written as a string: `"*"` (everyone), or another (no one a request is made as). Shared by every such statement, so frozen. */
const STRING_PRINCIPALS = {
  everyone: Object.freeze<Principals>({ everyone: true, aws: Object.freeze([]), service: Object.freeze([]) }),
  other: Object.freeze<Principals>({ everyone: false, aws: Object.freeze([]), service: Object.freeze([]) }),
};

function principalsOf(node: Node | undefined): Principals | undefined {
  if (!node) return undefined;
  if (isWhollyUnknown(node)) return { everyone: false, unknown: true, aws: [], service: [] };
  if (node.type === 'string') return node.value === '*' ? STRING_PRINCIPALS.everyone : STRING_PRINCIPALS.other;
  const aws = principalStrings(member(node, 'AWS'));
  return { everyone: aws.some((a) => a.value === '*'), aws, service: principalStrings(member(node, 'Service')) };
}

function principalStrings(node: Node | undefined): { value: string; node: Node }[] {
  const out: { value: string; node: Node }[] = [];
  for (const v of valuesOf(node)) if (v.type === 'string') out.push({ value: v.value as string, node: v });
  return fitted(out);
}

const statementCache = new WeakMap<Node, StatementView[]>();
/**
 * Each statement node's view: a policy read again after an edit keeps the nodes of the statements
 * before it (`json/treeReuse.ts`, `cfn/yamlReuse.ts`), and their views with them.
 */
const viewsOf = new WeakMap<Node, StatementView>();

/**
 * The statements of a policy document node (a single statement object or a list). Computed once
 * per tree: several checks and the workspace facts read them.
 */
export function statementsOf(policy: Node | undefined): StatementView[] {
  if (!policy) return [];
  return statementCache.get(policy) ?? runSteps(statementsOfSteps(policy, Infinity));
}

/**
 * `statementsOf`, a step after each `slice` statements, for a validation (a 1 MB policy's
 * thousands of statements took tens of milliseconds in one go). The views are kept as
 * `statementsOf` keeps them; if a reader in between worked them out first, its views stay.
 */
export function statementsOfSteps(policy: Node, slice: number): Generator<void, StatementView[]> {
  return keptSteps(statementCache, policy, function* () {
    const statement = member(policy, 'Statement');
    const nodes = statement?.type === 'array' ? (statement.children ?? []) : statement ? [statement] : [];
    const views: StatementView[] = [];
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachNode = nodes;
    for (let atNode = 0; atNode < eachNode.length; atNode++) {
      const node = eachNode[atNode];
      if (node.type !== 'object' && !isWhollyUnknown(node)) continue;
      let view = viewsOf.get(node);
      if (!view) viewsOf.set(node, (view = statementView(node)));
      views.push(view);
      if (views.length % slice === 0) yield;
    }
    return views;
  });
}

/**
 * The members of an object as `membersOf` reads them (a name written twice counts once, in its
 * first place, with its last value), without a map for the common object that names each once:
 * a statement's Condition and its blocks are read for each of a policy's statements.
 */
function uniqueMembers(node: Node | undefined): { key: Node; value: Node }[] {
  if (node?.type !== 'object') return [];
  const out: { key: Node; value: Node }[] = [];
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (key?.type !== 'string' || !value) continue;
    for (const earlier of out) if (earlier.key.value === key.value) return [...membersOf(node).values()];
    out.push({ key, value });
  }
  return out;
}

/** The string values among `nodes`. */
function names(nodes: Node[] | undefined): string[] | undefined {
  if (!nodes) return undefined;
  const out: string[] = [];
  for (const n of nodes) if (n.type === 'string') out.push(n.value as string);
  return fitted(out);
}

/**
 * A statement's elements, read in one pass over its members (the last of a name wins, as in
 * `membersOf`): a view is made for each of a policy's statements when it is read, thousands in a
 * large policy, and a map of its members for each was most of what that allocated.
 */
function statementView(node: Node): StatementView {
  if (node.type !== 'object') return { node, notPrincipal: false, conditions: [], opaque: 'statement' };
  let effect: Node | undefined;
  let principal: Node | undefined;
  let notPrincipal: Node | undefined;
  let action: Node | undefined;
  let notAction: Node | undefined;
  let resource: Node | undefined;
  let notResource: Node | undefined;
  let condition: Node | undefined;
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (key?.type !== 'string' || !value) continue;
    switch (key.value) {
      case 'Effect':
        effect = value;
        break;
      case 'Principal':
        principal = value;
        break;
      case 'NotPrincipal':
        notPrincipal = value;
        break;
      case 'Action':
        action = value;
        break;
      case 'NotAction':
        notAction = value;
        break;
      case 'Resource':
        resource = value;
        break;
      case 'NotResource':
        notResource = value;
        break;
      case 'Condition':
        condition = value;
        break;
    }
  }
  const effectName = stringValue(effect);
  const conditions: ConditionEntry[] = [];
  let opaque = isWhollyUnknown(condition);
  for (const { key: operatorKey, value: block } of uniqueMembers(condition)) {
    if (isWhollyUnknown(block)) opaque = true;
    const operator = operatorKey.value as string;
    const parsed = parseConditionOperator(operator);
    for (const { key: keyNode, value } of uniqueMembers(block)) {
      conditions.push({ operatorKey, operator, parsed, key: keyNode.value as string, keyNode, values: valuesOf(value), block });
    }
  }
  const actions = action && valuesOf(action);
  const notActions = notAction && valuesOf(notAction);
  return {
    node,
    effect: effectName === 'Allow' || effectName === 'Deny' ? effectName : undefined,
    principal: principalsOf(principal),
    notPrincipal: notPrincipal !== undefined,
    notPrincipals: principalsOf(notPrincipal),
    actions,
    notActions,
    actionNames: names(actions),
    notActionNames: names(notActions),
    resources: resource && valuesOf(resource),
    notResources: notResource && valuesOf(notResource),
    // Kept with the tree: at their size (see `fitted`).
    conditions: fitted(conditions),
    opaque: opaque ? 'condition' : undefined,
  };
}

/** A policy variable (`${aws:username}`) makes a value unknown until the request: no check judges such a value. */
export function hasPolicyVariable(value: string): boolean {
  return value.includes('${');
}

const STAR = 42; // *
const QUESTION = 63; // ?

/**
 * IAM's wildcard match: `*` any run of characters (none included), `?` exactly one. Never
 * exponential, whatever the pattern (`wildcardScan`): a document cannot make it backtrack without
 * bound, and no regular expression is built from the pattern. `opaque`, a character code, stands
 * in the value for a part the workspace does not know: only a `*` may cover it, never `?` or a
 * literal.
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = true, opaque = -1): boolean {
  // Most patterns (action names, ARNs) hold no wildcard: compared without lower-cased copies.
  if (!pattern.includes('*') && !pattern.includes('?')) return sameText(pattern, value, ignoreCase, opaque);
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  return wildcardScan(
    p.length,
    v.length,
    (i) => p.charCodeAt(i) === STAR,
    (i, j) => {
      const c = p.charCodeAt(i);
      return v.charCodeAt(j) !== opaque && (c === QUESTION || c === v.charCodeAt(j));
    },
  );
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * `wildcardMatch` for a pattern with no wildcard: equal text (ASCII letters compared without
 * case, where asked), and no `opaque` character in the value. A statement's thousands of action
 * names are compared this way for each request and check; lower-casing both sides made two
 * strings a comparison. Non-ASCII text, rare in policies, is compared as `toLowerCase` has it.
 */
function sameText(pattern: string, value: string, ignoreCase: boolean, opaque: number): boolean {
  const length = pattern.length;
  if (length !== value.length) return ignoreCase && (NON_ASCII.test(pattern) || NON_ASCII.test(value)) ? sameLowerCase(pattern, value, opaque) : false;
  for (let i = 0; i < length; i++) {
    let a = pattern.charCodeAt(i);
    let b = value.charCodeAt(i);
    if (a === b) {
      if (b === opaque) return false;
      continue;
    }
    if (!ignoreCase) return false;
    if (a > 127 || b > 127) return sameLowerCase(pattern, value, opaque);
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}

function sameLowerCase(pattern: string, value: string, opaque: number): boolean {
  const v = value.toLowerCase();
  return pattern.toLowerCase() === v && (opaque < 0 || !v.includes(String.fromCharCode(opaque)));
}

/** Where a finding points at a statement: its Sid's value, or else its Effect key (or the statement itself). */
export function statementAnchor(statement: StatementView): { start: number; end: number } {
  const sid = member(statement.node, 'Sid');
  const effect = member(statement.node, 'Effect')?.parent?.children?.[0];
  const node = sid ?? effect ?? statement.node;
  return { start: node.offset, end: node.offset + node.length };
}

/** Whether a statement's Action/NotAction covers `action` (action names are case-insensitive). */
export function coversAction(statement: StatementView, action: string): boolean {
  if (statement.actionNames) return statement.actionNames.some((p) => wildcardMatch(p, action));
  if (statement.notActionNames) return !statement.notActionNames.some((p) => wildcardMatch(p, action));
  return false;
}

/** Buckets named by a statement's resources (`arn:aws:s3:::bucket/*` → bucket). */
export function bucketsOf(statement: StatementView): string[] {
  return (statement.resources ?? []).flatMap((r) => {
    const m = r.type === 'string' ? /^arn:[^:]+:s3:::([^/*?]+)/.exec(r.value as string) : null;
    return m ? [m[1]] : [];
  });
}
