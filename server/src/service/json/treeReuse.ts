/**
 * A policy read again after an edit inside one of its statements: only that statement is parsed,
 * and the others keep their nodes. A 1 MB policy holds thousands of statements; a key typed in one
 * of them changes none of the others' trees, only where those after it are.
 *
 * The edit must lie strictly inside one item of the top-level `Statement` list (its braces left
 * as they were), in a text the last reading parsed without an error, and the item must read alone
 * without one, to its last character: the whole parse then reads the same tokens in the same
 * state around it, and builds the same nodes, offsets and (no) errors. Anything else answers
 * undefined, and the whole text is parsed.
 *
 * The statements before the edit are where they were: a validation's reading (`share`) takes them
 * as they are, nodes and all (their parent becomes the new list: the tree it replaces is read no
 * more), so what was worked out from them holds; a request's reading copies them (its tree may be
 * the one kept, and a validation sharing after it would take their parent away). The statements
 * after it are copied to their new offsets. `test/unit/json/treeReuse.test.ts` holds the result
 * to the whole parse over chains of edits.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { samePrefix, sameSuffix } from '../util/strings';
import { type Mutable, movedTree } from './moveTree';
import { jsonTreeSteps } from './tree';

/** Characters of statements copied between two yields (about a millisecond's work). */
const COPY_SLICE = 16_384;

/** What a reading of a text left: its tree and whether it had errors. */
export interface LastReading {
  text: string;
  root: Node | undefined;
  /** Its syntax errors: a reading with any is not reused. */
  errorCount: number;
}

/** How a tree was read from its predecessor's (`statementReread`). */
export interface StatementReread {
  /**
   * The predecessor's tree, until a reader lets it go (`json/statementReuse.ts` reads what it
   * kept on it once): the predecessor's own link is dropped when this one is made, so no chain
   * of versions is held.
   */
  previous?: Node;
  /** The index, in the Statement list, of the statement read again; the others are the predecessor's. */
  at: number;
  /** How far the statements after it moved. */
  delta: number;
}

const rereads = new WeakMap<Node, StatementReread>();

/** For a tree `reparseStatementSteps` made: its predecessor's, and which statement it read again. */
export function statementReread(root: Node | undefined): StatementReread | undefined {
  return root && rereads.get(root);
}

/**
 * The tree of `text` with the statements of `previous` an edit left alone reused, or undefined
 * when the edit is not inside one statement or the statement does not read alone (see above).
 */
export function* reparseStatementSteps(text: string, previous: LastReading, slice: number, share: boolean): Generator<void, Node | undefined> {
  const root = previous.root;
  if (previous.errorCount || root?.type !== 'object') return undefined;
  // Only a policy's statements are read alone: any other JSON (a workteam, a CDK template) is not
  // compared with its last version at every key for nothing.
  const property = statementProperty(root);
  const list = property?.children?.[1];
  const items = list?.children ?? [];
  if (!items.length) return undefined;
  const old = previous.text;
  const limit = Math.min(old.length, text.length);
  const prefix = samePrefix(old, text, 0, limit);
  if (prefix === old.length && prefix === text.length) return undefined;
  const suffix = sameSuffix(old, text, limit - prefix);
  const delta = text.length - old.length;
  const oldEnd = old.length - suffix;
  // The statement the edit is inside: its braces before and after what changed.
  const at = indexContaining(items, prefix, oldEnd);
  if (at < 0) return undefined;
  const statement = items[at];
  if (statement.type !== 'object') return undefined;
  const start = statement.offset;
  const length = statement.length + delta;
  const errors: ParseError[] = [];
  const alone = yield* jsonTreeSteps(text.slice(start, start + length), errors, slice);
  if (errors.length || alone?.type !== 'object' || alone.offset !== 0 || alone.length !== length) return undefined;
  movedTree(alone, start, false);

  const end = (node: Node) => node.offset + node.length;
  const top: Mutable<Node> = {
    type: 'object',
    offset: root.offset,
    length: root.length + delta,
    parent: undefined,
    children: new Array(root.children!.length),
  };
  // The top has no parent, as `json/tree.ts` leaves it.
  delete top.parent;
  const newList: Mutable<Node> = { type: 'array', offset: list!.offset, length: list!.length + delta, parent: undefined, children: new Array(items.length) };
  // (`movedTree` answers undefined only for a member without its colon: none in a reading without errors.)
  // The statements after the edit copied to their new offsets, in steps (half a 1 MB policy's
  // nodes): nothing else holds the copies meanwhile. What follows, in one step, only links.
  let copiedLength = 0;
  for (let i = at + 1; i < items.length; i++) {
    newList.children![i] = movedTree(items[i], delta, true, newList)!;
    if ((copiedLength += items[i].length) >= COPY_SLICE) {
      copiedLength = 0;
      yield;
    }
  }
  root.children!.forEach((member, i) => {
    if (member === property) {
      const key = member.children![0];
      const copy: Mutable<Node> = { type: 'property', offset: member.offset, length: member.length + delta, parent: top, children: undefined };
      if (member.colonOffset !== undefined) copy.colonOffset = member.colonOffset;
      copy.children = [{ type: 'string', value: key.value, offset: key.offset, length: key.length, parent: copy }, newList];
      newList.parent = copy;
      top.children![i] = copy;
    } else top.children![i] = end(member) <= start ? kept(member, top, share) : movedTree(member, delta, true, top)!;
  });
  for (let i = 0; i < at; i++) newList.children![i] = kept(items[i], newList, share);
  (alone as Mutable<Node>).parent = newList;
  newList.children![at] = alone;
  rereads.set(top, { previous: root, at, delta });
  rereads.delete(root);
  return top;
}

/** The `Statement` member of a tree's top object, when its value is a list. */
function statementProperty(root: Node | undefined): Node | undefined {
  if (root?.type !== 'object') return undefined;
  return root.children?.find((p) => p.children?.[0]?.value === 'Statement' && p.children[1]?.type === 'array');
}

/** The items of the `Statement` list at the top of a tree (what `reparseStatementSteps` reads one of again). */
export function topStatements(root: Node | undefined): readonly Node[] | undefined {
  const list = statementProperty(root)?.children?.[1];
  return list && (list.children ?? []);
}

/** The index of the item that holds [from, to) strictly inside it (its first and last characters left out), or -1. */
function indexContaining(items: readonly Node[], from: number, to: number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item.offset + item.length <= from) low = middle + 1;
    else if (item.offset >= from) high = middle - 1;
    else return item.offset < from && to < item.offset + item.length ? middle : -1;
  }
  return -1;
}

/** A node where it was: itself under its new parent (`share`), or a copy. */
function kept(node: Node, parent: Node, share: boolean): Node {
  if (!share) return movedTree(node, 0, true, parent)!;
  (node as Mutable<Node>).parent = parent;
  return node;
}
