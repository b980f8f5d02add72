/**
 * Completion and hover in recognised JSON files, by vscode-json-languageservice over schemas
 * generated from the shapes (one language service per shape, created on first use).
 *
 * That service parses the whole document into its own tree, while what it needs is the path
 * from the top to the cursor. So when the checks' tree of the same version is at hand, the
 * items of long lists away from the cursor (a large policy's other statements) are cut out of
 * what it parses; a `CutDocument` maps offsets and positions back, so the answers are in the
 * whole document's terms.
 */
import type { Node } from 'jsonc-parser';
import { ClientCapabilities, JSONDocument, LanguageService as JsonLanguageService, getLanguageService } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionList, Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { JsonShapeId, JsonShapeInfo } from '../json/kinds';
import { schemaOf } from '../json/schema';
import type { JsonFeatureSource } from '../ports';
import { SyncPromise, settled } from '../util/syncPromise';
import { samePrefix, sameSuffix } from '../util/strings';
import { type TextChange, knownChange } from '../util/textChange';
import { actionCompletions, actionHover } from './iamActions';
import { conditionCompletions, conditionKeyHover } from './iamConditions';

/** Lists longer than this are cut down to the item under the cursor (a policy's statements). */
const LONG_LIST = 32;

/**
 * A document inside a larger file (a policy in a JSON CloudFormation template): its shape, and the
 * ranges of the file to cut out around it, so that only it is parsed, against its shape's schema.
 */
export interface EmbeddedTarget {
  shape: JsonShapeInfo;
  cuts: [number, number][];
}

interface Prepared {
  shape: JsonShapeId;
  ls: JsonLanguageService;
  document: TextDocument;
  json: JSONDocument;
}

export class JsonFeatures {
  private readonly services = new Map<JsonShapeId, JsonLanguageService>();
  private parsed?: { key: string; source: TextDocument; prepared: Prepared };

  constructor(private readonly service: JsonFeatureSource) {}

  private languageService(id: JsonShapeId, shape: () => Parameters<typeof schemaOf>[0], label: string): JsonLanguageService {
    let ls = this.services.get(id);
    if (!ls) {
      ls = getLanguageService({ promiseConstructor: SyncPromise as unknown as PromiseConstructor, clientCapabilities: ClientCapabilities.LATEST });
      ls.configure({
        validate: false,
        allowComments: false,
        schemas: [{ uri: `gtlint://schemas/${id}.json`, fileMatch: ['*'], schema: schemaOf(shape(), label) }],
      });
      this.services.set(id, ls);
    }
    return ls;
  }

  private prepare(document: TextDocument, offset: number, target?: EmbeddedTarget): Prepared | undefined {
    const shape = target ? target.shape : this.service.shapeOf(document);
    if (!shape) return undefined;
    const ls = this.languageService(shape.id, shape.shape, shape.label);
    let cuts: [number, number][];
    if (target) cuts = target.cuts;
    else {
      const latest = this.service.latestTree(document);
      const now = document.getText();
      cuts = latest ? mappedCuts(latest.root, latest.text, now, offset, knownChange(document, latest.version, latest.text, now)) : [];
    }
    const key = `${document.uri}@${document.version}|${shape.id}|${cuts.map(([s, e]) => `${s}-${e}`).join(',')}`;
    const cached = this.parsed;
    if (cached && cached.key === key && cached.source === document) return cached.prepared;
    const parsed = cuts.length ? new CutDocument(document, cuts) : document;
    let json: JSONDocument;
    try {
      json = ls.parseJSONDocument(parsed);
    } catch (error) {
      // Its parser recurses per nesting level: a hostile file gets no completion rather than a crash.
      if (error instanceof RangeError) return undefined;
      throw error;
    }
    const prepared = { shape: shape.id, ls, document: parsed, json };
    // Only the latest request's parse is kept: completion and hover follow the cursor.
    this.parsed = { key, source: document, prepared };
    return prepared;
  }

  /**
   * Sets up what the first request would: the shape's language service and resolved schema, and
   * a first answer, so that the first completion after opening a file answers as fast as the rest.
   */
  warm(document: TextDocument): void {
    // Somewhere inside: in a policy, within a statement, where requests will be.
    const middle = document.positionAt(Math.floor(document.getText().length / 2));
    this.completions(document, middle);
    this.hover(document, middle);
  }

  /** Completion in a recognised JSON file, or in the embedded document `target` says. */
  completions(document: TextDocument, position: Position, target?: EmbeddedTarget): CompletionList | null {
    const prepared = this.prepare(document, document.offsetAt(position), target);
    if (!prepared) return null;
    const iam = this.service.iam && actionCompletions(this.service.iam, prepared.shape, prepared.document, prepared.json, position);
    if (iam && !iam.withExamples) return iam.list;
    const condition = conditionCompletions(this.service.iam, prepared.shape, prepared.document, prepared.json, position);
    if (condition) return condition;
    const answer = prepared.ls.doComplete(prepared.document, position, prepared.json);
    // vscode-json-languageservice ignores its promise constructor on one path: a cursor inside a
    // comment gets a native Promise of an empty list. That answer is known to be empty.
    const list = answer instanceof Promise ? null : settled(answer, 'JSON completion');
    if (iam) return { isIncomplete: false, items: [...iam.list.items, ...(list?.items ?? [])] };
    return list && list.items.length ? list : null;
  }

  hover(document: TextDocument, position: Position, target?: EmbeddedTarget): Hover | null {
    const prepared = this.prepare(document, document.offsetAt(position), target);
    if (!prepared) return null;
    const iam =
      (this.service.iam && actionHover(this.service.iam, prepared.shape, prepared.document, prepared.json, position)) ??
      conditionKeyHover(this.service.iam, prepared.shape, prepared.document, prepared.json, position);
    if (iam) return iam;
    const hover = settled(prepared.ls.doHover(prepared.document, position, prepared.json), 'JSON hover');
    if (!hover) return null;
    const parts = (Array.isArray(hover.contents) ? hover.contents : [hover.contents]).map((c) => (typeof c === 'string' ? c : c.value)).filter(Boolean);
    if (!parts.length) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: hover.range };
  }
}

/**
 * The ranges to cut: inside each long list on the way down to `offset`, everything but the item
 * that contains it (separators included, so what remains is still a list); and the inside of
 * long lists beside that way (a policy's statements, when the cursor is on `Version`).
 */
function cutsAround(root: Node, offset: number): [number, number][] {
  const out: [number, number][] = [];
  const contains = (n: Node) => n.offset <= offset && offset <= n.offset + n.length;
  const interior = (list: Node): [number, number] => [list.offset + 1, Math.max(list.offset + 1, list.offset + list.length - 1)];
  for (let node: Node | undefined = root; node;) {
    const children: Node[] = node.children ?? [];
    const inside = children.find(contains);
    if (node.type === 'array' && children.length > LONG_LIST) {
      const [open, close] = interior(node);
      const [keepStart, keepEnd] = inside
        ? [inside.offset, inside.offset + inside.length]
        : [Math.min(Math.max(offset, open), close), Math.min(Math.max(offset, open), close)];
      out.push([open, keepStart], [keepEnd, close]);
    } else if (node.type === 'object') {
      for (const property of children) {
        const value = property.children?.[1];
        if (property !== inside && value?.type === 'array' && (value.children?.length ?? 0) > LONG_LIST) out.push(interior(value));
      }
    }
    node = inside;
  }
  return out.filter(([s, e]) => e - s > 1).sort((a, b) => a[0] - b[0]);
}

/**
 * The cuts around `offset` in `now`, worked out on the tree of `then`, an earlier text of the
 * same document: right after a keystroke, the next validation has not parsed the new text yet,
 * and parsing it here would make every completion after a key as slow as a parse of the whole
 * file. The two texts differ in one region (from the first to the last character that differ);
 * cuts outside it are the same text in both, shifted when they follow it, and cuts that touch it
 * are left out, so that region is always parsed as it is now.
 */
export function mappedCuts(root: Node, then: string, now: string, offset: number, known?: TextChange): [number, number][] {
  if (then === now) return cutsAround(root, offset);
  // Where the document's own record of its edits says, or found by comparing the two texts.
  const { start, oldEnd, newEnd } = known ?? changedRegion(then, now);
  const delta = newEnd - oldEnd;
  const before = offset <= start ? offset : offset >= newEnd ? offset - delta : start;
  const out: [number, number][] = [];
  for (const [s, e] of cutsAround(root, before)) {
    // A cut ending where the change starts (or starting where it ends) leaves all of it in.
    if (e <= start) out.push([s, e]);
    else if (s >= oldEnd) out.push([s + delta, e + delta]);
  }
  return out;
}

/** The last region worked out: every request on one version compares the same two texts. */
let lastRegion: { then: string; now: string; region: TextChange } | undefined;

/** Where two texts differ: `then.slice(start, oldEnd)` became `now.slice(start, newEnd)`. */
export function changedRegion(then: string, now: string): TextChange {
  if (lastRegion && lastRegion.then === then && lastRegion.now === now) return lastRegion.region;
  const region = compare(then, now);
  lastRegion = { then, now, region };
  return region;
}

function compare(then: string, now: string): TextChange {
  const shorter = Math.min(then.length, now.length);
  const start = samePrefix(then, now, 0, shorter);
  const tail = sameSuffix(then, now, shorter - start);
  return { start, oldEnd: then.length - tail, newEnd: now.length - tail };
}

/**
 * A document with ranges replaced by one space each, seen through the whole document's offsets
 * and positions: what vscode-json-languageservice reads from it (`getText`, `offsetAt`,
 * `positionAt`) is mapped, so its answers point into the whole document.
 */
class CutDocument implements TextDocument {
  private readonly text: string;

  constructor(
    private readonly whole: TextDocument,
    private readonly cuts: [number, number][],
  ) {
    const full = whole.getText();
    let text = '';
    let at = 0;
    for (const [start, end] of cuts) {
      text += `${full.slice(at, start)} `;
      at = end;
    }
    this.text = text + full.slice(at);
  }

  get uri(): string {
    return this.whole.uri;
  }

  get languageId(): string {
    return this.whole.languageId;
  }

  get version(): number {
    return this.whole.version;
  }

  get lineCount(): number {
    return this.whole.lineCount;
  }

  getLineRange(line: number): Range {
    return this.whole.getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.whole.getEOLCharacters(line);
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  offsetAt(position: Position): number {
    const offset = this.whole.offsetAt(position);
    let shift = 0;
    for (const [start, end] of this.cuts) {
      if (offset >= end) shift += end - start - 1;
      else if (offset > start) return start - shift;
      else break;
    }
    return offset - shift;
  }

  positionAt(offset: number): Position {
    let shift = 0;
    for (const [start, end] of this.cuts) {
      if (offset > start - shift) shift += end - start - 1;
      else break;
    }
    return this.whole.positionAt(offset + shift);
  }
}
