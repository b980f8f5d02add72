/**
 * A YAML document read from js-yaml's event stream (`parseEvents`: each node's kind, style, tag
 * and source offsets, in document order), as the nodes `yaml.ts` makes of the `yaml` package's
 * document: the same types, values, offsets, lengths and colons, node for node. It reads a 100 KB
 * stack several times faster, and allocates a fraction of what the `yaml` package's lexer, parser
 * and composer did, which were most of opening one (decision 0011).
 *
 * It answers only for the texts it reads the same way: one block or flow mapping or sequence,
 * with plain or quoted keys, of scalars (plain, quoted, and block scalars whose extent is plain to
 * see), collections and CloudFormation's short-form tags. Anything else is undefined, and the
 * `yaml` package reads the text, so its errors and its tolerant reading of a broken file are what
 * the editor shows: an error, an anchor or alias, another tag, an explicit or complex key, an
 * empty value in a flow collection, a second document, a directive, a block scalar kept with `+`
 * or followed by blank lines holding spaces; and where js-yaml was found to let pass what the
 * `yaml` package reports, a tab, a lone CR, a document end marker, a block mapping's key or a
 * block sequence's dash off its collection's column or not first on its line, anything but
 * comments and `---` before the top node. A test holds the two to the same nodes over generated
 * stacks, the repository's YAML, 3,000 random documents and 4,000 edited ones.
 *
 * Plain scalars are typed by the `yaml` package's own core-schema tags, as its composer does.
 */
import type { Node } from 'jsonc-parser';
import { getScalarValue, parseEvents, type Event, type MappingEvent, type ScalarEvent, type SequenceEvent } from 'js-yaml';
import { Document, isScalar, type ScalarTag } from 'yaml';
import { MAX_DEPTH, SHORT_FORMS } from './yamlCommon';

// js-yaml's `EVENT_ID`, `SCALAR_STYLE` and `COLLECTION_STYLE`.
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const POP = 6;
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;
const FLOW = 2;
const KEEP = 3;

/** Thrown where the reader does not decide; `readYamlEvents` answers undefined. */
const UNDECIDED = new Error('undecided');

/** Collections nested deeper than this are left to the `yaml` package (which cuts its tree at `MAX_DEPTH`). */
const MAX_NESTING = 100;

/** A lone CR, a tab, a document end marker: texts js-yaml reads otherwise than the `yaml` package, or lets pass where that one reports. */
const NOT_READ = /\r(?!\n)|\t|(?:^|\n)\.\.\.(?:[ \r\n]|$)/;

/** A collection's children until it closes (`EventReader.pending`): shared, never read. */
const UNFILLED: Node[] = [];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The tree of `text` when it is a mapping or a sequence this reader reads as `yaml.ts` does (see
 * above), its nodes at their offsets in `text`; undefined otherwise.
 */
export function readYamlEvents(text: string): Node | undefined {
  if (NOT_READ.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_NESTING });
  } catch {
    return undefined;
  }
  // One document without directives, whose node is a mapping (a template) or a sequence (a piece of one).
  if (events.length < 3 || events[0].type !== 1 || events[0].directives.length) return undefined;
  const top = events[1];
  if (top.type !== MAPPING && top.type !== SEQUENCE) return undefined;
  // Before the mapping, comments and a document start marker at the margin; after it, comments.
  let start = skipTrivia(text, 0);
  if (text.startsWith('---', start) && (start === 0 || text.charCodeAt(start - 1) === 10) && isSpace(text.charCodeAt(start + 3)))
    start = skipTrivia(text, start + 3);
  if (top.tagStart !== -1 || start !== top.start) return undefined;
  const reader = new EventReader(text, events);
  try {
    const root = reader.node(undefined, 0, 0);
    return reader.atDocumentEnd() && skipTrivia(text, root.offset + root.length) === text.length ? root : undefined;
  } catch (error) {
    if (error === UNDECIDED) return undefined;
    throw error;
  }
}

class EventReader {
  private at = 1;
  /** Flow collections the reader is in. */
  private flow = 0;
  /** The members and items of the collections being read: each takes its own, a list of its size, when it closes. */
  private readonly pending: Node[] = [];

  constructor(
    private readonly text: string,
    private readonly events: Event[],
  ) {}

  /** Whether the events read so far were the whole of the one document. */
  atDocumentEnd(): boolean {
    return this.at === this.events.length - 1 && this.events[this.at].type === POP;
  }

  /**
   * The next event's node. `from`: where the text after what introduces it starts (past a
   * mapping's `:`, a sequence's `-`), where an empty value and a block scalar's header are found.
   */
  node(parent: Node | undefined, depth: number, from: number): Node {
    if (depth > MAX_DEPTH - 4) throw UNDECIDED;
    const event = this.events[this.at++];
    if (event.type !== SCALAR && event.type !== MAPPING && event.type !== SEQUENCE) throw UNDECIDED;
    if (event.anchorStart !== -1) throw UNDECIDED;
    if (event.tagStart === -1) return this.plain(event, parent, depth, from);
    // `!Tag value` as `{"Fn::Tag": value}`: the object spans the tag and the value, its key the tag.
    const tag = this.text.slice(event.tagStart, event.tagEnd);
    const long = SHORT_FORMS.get(tag);
    if (long === undefined) throw UNDECIDED;
    const tagStart = event.tagStart;
    const object: Mutable<Node> = { type: 'object', offset: tagStart, length: 0, parent, children: UNFILLED };
    const property: Mutable<Node> = { type: 'property', offset: tagStart, length: 0, parent: object, children: UNFILLED, colonOffset: tagStart + tag.length };
    const key: Node = { type: 'string', value: long, offset: tagStart, length: tag.length, parent: property };
    const value = this.plain(event, property, depth + 1, event.tagEnd);
    // `yaml.ts` finds the tag right before the value, past whitespace only.
    for (let i = event.tagEnd; i < value.offset; i++) if (!isSpace(this.text.charCodeAt(i))) throw UNDECIDED;
    object.length = property.length = value.offset + value.length - tagStart;
    property.children = [key, value];
    object.children = [property];
    return object;
  }

  private plain(event: Event, parent: Node | undefined, depth: number, from: number): Node {
    if (event.type === MAPPING) return this.mapping(event, parent, depth);
    if (event.type === SEQUENCE) return this.sequence(event, parent, depth);
    return this.scalar(event as ScalarEvent, parent, from);
  }

  private scalar(event: ScalarEvent, parent: Node | undefined, from: number): Node {
    const text = this.text;
    const tagged = event.tagStart !== -1;
    let start: number;
    let end: number;
    let value: unknown;
    if (event.valueStart === -1) {
      // An empty value: after its indicator and the spaces that follow it (`emptyScalarPosition`).
      if (this.flow || tagged) throw UNDECIDED;
      start = from;
      while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
      end = start;
      value = null;
    } else if (event.style === PLAIN) {
      start = event.valueStart;
      end = event.valueEnd;
      const source = getScalarValue(text, event);
      value = tagged ? source : resolvePlain(source);
    } else if (event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED) {
      start = event.valueStart - 1;
      end = event.valueEnd + 1;
      value = getScalarValue(text, event);
    } else {
      [start, end] = this.blockScalarRange(event, from);
      value = getScalarValue(text, event);
    }
    const length = end - start;
    if (typeof value === 'number' && Number.isFinite(value)) return { type: 'number', value, offset: start, length, parent };
    if (typeof value === 'boolean') return { type: 'boolean', value, offset: start, length, parent };
    if (value === null || value === undefined) return { type: 'null', value: null, offset: start, length, parent };
    return { type: 'string', value: typeof value === 'string' ? value : String(value), offset: start, length, parent };
  }

  /**
   * A block scalar from its header (`|` or `>`, the first thing past `from` but whitespace and
   * comments) to the line break after its last line that holds more than spaces, as the `yaml`
   * package's lexer ends it: blank lines after it are not its own. Undefined (thrown) where that
   * lexer's rules for trailing lines would need reading: `|+`, or blank lines holding spaces.
   */
  private blockScalarRange(event: ScalarEvent, from: number): [number, number] {
    const text = this.text;
    if (event.chomping === KEEP || this.flow) throw UNDECIDED;
    const start = skipTrivia(text, from);
    const header = text.charCodeAt(start);
    if (header !== 0x7c && header !== 0x3e) throw UNDECIDED;
    let last = event.valueEnd - 1;
    while (last >= event.valueStart && isSpace(text.charCodeAt(last))) last--;
    if (last < event.valueStart) throw UNDECIDED;
    const newline = text.indexOf('\n', last);
    if (newline === -1) return [start, text.length];
    // The lines after it up to the next that holds something: empty ones only.
    let next = newline + 1;
    for (;;) {
      const code = text.charCodeAt(next);
      if (code === 10) next++;
      else if (code === 13 && text.charCodeAt(next + 1) === 10) next += 2;
      else break;
    }
    if (next < text.length && isLineEnd(text, skipSpaces(text, next))) throw UNDECIDED;
    return [start, newline + 1];
  }

  private mapping(event: MappingEvent, parent: Node | undefined, depth: number): Node {
    const text = this.text;
    const flow = event.style === FLOW;
    if (flow) {
      if (text.charCodeAt(event.start) !== 0x7b) throw UNDECIDED;
      this.flow++;
    }
    const object: Mutable<Node> = { type: 'object', offset: event.start, length: 0, parent, children: UNFILLED };
    // Only a block collection's: a flow collection may sit far into a long line, and there are thousands on one.
    const column = flow ? -1 : columnOf(text, event.start);
    const pending = this.pending;
    const first = pending.length;
    let end = event.start + 1;
    for (let next = this.events[this.at]; next.type !== POP; next = this.events[this.at]) {
      this.at++;
      // A key: a plain or quoted scalar of its own, neither tagged nor anchored nor explicit (`? key`).
      if (next.type !== SCALAR || next.tagStart !== -1 || next.anchorStart !== -1 || next.valueStart === -1) throw UNDECIDED;
      const quoted = next.style === SINGLE_QUOTED || next.style === DOUBLE_QUOTED;
      if (!quoted && next.style !== PLAIN) throw UNDECIDED;
      const keyStart = quoted ? next.valueStart - 1 : next.valueStart;
      const keyEnd = quoted ? next.valueEnd + 1 : next.valueEnd;
      let before = keyStart - 1;
      while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
      if (text.charCodeAt(before) === 0x3f) throw UNDECIDED;
      // A block mapping's keys at one column, each after the first at the start of its line.
      if (!flow && (pending.length > first ? !startsLine(text, keyStart, column) : columnOf(text, keyStart) !== column)) throw UNDECIDED;
      const source = getScalarValue(text, next);
      const colon = text.indexOf(':', keyEnd);
      if (colon === -1) throw UNDECIDED;
      const property: Mutable<Node> = { type: 'property', offset: keyStart, length: 0, parent: object, children: UNFILLED, colonOffset: colon };
      const key: Node = {
        type: 'string',
        value: String(quoted ? source : resolvePlain(source)),
        offset: keyStart,
        length: keyEnd - keyStart,
        parent: property,
      };
      const value = this.node(property, depth + 1, colon + 1);
      property.children = [key, value];
      end = value.offset + value.length;
      property.length = Math.max(keyEnd, end) - keyStart;
      pending.push(property);
    }
    this.at++;
    object.children = pending.slice(first);
    pending.length = first;
    if (flow) {
      this.flow--;
      end = closeOfFlow(text, end, 0x7d);
    }
    object.length = end - event.start;
    return object;
  }

  private sequence(event: SequenceEvent, parent: Node | undefined, depth: number): Node {
    const text = this.text;
    const flow = event.style === FLOW;
    if (text.charCodeAt(event.start) !== (flow ? 0x5b : 0x2d)) throw UNDECIDED;
    if (flow) this.flow++;
    const array: Mutable<Node> = { type: 'array', offset: event.start, length: 0, parent, children: UNFILLED };
    const column = flow ? -1 : columnOf(text, event.start);
    const pending = this.pending;
    const first = pending.length;
    let end = event.start + 1;
    for (let next = this.events[this.at]; next.type !== POP; next = this.events[this.at]) {
      let from = end;
      if (!flow && pending.length > first) {
        // The next item's `-`, past the last one's end.
        // A block sequence's dashes at one column, each at the start of its line.
        const dash = skipTrivia(text, end);
        if (text.charCodeAt(dash) !== 0x2d || !startsLine(text, dash, column)) throw UNDECIDED;
        from = dash + 1;
      }
      const item = this.node(array, depth + 1, from);
      pending.push(item);
      end = item.offset + item.length;
    }
    this.at++;
    array.children = pending.slice(first);
    pending.length = first;
    if (flow) {
      this.flow--;
      end = closeOfFlow(text, end, 0x5d);
    } else if (!array.children!.length) throw UNDECIDED;
    array.length = end - event.start;
    return array;
  }
}

/** The end of a flow collection: past its closing bracket, found after its last item (or its opening one) past separators and comments. */
function closeOfFlow(text: string, from: number, bracket: number): number {
  let at = from;
  for (;;) {
    at = skipTrivia(text, at);
    if (text.charCodeAt(at) !== 0x2c) break;
    at++;
  }
  if (text.charCodeAt(at) !== bracket) throw UNDECIDED;
  return at + 1;
}

/** The column of `at`: the characters between it and the line break before it. */
function columnOf(text: string, at: number): number {
  return at - text.lastIndexOf('\n', at - 1) - 1;
}

/** Whether `at` is at `column` with nothing but spaces before it on its line. */
function startsLine(text: string, at: number, column: number): boolean {
  const lineStart = at - column;
  if (lineStart !== 0 && text.charCodeAt(lineStart - 1) !== 10) return false;
  for (let i = lineStart; i < at; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/** Past spaces, tabs, line breaks and comments. */
function skipTrivia(text: string, from: number): number {
  let at = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (isSpace(code)) at++;
    else if (code === 0x23) {
      const newline = text.indexOf('\n', at);
      if (newline === -1) return text.length;
      at = newline + 1;
    } else return at;
  }
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return at;
}

function isLineEnd(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return at >= text.length || code === 10 || (code === 13 && text.charCodeAt(at + 1) === 10);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The `yaml` package's core-schema tags that type a plain scalar, in its order (`findScalarTagByTest`). */
let plainTags: ScalarTag[] | undefined;

/**
 * The first characters of the plain scalars those tags take (null, booleans, numbers, `.inf` and
 * `.nan`); any other scalar is a string, without testing each tag's pattern (most of a
 * template's scalars: names, types, ARNs). A test holds the tags to it.
 */
export const TYPED_FIRST = /^[~nNtTfF0-9+\-.]/;

/** The tags `resolvePlain` tests, made once. */
export function plainScalarTags(): readonly ScalarTag[] {
  return (plainTags ??= (new Document(null).schema.tags as ScalarTag[]).filter((tag) => tag.default === true && !!tag.test));
}

/** A plain scalar's value as the `yaml` package's composer types it: null, boolean, number or the string itself. */
function resolvePlain(source: string): unknown {
  if (source.length && !TYPED_FIRST.test(source)) return source;
  const tags = plainScalarTags();
  // Indexed: unoptimised, `for...of` makes an iterator result per tag (a template's first validation).
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (!tag.test!.test(source)) continue;
    let failed = false;
    const resolved = tag.resolve(source, () => (failed = true), {} as Parameters<ScalarTag['resolve']>[2]);
    if (failed) throw UNDECIDED;
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return source;
}
