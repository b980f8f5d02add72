/**
 * A CloudFormation template in YAML as the tree the JSON checks read: jsonc-parser `Node`s whose
 * offsets point into the YAML text, so a finding on a node lands on its YAML span. Parsed by the
 * `yaml` package (no YAML parser of our own), with CloudFormation's short-form intrinsic tags
 * registered; a tagged value becomes the long form's one-member object (`!Ref X` is read as
 * `{"Ref": "X"}`, `!GetAtt A.B` as `{"Fn::GetAtt": "A.B"}`), whose key spans the tag. Parsing never
 * throws: errors are returned, and the tree holds what parsed.
 */
import type { Node } from 'jsonc-parser';
import {
  Alias,
  Composer,
  Document,
  Lexer,
  Parser,
  YAMLParseError,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type CollectionTag,
  type Pair,
  type ScalarTag,
  type YAMLMap,
} from 'yaml';
import type { JsonError } from '../json/document';
import { runSteps, stepEvery } from '../util/steps';
import { MAX_DEPTH, SHORT_FORMS } from './yamlCommon';
import { readYamlEvents } from './yamlEvents';

/** Each tag on a scalar, a sequence and a mapping; the value is kept as the parser read it. */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = [...SHORT_FORMS.keys()].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]) as (ScalarTag | CollectionTag)[];

/** Nodes one document may expand to through aliases (a "billion laughs" file stops here): no template repeats this much. */
const MAX_ALIASED_NODES = 20_000;

export interface YamlTree {
  root: Node | undefined;
  errors: JsonError[];
}

const OPTIONS = { customTags: CUSTOM_TAGS, merge: false, uniqueKeys: false, prettyErrors: false, strict: false, keepSourceTokens: false };

/**
 * The tree of `text`, read in one call: by js-yaml's events where they decide it
 * (`yamlEvents.ts`, several times faster), else by the `yaml` package.
 */
export function parseYamlTree(text: string): YamlTree {
  const root = readYamlEvents(text);
  if (root) {
    SELF_CONTAINED.add(root);
    return { root, errors: [] };
  }
  return runSteps(parseYamlTreeSteps(text, Infinity));
}

/**
 * The roots of trees each of whose nodes was read from its own text: parsed without an error,
 * an alias (which reads another place's nodes) or a tag placed by search (`Converter.tagStart`).
 * Only such a tree's nodes may be reused for the same text elsewhere (`yamlReuse.ts`).
 */
const SELF_CONTAINED = new WeakSet<Node>();

/** Marks a tree put together from self-contained pieces (`yamlReuse.ts`): it is one too. */
export function markSelfContained(root: Node): void {
  SELF_CONTAINED.add(root);
}

/** Whether every node of the tree under `root` was read from its own text (`SELF_CONTAINED`). */
export function isSelfContained(root: Node | undefined): boolean {
  return !!root && SELF_CONTAINED.has(root);
}

/**
 * `parseYamlTree` a slice at a time, for a validation: the generator yields after every `slice`
 * tokens of the `yaml` package's lexer and parser, and a template's resources are composed
 * `resourcesPerStep` at a time (`composeInPieces`); the document is then read as nodes in one
 * step. What `parseDocument` does, in its order, errors included.
 */
export function* parseYamlTreeSteps(text: string, slice: number, resourcesPerStep = RESOURCES_PER_STEP): Generator<void, YamlTree> {
  if (opensTooMany(text)) return { root: undefined, errors: [{ start: 0, end: Math.min(1, text.length), message: TOO_DEEP }] };
  let document: Document.Parsed | undefined;
  try {
    // What `Parser.parse` does, its lexer's tokens handed over one by one, so that the generator can
    // stop between two: the lexer reads the whole text as one (read in pieces, it reads some lines
    // differently), and where it stops changes nothing.
    const lexer = new Lexer();
    const parser = new Parser();
    const tokens: CST.Token[] = [];
    const step = stepEvery(slice);
    for (const lexeme of lexer.lex(text)) {
      for (const token of parser.next(lexeme)) tokens.push(token);
      if (step()) yield;
    }
    for (const token of parser.end()) tokens.push(token);
    document = (slice === Infinity ? undefined : yield* composeInPieces(tokens, text.length, resourcesPerStep)) ?? composeWhole(tokens, text.length);
  } catch (error) {
    // The parser and the composer recurse per nesting level; a hostile file can exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return { root: undefined, errors: [{ start: 0, end: Math.min(1, text.length), message: TOO_DEEP }] };
  }
  if (!document) return { root: undefined, errors: [] };
  const errors: JsonError[] = [];
  let lineEnd = -1;
  for (const e of document.errors) {
    // One mistake makes the parser stumble again further along its line (after a tab: "nested mappings", "implicit keys"): the first says it.
    if (e.pos[0] <= lineEnd) continue;
    const newline = text.indexOf('\n', e.pos[0]);
    lineEnd = newline === -1 ? text.length : newline;
    errors.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + (e.pos[0] < text.length ? 1 : 0)), message: firstLine(e.message) });
  }
  const converter = new Converter(text, document);
  let root: Node | undefined;
  try {
    root = document.contents
      ? slice === Infinity
        ? converter.convert(document.contents, undefined, 0)
        : yield* converter.convertSteps(document.contents, resourcesPerStep)
      : undefined;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    errors.push({ start: 0, end: Math.min(1, text.length), message: TOO_DEEP });
  }
  if (converter.truncated)
    errors.push({ start: 0, end: Math.min(1, text.length), message: 'The YAML expands to too many values through its aliases to read in full' });
  if (root && !errors.length && !converter.readElsewhere) SELF_CONTAINED.add(root);
  return { root, errors };
}

const TOO_DEEP = 'The YAML is nested too deeply to read';

/**
 * Flow collections left open at once past which the `yaml` package is not asked: its composer
 * runs out of stack below a thousand (an error, caught above), but its lexer and parser first
 * hold every open one, and half a megabyte of `[` took it past 400 MB and ended the process.
 */
const MAX_OPEN_BRACKETS = 10_000;

/**
 * Whether more brackets than `MAX_OPEN_BRACKETS` are open at some point of the text, counting
 * every `[` and `{` and every `]` and `}` wherever they are (in a string or comment too): more
 * than a template's nesting, or its strings' stray brackets, ever come to.
 */
function opensTooMany(text: string): boolean {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5b || code === 0x7b) {
      if (++open > MAX_OPEN_BRACKETS) return true;
    } else if ((code === 0x5d || code === 0x7d) && open > 0) open--;
  }
  return false;
}

/** The whole token stream composed in one call, as `parseDocument` does; a second document is an error. */
function composeWhole(tokens: CST.Token[], length: number): Document.Parsed | undefined {
  let document: Document.Parsed | undefined;
  for (const composed of new Composer(OPTIONS).compose(tokens, true, length)) {
    if (!document) document = composed;
    else {
      document.errors.push(
        new YAMLParseError([composed.range[0], composed.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
      );
      break;
    }
  }
  return document;
}

/** Resources composed between two yields: about a millisecond's work. */
const RESOURCES_PER_STEP = 16;

/**
 * A template's document composed a few resources at a time: composing is a quarter of the
 * parse, and the `yaml` package composes a document in one call (30 ms for a 100 KB stack, 300
 * ms at 1 MB, under which a request waited). The document's CST is composed with its
 * `Resources` mapping cut to its first `perStep` items, then the same CST with only `Resources`
 * and each further run of items; the pairs composed apart join the first document's mapping.
 * Every node is composed from its own tokens, with its own offsets, so the nodes are those of
 * one call; an alias is resolved only when read (`Alias.resolve`, over the joined document in its
 * order), so one to an anchor in another piece finds the same node. Any error in any piece and
 * the result is undefined: the caller composes the whole in one call, whose errors are the
 * package's own. Undefined too when there is nothing to cut: not one document whose top is a
 * block mapping with a block mapping of more than `perStep` resources.
 */
function* composeInPieces(tokens: CST.Token[], length: number, perStep: number): Generator<void, Document.Parsed | undefined> {
  const documents = tokens.filter((t): t is CST.Document => t.type === 'document');
  if (documents.length !== 1 || tokens.some((t) => t.type === 'directive')) return undefined;
  const doc = documents[0];
  const top = doc.value;
  if (top?.type !== 'block-map') return undefined;
  const at = top.items.findIndex((item) => item.key?.type === 'scalar' && item.key.source === 'Resources' && item.value?.type === 'block-map');
  if (at < 0) return undefined;
  const entry = top.items[at];
  const resources = entry.value as CST.BlockMap;
  if (resources.items.length <= perStep) return undefined;
  const withResources = (items: CST.BlockMap['items'], others: boolean): CST.Document => {
    const cut = { ...entry, value: { ...resources, items } } as CST.BlockMap['items'][number];
    return { ...doc, value: { ...top, items: others ? top.items.map((item, i) => (i === at ? cut : item)) : [cut] } };
  };
  const first = composeWhole(
    tokens.map((t) => (t === doc ? withResources(resources.items.slice(0, perStep), true) : t)),
    length,
  );
  const keyOffset = (entry.key as CST.FlowScalar).offset;
  const mappingOf = (document: Document.Parsed | undefined) => {
    if (!document || document.errors.length || !isMap(document.contents)) return undefined;
    const pair = document.contents.items.find((p) => isScalar(p.key) && p.key.range?.[0] === keyOffset);
    return isMap(pair?.value) ? pair.value : undefined;
  };
  const mapping = mappingOf(first);
  if (!mapping) return undefined;
  for (let start = perStep; start < resources.items.length; start += perStep) {
    yield;
    const piece = mappingOf(composeWhole([withResources(resources.items.slice(start, start + perStep), false)], length));
    if (!piece) return undefined;
    mapping.items.push(...piece.items);
  }
  return first;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

type YamlNode = NonNullable<Document.Parsed['contents']>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Converter {
  /** Nodes read again through aliases. */
  private aliased = 0;
  /** How many aliases the node being read is under. */
  private underAlias = 0;
  /** Each alias's anchored node: the parser finds it by walking the document. */
  private readonly targets = new Map<Alias, unknown>();
  truncated = false;
  /** Whether a node came from another place's text (an alias) or a tag was found by search. */
  readElsewhere = false;

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
  ) {}

  convert(node: unknown, parent: Node | undefined, depth: number): Node {
    if ((this.underAlias && ++this.aliased > MAX_ALIASED_NODES) || depth > MAX_DEPTH) {
      this.truncated ||= this.aliased > MAX_ALIASED_NODES;
      return { type: 'null', value: null, offset: rangeOf(node)?.[0] ?? parent?.offset ?? 0, length: 0, parent };
    }
    if (isAlias(node)) return this.alias(node, parent, depth);
    const tag = (node as { tag?: string }).tag;
    const long = tag ? SHORT_FORMS.get(tag) : undefined;
    if (long) return this.intrinsic(node as YamlNode, long, tag!, parent, depth);
    return this.plain(node as YamlNode, parent, depth);
  }

  /** The anchored node, read again where the alias is (its nodes keep the anchor's offsets: that is where the value is written). */
  private alias(alias: Alias, parent: Node | undefined, depth: number): Node {
    this.readElsewhere = true;
    if (!this.targets.has(alias)) this.targets.set(alias, alias.resolve(this.document));
    const target = this.targets.get(alias);
    if (!target) return { type: 'null', value: null, offset: alias.range?.[0] ?? 0, length: rangeLength(alias.range), parent };
    this.underAlias++;
    try {
      return this.convert(target, parent, depth + 1);
    } finally {
      this.underAlias--;
    }
  }

  /** `!Tag value` as `{"Fn::Tag": value}`: the object spans the tag and the value, its key the tag. */
  private intrinsic(node: YamlNode, long: string, tag: string, parent: Node | undefined, depth: number): Node {
    const range = rangeOf(node) ?? [0, 0, 0];
    const tagStart = this.tagStart(tag, range[0]);
    const end = this.valueEnd(node);
    const object: Node = { type: 'object', offset: tagStart, length: end - tagStart, parent, children: [] };
    const property: Node = { type: 'property', offset: tagStart, length: end - tagStart, parent: object, colonOffset: tagStart + tag.length, children: [] };
    const key: Node = { type: 'string', value: long, offset: tagStart, length: tag.length, parent: property };
    property.children!.push(key, this.plain(node, property, depth + 1));
    object.children!.push(property);
    return object;
  }

  /** Where the tag is written: just before the value, past whitespace (and the value's own anchor). */
  private tagStart(tag: string, valueStart: number): number {
    let at = valueStart;
    while (at > 0 && /\s/.test(this.text[at - 1])) at--;
    if (this.text[at - 1] !== undefined && this.text.slice(at - tag.length, at) === tag) return at - tag.length;
    // `!Ref &anchor value`, `!<!Ref>` and the like: the value's own start.
    this.readElsewhere = true;
    const found = this.text.lastIndexOf(tag, valueStart);
    return found !== -1 && valueStart - found < 200 ? found : valueStart;
  }

  /**
   * `convert` for a validation: the document's top mapping and the mappings right under it (a
   * template's `Resources`) are read `perStep` members a step; what lies below each member, and any
   * other top (a tag, an alias, a sequence), is read as `convert` reads it. The same nodes.
   */
  *convertSteps(top: unknown, perStep: number): Generator<void, Node> {
    const plainMap = (node: unknown): node is YAMLMap => isMap(node) && !(node as { tag?: string }).tag;
    if (!plainMap(top)) return this.convert(top, undefined, 0);
    const object = this.mapObject(top, undefined);
    const step = stepEvery(perStep);
    for (const pair of top.items) {
      const property = this.property(pair, top, object, (value, parent) => (plainMap(value) ? this.mapObject(value, parent) : this.convert(value, parent, 1)));
      if (!property) continue;
      object.children!.push(property);
      const value = property.children![1];
      if (!value || !plainMap(pair.value)) continue;
      // A mapping under the top: its members a few at a time.
      for (const inner of pair.value.items) {
        if (step()) yield;
        const member = this.property(inner, pair.value, value, (v, parent) => this.convert(v, parent, 2));
        if (member) value.children!.push(member);
      }
    }
    return object;
  }

  private plain(node: YamlNode, parent: Node | undefined, depth: number): Node {
    const range = rangeOf(node) ?? [parent?.offset ?? 0, parent?.offset ?? 0, parent?.offset ?? 0];
    if (isMap(node)) {
      const object = this.mapObject(node, parent);
      for (const pair of node.items) {
        const property = this.property(pair, node, object, (value, owner) => this.convert(value, owner, depth + 1));
        if (property) object.children!.push(property);
      }
      return object;
    }
    if (isSeq(node)) {
      const array: Node = { type: 'array', offset: range[0], length: this.valueEnd(node) - range[0], parent, children: [] };
      for (const item of node.items) {
        if (item === null || item === undefined) continue;
        array.children!.push(this.convert(item, array, depth + 1));
      }
      return array;
    }
    if (isScalar(node)) {
      const length = range[1] - range[0];
      const value = node.value;
      if (typeof value === 'number' && Number.isFinite(value)) return { type: 'number', value, offset: range[0], length, parent };
      if (typeof value === 'boolean') return { type: 'boolean', value, offset: range[0], length, parent };
      if (value === null || value === undefined) return { type: 'null', value: null, offset: range[0], length, parent };
      return { type: 'string', value: typeof value === 'string' ? value : String(value), offset: range[0], length, parent };
    }
    return { type: 'null', value: null, offset: range[0], length: 0, parent };
  }

  /** A mapping's object, its members not read yet. */
  private mapObject(node: YAMLMap, parent: Node | undefined): Node {
    const start = rangeOf(node)?.[0] ?? parent?.offset ?? 0;
    return { type: 'object', offset: start, length: this.valueEnd(node as unknown as YamlNode) - start, parent, children: [] };
  }

  /** One member of a mapping as a property of `object` (its value read by `read`); undefined for a key that is no scalar. */
  private property(pair: Pair, map: YAMLMap, object: Node, read: (value: unknown, parent: Node) => Node): Node | undefined {
    if (!isScalar(pair.key)) return undefined;
    // A key without a range (none the composer makes): the mapping's.
    const keyRange = pair.key.range ?? rangeOf(map) ?? [object.offset, object.offset];
    const property: Mutable<Node> = { type: 'property', offset: keyRange[0], length: 0, parent: object, children: [] };
    const key: Node = { type: 'string', value: String(pair.key.value), offset: keyRange[0], length: keyRange[1] - keyRange[0], parent: property };
    property.children!.push(key);
    const colon = this.text.indexOf(':', keyRange[1]);
    if (colon !== -1) property.colonOffset = colon;
    let end = keyRange[1];
    if (pair.value !== null && pair.value !== undefined) {
      const value = read(pair.value, property);
      property.children!.push(value);
      end = Math.max(end, value.offset + value.length);
    }
    property.length = end - property.offset;
    return property;
  }

  /**
   * Where a value ends: a flow collection or a scalar at its own end, a block collection at the
   * end of its last item (the parser's range runs on over the blank lines and comments after it).
   */
  private valueEnd(node: YamlNode): number {
    const range = rangeOf(node) ?? [0, 0, 0];
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const last = node.items[node.items.length - 1] as unknown;
      if (last === undefined) return range[1];
      const item = isMap(node) ? ((last as { value?: unknown; key?: unknown }).value ?? (last as { key?: unknown }).key) : last;
      if (item === null || item === undefined) return range[0];
      if (isAlias(item)) return item.range?.[1] ?? range[0];
      return this.valueEnd(item as YamlNode);
    }
    return range[1];
  }
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range ?? undefined;
}

function rangeLength(range: [number, number, number] | null | undefined): number {
  return range ? range[1] - range[0] : 0;
}
