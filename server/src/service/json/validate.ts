/**
 * Compares a JSON tree with its shape, once per document version, and lists what does not fit:
 * the shape checks (`unknown-property`, `missing-required-property`, `invalid-enum-value`,
 * `wrong-value-type`, `value-out-of-range`) each report their part. The walk follows the shape,
 * so it never descends deeper than the shape does, whatever the nesting of the file.
 */
import type { Node } from 'jsonc-parser';
import { closest, formatCount } from '../util/strings';
import { hasUnknown, isWhollyUnknown } from '../domain/unknown';
import { stepEvery } from '../util/steps';
import type { ArnKind, Limit } from './sagemakerFacts';
import type { JsonShapeInfo } from './kinds';
import type { Shape, StringShape, StructureShape } from './shapes';

export type ShapeIssue =
  | { kind: 'unknown'; key: Node; owner: string; suggestion?: string; known: readonly string[] }
  | { kind: 'missing'; object: Node; owner: string; names: string[] }
  | { kind: 'enum'; value: Node; member: string; values: readonly string[]; suggestion?: string; sdk?: boolean }
  | { kind: 'type'; value: Node; member: string; expected: string }
  | { kind: 'range'; node: Node; member: string; message: string };

export interface ShapeAnalysis {
  issues: ShapeIssue[];
  /** String values that hold an ARN of a known kind. */
  arns: { node: Node; kind: ArnKind; member: string }[];
}

/** Members of response documents that SDK printouts add and the API shapes do not list. */
const RESPONSE_EXTRAS = new Set(['ResponseMetadata']);

/**
 * The comparison of a document with its shape, yielding after every `slice` items of the lists it
 * walks (`Infinity`: in one call; a 1 MB policy's walk held the thread for 15-25 ms). The items of
 * a list are walked after the rest of the object that holds it (so that the walk can stop between
 * them), and the issues and ARNs are put back in the order of the text at the end: the same answer
 * as a walk in the text's order.
 */
export function* analyseSteps(root: Node, info: JsonShapeInfo, slice: number): Generator<void, ShapeAnalysis> {
  const out: Walk = { issues: [], arns: [], lists: [] };
  const rootOwner = info.label.replace(/^an? /, '');
  walk(root, info.shape(), rootOwner, out, true);
  const step = stepEvery(slice);
  for (let list = out.lists.pop(); list; list = out.lists.pop()) {
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachItem = list.items;
    for (let atItem = 0; atItem < eachItem.length; atItem++) {
      const item = eachItem[atItem];
      walk(item, list.shape, list.member, out);
      if (step()) yield;
    }
  }
  const at = (issue: ShapeIssue) =>
    (issue.kind === 'unknown' ? issue.key : issue.kind === 'missing' ? issue.object : issue.kind === 'range' ? issue.node : issue.value).offset;
  return {
    issues: out.issues
      .map((issue, order) => ({ issue, order }))
      .sort((a, b) => at(a.issue) - at(b.issue) || a.order - b.order)
      .map((e) => e.issue),
    arns: inTextOrder(out.arns),
  };
}

/** Typed values sorted by place: mostly already (a list's items are walked after the rest of their object, and a policy's values sit in its Statement list). */
function inTextOrder(arns: ShapeAnalysis['arns']): ShapeAnalysis['arns'] {
  for (let i = 1; i < arns.length; i++) if (arns[i - 1].node.offset > arns[i].node.offset) return arns.sort((a, b) => a.node.offset - b.node.offset);
  return arns;
}

/** What a walk has found, and the lists whose items it has still to walk. */
interface Walk extends ShapeAnalysis {
  lists: { items: Node[]; shape: Shape; member: string }[];
}

function jsonTypeName(node: Node): string {
  return node.type === 'array' ? 'a list' : node.type === 'object' ? 'an object' : node.type === 'null' ? 'null' : `a ${node.type}`;
}

function expectedName(shape: Shape): string {
  switch (shape.type) {
    case 'structure':
    case 'map':
      return 'an object';
    case 'list':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'timestamp':
      return 'a date';
    case 'oneOf':
      return shape.options.map(expectedName).join(' or ');
    case 'any':
      return 'a value';
  }
}

function fits(node: Node, shape: Shape): boolean {
  switch (shape.type) {
    case 'structure':
    case 'map':
      return node.type === 'object';
    case 'list':
      return node.type === 'array';
    case 'string':
      return node.type === 'string';
    case 'number':
      return node.type === 'number';
    case 'boolean':
      return node.type === 'boolean';
    case 'timestamp':
      return node.type === 'string' || node.type === 'number';
    case 'oneOf':
      return fittingOption(node, shape.options) !== undefined;
    case 'any':
      return true;
  }
}

/**
 * The first of `options` that `node` fits. A loop, not `find` with a closure: a closure over
 * `node` in `fits` or `walk` made V8 allocate a context at every call, for every node walked.
 */
function fittingOption(node: Node, options: readonly Shape[]): Shape | undefined {
  for (const option of options) if (fits(node, option)) return option;
  return undefined;
}

function walk(node: Node, shape: Shape, member: string, out: Walk, root = false): void {
  // A value the file does not decide (`domain/unknown.ts`) may be anything the shape takes.
  if (isWhollyUnknown(node)) return;
  if (!fits(node, shape)) {
    out.issues.push({ kind: 'type', value: node, member, expected: `${expectedName(shape)}, not ${jsonTypeName(node)}` });
    return;
  }
  switch (shape.type) {
    case 'oneOf':
      walk(node, fittingOption(node, shape.options)!, member, out);
      return;
    case 'structure':
      walkStructure(node, shape, member, out, root);
      return;
    case 'map':
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        const value = property.children?.[1];
        if (!key) continue;
        if (shape.keys && !shape.keys.isKnown(key.value as string)) {
          out.issues.push({
            kind: 'unknown',
            key,
            owner: shape.keys.what,
            known: shape.keys.names,
            suggestion: closest(key.value as string, shape.keys.names),
          });
        } else if (value) walk(value, shape.value, key.value as string, out);
      }
      return;
    case 'list': {
      const items = node.children ?? [];
      checkLimit(node, items.length, shape.limit, member, 'items', out);
      if (items.length) out.lists.push({ items, shape: shape.member, member });
      return;
    }
    case 'string':
      walkString(node, shape, member, out);
      return;
    case 'number':
      checkLimit(node, node.value as number, shape.limit, member, 'value', out);
      return;
    default:
      return;
  }
}

function walkStructure(node: Node, shape: StructureShape, owner: string, out: Walk, root: boolean): void {
  // No closure over `node` here, nor a set of its members: V8 would allocate either at every call,
  // for every object of a policy. Most objects have every member known and nothing required
  // missing, and they have a few members, which `hasMember` reads directly. Indexed loops:
  // unoptimised (a document's first validation), `for...of` makes an iterator result per item.
  const children = node.children ?? NO_NODES;
  for (let i = 0; i < children.length; i++) {
    const property = children[i];
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (!key) continue;
    const name = key.value as string;
    const memberShape = Object.prototype.hasOwnProperty.call(shape.members, name) ? shape.members[name] : undefined;
    if (memberShape) {
      if (value) walk(value, memberShape, name, out);
    } else if (!shape.open && !(root && RESPONSE_EXTRAS.has(name))) {
      const names = Object.keys(shape.members);
      out.issues.push({
        kind: 'unknown',
        key,
        owner: root ? owner : shape.name,
        known: names,
        suggestion: closest(name, absentNames(node, names)),
      });
    }
  }
  if (!shape.required.length && !shape.oneOfRequired?.length) return;
  // No list unless something is missing: every statement of a policy is read here.
  let missing: string[] | undefined;
  for (let i = 0; i < shape.required.length; i++) if (!hasMember(node, shape.required[i])) (missing ??= []).push(shape.required[i]);
  for (const group of shape.oneOfRequired ?? []) {
    if (!hasAnyMember(node, group)) (missing ??= []).push(group.join(' or '));
  }
  if (missing) out.issues.push({ kind: 'missing', object: node, owner: root ? owner : shape.name, names: missing });
}

function hasAnyMember(node: Node, names: readonly string[]): boolean {
  for (const name of names) if (hasMember(node, name)) return true;
  return false;
}

/** Which of `names` the object has no member of. */
function absentNames(node: Node, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) if (!hasMember(node, name)) out.push(name);
  return out;
}

function hasMember(node: Node, name: string): boolean {
  const children = node.children ?? NO_NODES;
  for (let i = 0; i < children.length; i++) if (children[i].children?.[0]?.value === name) return true;
  return false;
}

const NO_NODES: readonly Node[] = [];

function walkString(node: Node, shape: StringShape, member: string, out: Walk): void {
  const value = node.value as string;
  if (hasUnknown(value)) return;
  if (shape.enum && !shape.enum.values.includes(value)) {
    out.issues.push({ kind: 'enum', value: node, member, values: shape.enum.values, suggestion: closest(value, shape.enum.values), sdk: shape.enum.sdk });
  }
  checkLimit(node, value.length, shape.limit, member, 'characters', out);
  if (shape.arn) out.arns.push({ node, kind: shape.arn, member });
}

function checkLimit(node: Node, amount: number, limit: Limit | undefined, member: string, unit: 'items' | 'characters' | 'value', out: Walk): void {
  if (!limit) return;
  const { min, max } = limit;
  if ((min === undefined || amount >= min) && (max === undefined || amount <= max)) return;
  const allowed = min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  const message =
    unit === 'value'
      ? `${member} is ${amount}; it must be ${allowed}.`
      : `${member} has ${formatCount(amount)} ${amount === 1 ? unit.slice(0, -1) : unit}; the API accepts ${allowed.replace(/\d{4,}/g, (n) => formatCount(Number(n)))}.`;
  out.issues.push({ kind: 'range', node, member, message });
}
