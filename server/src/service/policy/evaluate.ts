/**
 * IAM's policy evaluation logic, over one policy document and one modelled request: what IAM would
 * decide, or that the workspace does not decide it. Follows the IAM User Guide's "Policy evaluation
 * logic" and "IAM JSON policy elements: Condition operators":
 *
 * - a statement applies when its principal, action, resource and condition all match;
 * - an explicit Deny wins over any Allow; without an Allow that applies, the request is implicitly denied;
 * - in a Condition, operators and the keys under one operator are ANDed, the values of one key ORed
 *   (a negated operator is true when the request's value matches none of them); key names are
 *   case-insensitive;
 * - only the `*Like` and `Arn*` operators (and Action, Resource) expand `*` and `?`;
 * - a key absent from the request makes a positive operator false and a negated one true, any
 *   `...IfExists` operator true, `Null: true` true, `ForAllValues:` true and `ForAnyValue:` false.
 *
 * Three-valued: a policy variable (`${...}`), a key the request model leaves out, or a part of a
 * value it does not know (an account, a VPC endpoint id) makes a match undecided (`undefined`)
 * unless the answer is the same whatever it is. Pure and synchronous: no AWS SDK, no I/O; what it
 * knows of keys' types comes in as a function (`KeyTypes`) over the reference the caller holds.
 */
import { type Node, parseTree } from 'jsonc-parser';
import { arnParts } from '../domain/arn';
import { Cidr, contains, coveredBy, parseCidr } from '../domain/cidr';
import { type KeyTypes, globalKeyTypes } from '../domain/conditionKeys';
import { ConditionEntry, Principals, StatementView, hasPolicyVariable, statementsOf, wildcardMatch } from '../domain/iam';
import { hasUnknown } from '../domain/unknown';
import { KeptAnswers } from '../util/keptAnswers';
import { runSteps } from '../util/steps';

/** true, false, or `undefined`: the workspace does not decide. */
export type Tri = boolean | undefined;

/**
 * A part of a value the workspace does not know: any run of characters within one ARN component,
 * never `*` or `?` (no identifier, ARN or address holds them).
 */
export const UNKNOWN = null;
/** A string value as parts, some of which may be unknown: `['arn:aws:iam::', UNKNOWN, ':role/r']`. */
export type Value = readonly (string | typeof UNKNOWN)[];

export type ContextValue =
  /** The key is not in the request. */
  | { absent: true }
  /** The key's values (one for a single-valued key). */
  | { values: readonly Value[] }
  /** An IP address somewhere in this block, the same for every address of it when decided. */
  | { ip: Cidr };

export type RequestPrincipal = { anonymous: true } | { service: string } | { aws: Value };

export interface RequestModel {
  principal: RequestPrincipal;
  /**
   * Whether the identity policy being read is attached to the principal, so that its statements
   * (which have no Principal) apply: true when the request is modelled for the policy's own
   * identity, undefined when the workspace does not say.
   */
  attached?: boolean;
  action: string;
  /** The resource's ARN, or an object of the bucket the (bucket) policy is attached to, by its key. */
  resource: Value | { bucketObject: Value };
  /** Condition keys, lower-cased. A key left out is unknown: present or not, with any value. */
  context: ReadonlyMap<string, ContextValue>;
}

export interface Decision {
  /** `deny`: an explicit Deny applies; `implicit-deny`: no Allow applies; `undefined`: undecided. */
  outcome: 'allow' | 'deny' | 'implicit-deny' | undefined;
  /** The statements that decide: the Denies that apply, else the Allows that apply; when undecided, the ones that might apply. */
  deciding: StatementView[];
}

export function and(values: Iterable<Tri>): Tri {
  let result: Tri = true;
  for (const v of values) {
    if (v === false) return false;
    if (v === undefined) result = undefined;
  }
  return result;
}

export function or(values: Iterable<Tri>): Tri {
  let result: Tri = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === undefined) result = undefined;
  }
  return result;
}

const not = (v: Tri): Tri => (v === undefined ? undefined : !v);

/** What IAM decides for the request under one policy document. */
export function evaluate(statements: readonly StatementView[], request: RequestModel, types: KeyTypes = globalKeyTypes): Decision {
  return runSteps(evaluateSteps(statements, request, types, never));
}

const never = () => false;

/**
 * `evaluate`, yielding where `step` says (`stepEvery`): for a check that runs as steps over a
 * policy of thousands of statements, where one evaluation took 12 ms at 1 MB.
 */
export function* evaluateSteps(statements: readonly StatementView[], request: RequestModel, types: KeyTypes, step: () => boolean): Generator<void, Decision> {
  const denied = yield* applying('Deny', statements, request, types, step);
  if (denied.sure.length) return { outcome: 'deny', deciding: denied.sure };
  if (denied.maybe.length) return { outcome: undefined, deciding: denied.maybe };
  // No Deny applies: the Allows decide (a policy's Allows are not read when a Deny decides).
  const allowed = yield* applying('Allow', statements, request, types, step);
  if (allowed.sure.length) return { outcome: 'allow', deciding: allowed.sure };
  if (allowed.maybe.length) return { outcome: undefined, deciding: allowed.maybe };
  return { outcome: 'implicit-deny', deciding: [] };
}

/**
 * The statements of an Effect that apply to the request (`sure`) and those that may (`maybe`). A
 * statement with no valid Effect could be either (IAM refuses the document): it is read for both.
 */
function* applying(
  effect: 'Allow' | 'Deny',
  statements: readonly StatementView[],
  request: RequestModel,
  types: KeyTypes,
  step: () => boolean,
): Generator<void, { sure: StatementView[]; maybe: StatementView[] }> {
  const sure: StatementView[] = [];
  const maybe: StatementView[] = [];
  // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
  const eachStatement = statements;
  for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
    const statement = eachStatement[atStatement];
    if (step()) yield;
    if (statement.effect !== undefined && statement.effect !== effect) continue;
    const applies = statementApplies(statement, request, types);
    if (applies !== false) (applies && statement.effect === effect ? sure : maybe).push(statement);
  }
  return { sure, maybe };
}

/** Whether a statement applies to the request, whatever its Effect. */
export function statementApplies(statement: StatementView, request: RequestModel, types: KeyTypes = globalKeyTypes): Tri {
  // A statement the file does not decide (`domain/unknown.ts`) may apply or not.
  if (statement.opaque === 'statement') return undefined;
  const action = actionMatches(statement, request.action);
  if (action === false) return false;
  const principal = principalMatches(statement, request);
  if (principal === false) return false;
  const resource = resourceMatches(statement, request.resource);
  if (resource === false) return false;
  const conditions = conditionsHold(statement.conditions, request.context, types);
  if (conditions === false) return false;
  // Undecided when any part is (an opaque Condition that does not fail is undecided too).
  return action === true && principal === true && resource === true && conditions === true && statement.opaque !== 'condition' ? true : undefined;
}

/** The Condition element: every operator, and every key under it, must hold. */
export function conditionsHold(conditions: readonly ConditionEntry[], context: RequestModel['context'], types: KeyTypes = globalKeyTypes): Tri {
  let result: Tri = true;
  for (const condition of conditions) {
    const holds = conditionHolds(condition, context, types);
    if (holds === false) return false;
    if (holds === undefined) result = undefined;
  }
  return result;
}

// Principal, action, resource -----------------------------------------------------------------

function actionMatches(statement: StatementView, action: string): Tri {
  if (statement.actionNames) return anyActionMatches(statement.actionNames, action);
  if (statement.notActionNames) return not(anyActionMatches(statement.notActionNames, action));
  return false;
}

/** Action names are case-insensitive and take wildcards; an action the file does not decide (`domain/unknown.ts`) may be this one or not. */
function anyActionMatches(patterns: readonly string[], action: string): Tri {
  let result: Tri = false;
  for (const p of patterns) {
    if (hasUnknown(p)) result = undefined;
    else if (wildcardMatch(p, action)) return true;
  }
  return result;
}

function principalMatches(statement: StatementView, request: RequestModel): Tri {
  if (statement.notPrincipals) return not(principalIn(statement.notPrincipals, request.principal));
  // No Principal: an identity policy's statement, which applies to the identity it is attached to.
  if (!statement.principal) return statement.notPrincipal ? undefined : request.attached;
  return principalIn(statement.principal, request.principal);
}

const ACCOUNT_ROOT = /^(?:arn:[^:]+:iam::(\d{12}):root|(\d{12}))$/;

function principalIn(principals: Principals, request: RequestPrincipal): Tri {
  if (principals.everyone) return true;
  if (principals.unknown) return undefined;
  if ('anonymous' in request) return false;
  let result: Tri = false;
  if ('service' in request) {
    for (const s of principals.service) {
      const matched = serviceMatch(s.value, request.service);
      if (matched === true) return true;
      if (matched === undefined) result = undefined;
    }
    return result;
  }
  const known = knownString(request.aws);
  for (const { value } of principals.aws) {
    const matched = awsPrincipalMatch(value, known, request.aws);
    if (matched === true) return true;
    if (matched === undefined) result = undefined;
  }
  return result;
}

function awsPrincipalMatch(value: string, known: string | undefined, aws: Value): Tri {
  if (hasPolicyVariable(value)) return undefined;
  if (known !== undefined && known.toLowerCase() === value.toLowerCase()) return true;
  // The account as principal lets the account's own IAM policies decide for its roles and users.
  if (ACCOUNT_ROOT.test(value)) return undefined;
  return known !== undefined ? false : matchString(value, aws, false, true);
}

/** Service principals; the China partitions spell some with `.cn`, and the partition is not known here. */
function serviceMatch(name: string, service: string): Tri {
  if (hasUnknown(name)) return undefined;
  const a = name.toLowerCase();
  const b = service.toLowerCase();
  if (a === b) return true;
  return a.replace(/\.cn$/, '') === b.replace(/\.cn$/, '') ? undefined : false;
}

function resourceMatches(statement: StatementView, resource: RequestModel['resource']): Tri {
  // No Resource: a trust policy's statement, about the role it belongs to.
  if (!statement.resources && !statement.notResources) return true;
  if (statement.resources) return anyResourceMatches(statement.resources, resource);
  return not(anyResourceMatches(statement.notResources!, resource));
}

/** Whether some pattern matches the resource; a value that is not a string may (the file does not say what it is). */
function anyResourceMatches(nodes: readonly Node[], resource: RequestModel['resource']): Tri {
  let result: Tri = false;
  for (const node of nodes) {
    const matched = node.type === 'string' ? resourceMatch(node.value as string, resource) : undefined;
    if (matched === true) return true;
    if (matched === undefined) result = undefined;
  }
  return result;
}

/** A Resource pattern (case-sensitive, with wildcards) against the request's resource. */
function resourceMatch(pattern: string, resource: RequestModel['resource']): Tri {
  if (!('bucketObject' in resource)) return hasPolicyVariable(pattern) ? undefined : matchString(pattern, resource, true, false);
  if (pattern === '*') return true;
  const parts = arnParts(pattern);
  if (!parts) return hasPolicyVariable(pattern) ? undefined : false;
  // Neither the partition nor the bucket decides (a bucket policy takes only its own bucket's
  // ARNs): what the file does not say of them (`${AWS::Partition}`, `!Ref Bucket`) is left out.
  const [, partition, service, region, account, arnRest] = parts;
  const slashAt = arnRest.indexOf('/');
  const bucket = slashAt === -1 ? arnRest : arnRest.slice(0, slashAt);
  const rest = hasUnknown(bucket) ? `bucket${arnRest.slice(bucket.length)}` : arnRest;
  if ([hasUnknown(partition) ? '' : partition, service, region, account, rest].some(hasPolicyVariable)) return undefined;
  if (!wildcardMatch(service, 's3', false) || !wildcardMatch(region, '', false) || !wildcardMatch(account, '', false)) return false;
  const slash = rest.indexOf('/');
  if (slash === -1) {
    // The bucket itself, not its objects, unless a wildcard may run on into the key.
    if (rest === '*') return true;
    return rest.includes('*') ? undefined : false;
  }
  // A bucket policy names its own bucket: the key decides.
  return matchString(rest.slice(slash + 1), resource.bucketObject, true, false);
}

// Conditions -----------------------------------------------------------------------------------

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/** Whether an operator is a negated one (`StringNotEquals`, `NotIpAddress`, ...). */
export function isNegated(base: string): boolean {
  return base in NEGATED;
}

/** The policy's values for a key, as strings (IAM reads `true` and `"true"` alike); undefined when one is not a scalar. */
function scalars(nodes: ConditionEntry['values']): string[] | undefined {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') out.push(String(node.value));
    else return undefined;
  }
  return out;
}

type RequestValue = Value | { ip: Cidr };

/** Condition keys lower-cased, by spelling: every request model's evaluation looks each statement's keys up. */
const LOWER_CASE_KEYS = new KeptAnswers<string, string>(4_096, (key) => key.toLowerCase());

function conditionHolds(condition: ConditionEntry, context: RequestModel['context'], types: KeyTypes): Tri {
  const operator = condition.parsed;
  const policyValues = scalars(condition.values);
  if (!operator || !policyValues || !policyValues.length) return undefined;
  const value = context.get(LOWER_CASE_KEYS.get(condition.key));
  if (operator.base === 'Null') {
    if (operator.prefix || !value) return undefined;
    const absent = 'absent' in value;
    return or(policyValues.map((p) => (p.toLowerCase() === 'true' ? absent : p.toLowerCase() === 'false' ? !absent : undefined)));
  }
  if (!value) return undefined;
  const negated = isNegated(operator.base);
  if ('absent' in value) {
    if (operator.ifExists) return true;
    if (operator.prefix === 'ForAllValues:') return true;
    if (operator.prefix === 'ForAnyValue:') return false;
    return negated;
  }
  const positive = NEGATED[operator.base] ?? operator.base;
  const one = (v: RequestValue): Tri => {
    const matched = matchAny(positive, policyValues, v);
    return negated ? not(matched) : matched;
  };
  const values: RequestValue[] = 'ip' in value ? [value] : [...value.values];
  if (operator.prefix === 'ForAllValues:') return and(values.map(one));
  if (operator.prefix === 'ForAnyValue:') return or(values.map(one));
  // A multivalued key (several values, or typed `ArrayOf...`) under an operator without a set
  // prefix: IAM says such keys need one, and how it compares them without is not modelled.
  return values.length === 1 && !types(condition.key)?.multivalued ? one(values[0]) : undefined;
}

/** Whether the request's value matches at least one of the policy's values, under a positive operator. */
function matchAny(base: string, policyValues: string[], value: RequestValue): Tri {
  if (base === 'IpAddress') return ipMatch(policyValues, value);
  if ('ip' in value) return undefined;
  let result: Tri = false;
  for (const p of policyValues) {
    const matched = hasPolicyVariable(p) ? undefined : matchOne(base, p, value);
    if (matched === true) return true;
    if (matched === undefined) result = undefined;
  }
  return result;
}

/**
 * One policy value against one request value under an operator's comparison (a negated operator
 * compares as its positive form): for checks that ask what a value could ever match.
 */
export function valueMatches(base: string, policyValue: string, value: Value): Tri {
  return matchAny(NEGATED[base] ?? base, [policyValue], value);
}

function matchOne(base: string, p: string, value: Value): Tri {
  switch (base) {
    case 'StringEquals':
      return matchString(p, value, false, false);
    case 'StringEqualsIgnoreCase':
      return matchString(p, value, false, true);
    case 'StringLike':
      return matchString(p, value, true, false);
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(p, value);
    case 'Bool': {
      const known = knownString(value);
      return known === undefined ? undefined : p.toLowerCase() === known.toLowerCase();
    }
    case 'BinaryEquals': {
      const known = knownString(value);
      return known === undefined ? undefined : p === known;
    }
    default:
      return compareOrdered(base, p, value);
  }
}

/** Numeric and Date operators: both sides must be known and read as numbers or dates. */
function compareOrdered(base: string, p: string, value: Value): Tri {
  const known = knownString(value);
  if (known === undefined) return undefined;
  const read = base.startsWith('Numeric') ? readNumber : readDate;
  const a = read(known);
  const b = read(p);
  if (a === undefined || b === undefined) return undefined;
  const op = base.replace(/^(Numeric|Date)/, '');
  switch (op) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThan':
      return a > b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return undefined;
  }
}

function readNumber(text: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

/** ISO 8601 dates and times, or seconds since the epoch, as IAM's Date operators read them. */
function readDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * IpAddress over the union of the policy's blocks (a bare address is one host): true when the
 * request's block lies inside it, false when it lies outside every block, undecided otherwise.
 */
function ipMatch(policyValues: string[], value: RequestValue): Tri {
  let block: Cidr | undefined;
  if ('ip' in value) block = value.ip;
  else {
    const known = knownString(value);
    const parsed = known === undefined ? undefined : parseCidr(known);
    if (parsed?.ok) block = parsed.cidr;
  }
  if (!block) return undefined;
  const cidrs: Cidr[] = [];
  let unreadable = false;
  for (const p of policyValues) {
    const parsed = hasPolicyVariable(p) ? undefined : parseCidr(p);
    if (parsed?.ok) cidrs.push(parsed.cidr);
    else unreadable = true;
  }
  if (coveredBy(block, cidrs)) return true;
  const target = block;
  const overlaps = cidrs.some((c) => c.version === target.version && c.first <= target.last && target.first <= c.last);
  return overlaps || unreadable ? undefined : false;
}

/**
 * Splits a block of addresses into blocks on which every IP condition of the statements on `key`
 * decides the same way (each lies inside or outside each block the conditions name), so that a
 * request from each can be decided. Stops splitting at `limit` blocks.
 */
export function refineIpBlock(block: Cidr, statements: readonly StatementView[], key: string, limit = 512): Cidr[] {
  const lower = key.toLowerCase();
  const bounds: Cidr[] = [];
  for (const statement of statements) {
    for (const c of statement.conditions) {
      if (c.key.toLowerCase() !== lower || !c.parsed || (c.parsed.base !== 'IpAddress' && c.parsed.base !== 'NotIpAddress')) continue;
      for (const v of scalars(c.values) ?? []) {
        const parsed = parseCidr(v);
        if (parsed.ok && parsed.cidr.version === block.version) bounds.push(parsed.cidr);
      }
    }
  }
  const bits = block.version === 4 ? 32 : 128;
  const out: Cidr[] = [];
  const stack = [block];
  while (stack.length) {
    const b = stack.pop()!;
    const straddled = bounds.some((c) => c.first <= b.last && b.first <= c.last && !contains(c, b));
    if (!straddled || b.prefix === bits || out.length + stack.length >= limit) {
      out.push(b);
      continue;
    }
    const half = 1n << BigInt(bits - b.prefix - 1);
    const prefix = b.prefix + 1;
    stack.push({ ...b, prefix, last: b.first + half - 1n, hasPrefix: true }, { ...b, prefix, first: b.first + half, hasPrefix: true });
  }
  return out;
}

// Strings and ARNs -----------------------------------------------------------------------------

/** The value as a string when every part of it is known. */
export function knownString(value: Value): string | undefined {
  return value.every((p) => p !== UNKNOWN) ? value.join('') : undefined;
}

/** Stands for an unknown part when asking whether a pattern matches whatever it is. */
const OPAQUE = 0;
const OPAQUE_CHAR = String.fromCharCode(OPAQUE);

/**
 * A policy string against a request value: `wildcards` for the `*Like` operators (and Resource),
 * where `*` and `?` match; literal otherwise. Undecided when the unknown parts of the value decide.
 */
export function matchString(pattern: string, value: Value, wildcards: boolean, ignoreCase: boolean): Tri {
  const known = knownString(value);
  if (known !== undefined) {
    if (wildcards) return wildcardMatch(pattern, known, ignoreCase);
    return ignoreCase ? pattern.toLowerCase() === known.toLowerCase() : pattern === known;
  }
  // Matches whatever the unknown parts are: a `*` covers each of them.
  if (wildcards && wildcardMatch(pattern, value.map((p) => p ?? OPAQUE_CHAR).join(''), ignoreCase, OPAQUE)) return true;
  return mayMatch(pattern, value, wildcards, ignoreCase) ? undefined : false;
}

/** Past this many states, whether a pattern may match is not worked out (and is taken as "it may"). */
const MAX_STATES = 1_000_000;

/**
 * Whether some value of the unknown parts makes the pattern match: a search over (position in
 * the pattern, position in the value) pairs, each visited once.
 */
function mayMatch(pattern: string, value: Value, wildcards: boolean, ignoreCase: boolean): boolean {
  // A wholly unknown value (a principal the workspace does not name) is any run of characters
  // but `*` and `?`: a wildcard pattern covers it, and a literal one unless it holds either.
  if (value.length === 1 && value[0] === UNKNOWN) return wildcards || !/[*?]/.test(pattern);
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const tokens: (number | null)[] = [];
  for (const part of value) {
    if (part === UNKNOWN) tokens.push(null);
    else for (const ch of ignoreCase ? part.toLowerCase() : part) tokens.push(ch.charCodeAt(0));
  }
  const n = p.length;
  const m = tokens.length;
  if ((n + 1) * (m + 1) > MAX_STATES) return true;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack = [0];
  seen[0] = 1;
  const visit = (i: number, j: number) => {
    const k = i * (m + 1) + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / (m + 1));
    const j = k % (m + 1);
    if (i === n && j === m) return true;
    const c = i < n ? p.charCodeAt(i) : -1;
    const star = wildcards && c === 42;
    const t = j < m ? tokens[j] : undefined;
    if (star) {
      visit(i + 1, j);
      if (j < m) visit(i, j + 1);
    }
    if (t === null) {
      visit(i, j + 1);
      // No request value modelled here holds a `*` or `?` (ARNs, ids, addresses): a literal one is never produced.
      if (i < n && !star && ((wildcards && c === 63) || (c !== 42 && c !== 63))) visit(i + 1, j);
    } else if (t !== undefined && i < n && !star && ((wildcards && c === 63) || c === t)) {
      visit(i + 1, j + 1);
    }
  }
  return false;
}

/** ArnEquals / ArnLike: component by component, each with wildcards, case-sensitive. */
function arnMatch(pattern: string, value: Value): Tri {
  const patterns = arnParts(pattern);
  const components: (string | null)[][] = [[]];
  for (const part of value) {
    if (part === UNKNOWN) {
      components[components.length - 1].push(UNKNOWN);
      continue;
    }
    const pieces = part.split(':');
    pieces.forEach((piece, index) => {
      if (index > 0) {
        if (components.length < 6) components.push([]);
        else components[5].push(':');
      }
      if (piece) components[components.length - 1].push(piece);
    });
  }
  // A pattern of fewer than six components has none to compare with the last ones (a lone `*` aside).
  if (!patterns) return pattern === '*' ? undefined : false;
  if (components.length < 6) return false;
  return and(patterns.map((p, index) => matchString(p, components[index], true, false)));
}

const parsedStatements = new KeptAnswers<string, StatementView | undefined>(256, (text) => statementsOf(parseTree(`{"Statement": ${text}}`))[0]);

/** A statement kept as text in another file's facts, parsed once (its offsets are its own, not the file's). */
export function statementFromText(text: string): StatementView | undefined {
  return parsedStatements.get(text);
}
