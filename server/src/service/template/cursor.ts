/**
 * What the cursor is in, and the Liquid variables in scope there, read from the tokens of the
 * lexer the parser uses (`lexer.ts`), so completion, hover and code actions see the same Liquid,
 * comments, raw text and attributes as the checks. Completion and hover run on every keystroke,
 * so only a bounded window before the cursor is read, and no markup is parsed but that of the
 * tags that define or close something (`docs/decisions/0006-regex-free-cursor-reading.md`).
 */
import { MAX_TEMPLATE_LENGTH } from '../domain/limits';
import { ANY_ITEM, InputPath, MAX_INPUT_PATH } from '../sampleInput';
import type { HtmlElement, Range, VerbatimBody } from './document';
import { LexerReader, LiquidToken, TemplateLexer } from './lexer';
import type { Expression } from './liquidExpression';
import { BLOCK_TAGS, ElementTree, type OpenElements, closeBlock } from './parser';
import { TagSyntax, parseTagSyntax } from './tagSyntax';
import { samePrefix } from '../util/strings';

/**
 * How far before the cursor the lexer starts: as much as `UiTemplate.Content` may hold, so in any
 * template AWS accepts the reading starts at the top and is exactly the parser's.
 */
export const CURSOR_WINDOW = MAX_TEMPLATE_LENGTH;

export type CursorContext =
  /** In an output or tag, or after an opener not closed yet (see `liquidContext`). */
  | { kind: 'liquid'; delimiter: '{{' | '{%'; openStart: number; markupStart: number; markupEnd: number }
  /** In the body of `{% raw %}` (still HTML, without Liquid) or `{% comment %}` (nothing), outside any HTML token. */
  | { kind: 'verbatim'; tag: 'raw' | 'comment'; bodyStart: number }
  | { kind: 'tag-name'; start: number; closing: boolean }
  | { kind: 'attribute-name'; element: string; start: number; end: number; written: string[] }
  | { kind: 'attribute-value'; element: string; attribute: string; valueStart: number; quote: string }
  | { kind: 'text' }
  /** In `<script>`, `<style>`, `<textarea>`, `<title>` or an HTML comment, where `<` starts no element. */
  | { kind: 'raw-text' };

export interface ScopeVariable {
  name: string;
  /** What the variable stands for inside `task.input`, when it does. */
  inputPath?: InputPath;
  kind: 'loop' | 'assign' | 'capture';
}

export interface CursorReading {
  context: CursorContext;
  /** Variables defined before the cursor: loop variables of the loops open there (innermost first), then assignments and captures. */
  scope(): ScopeVariable[];
  /** The innermost block tag open at the cursor (`for` in `{% for x in y %}█`). */
  openBlock(): string | undefined;
}

export function readCursor(text: string, offset: number): CursorReading {
  const reader = new CursorReader(text, offset);
  const window = windowOf(text, offset);
  window.replay(reader);
  // A `{% liquid` still being typed: its lines so far are tags too.
  const typing = reader.lastLiquid;
  if (typing && !reader.lastLiquidClosed && typing.name === 'liquid') window.lexer.liquidLines(typing.markupStart, offset, { context: 'text' }, reader);
  const context = reader.context();
  let blocks: Blocks | undefined;
  const read = () => (blocks ??= window.blocks(reader.tags));
  return { context, scope: () => read().scope, openBlock: () => read().open[read().open.length - 1]?.name };
}

/**
 * Reads a template's window ahead of the first request after it opens (the host calls this once
 * its first diagnostics are out): up to `CURSOR_WINDOW`, which is the whole of any template AWS
 * accepts, so a request at any offset of this version only replays what was read.
 */
export function prepareCursor(text: string): void {
  windowOf(text, Math.min(text.length, CURSOR_WINDOW));
}

/** The Liquid node around the cursor, if it is in one: in its markup, or between its delimiters. */
export function liquidAt(text: string, offset: number): Extract<CursorContext, { kind: 'liquid' }> | undefined {
  const { context } = readCursor(text, offset);
  return context.kind === 'liquid' ? context : undefined;
}

/**
 * Windows start on a multiple of this (at least `CURSOR_WINDOW` before the cursor), so requests
 * at nearby offsets of one version (completion, then hover, then code actions as the cursor moves)
 * share one lexing of it.
 */
const WINDOW_STEP = 16_384;

/** The last window lexed: one text, one start, the tokens read so far. */
let lastWindow: LexedWindow | undefined;

function windowOf(text: string, offset: number): LexedWindow {
  const from = offset <= CURSOR_WINDOW ? 0 : Math.floor((offset - CURSOR_WINDOW) / WINDOW_STEP) * WINDOW_STEP;
  if (lastWindow?.from !== from) lastWindow = new LexedWindow(text, from);
  // A new version of the text (a keystroke): what was read of the start the two share is kept.
  else if (lastWindow.text !== text) lastWindow = lastWindow.rebased(text, offset);
  lastWindow.readTo(offset);
  return lastWindow;
}

/**
 * How much a window lexes between two checkpoints. A keystroke makes a new version of the text,
 * and the next request lexes its window again from the last checkpoint before the edit, not from
 * the window's start: at 1 MB, 128 KB a request (10-20 ms) became the few kilobytes around it.
 */
const CHECKPOINT_STEP = 4_096;

/**
 * Characters past a checkpoint that must be the same in the new text for its tokens to be: a
 * token's end may be decided by the characters right after it (an unclosed `{{` ends where the
 * next delimiter starts).
 */
const LOOKAHEAD = 16;

/** A point where a window's lexer stopped: what it had read up to there. */
interface Checkpoint {
  /** Where the lexer goes on from; every token read before ends at or before it. */
  resumeAt: number;
  liquidFrom: number;
  events: number;
  open: OpenElements;
}

type LexEvent =
  | { at: number; kind: 'liquid'; token: LiquidToken }
  | { at: number; kind: 'unclosed'; token: LiquidToken }
  | { at: number; kind: 'verbatim'; body: VerbatimBody }
  | { at: number; kind: 'comment'; range: Range }
  | { at: number; kind: 'start'; element: HtmlElement }
  | { at: number; kind: 'end'; start: number; name: string };

/**
 * The lexer's reports over a window, each under the token it belongs to, read further as later
 * offsets ask: replaying those of the tokens that start before an offset is reading to that offset.
 */
class LexedWindow implements LexerReader {
  private readonly events: LexEvent[];
  private readonly tree: ElementTree;
  private readonly checkpoints: Checkpoint[];
  readonly lexer: TemplateLexer;
  private readUntil: number;
  private resumeAt: number;

  constructor(
    readonly text: string,
    readonly from: number,
    /** The read of an earlier version to go on from, up to a checkpoint before where the two differ. */
    earlier?: { window: LexedWindow; checkpoint: number },
  ) {
    this.lexer = new TemplateLexer(text, this);
    if (!earlier) {
      this.events = [];
      this.tree = new ElementTree(false);
      this.checkpoints = [];
      this.readUntil = this.resumeAt = from;
      return;
    }
    const { window, checkpoint } = earlier;
    const at = window.checkpoints[checkpoint];
    this.events = window.events;
    this.events.length = at.events;
    this.tree = window.tree;
    this.tree.restore(at.open, text.length);
    this.checkpoints = window.checkpoints;
    this.checkpoints.length = checkpoint + 1;
    this.lexer.resume(at.liquidFrom);
    this.readUntil = this.resumeAt = at.resumeAt;
  }

  /**
   * This window's read, taken over by a window on `text` (a later version of this one's): what was
   * read before the last checkpoint whose tokens `text` has unchanged is kept, the rest is read
   * again as requests ask. This window is not read from again.
   */
  rebased(text: string, offset: number): LexedWindow {
    const old = this.text;
    // Where the two versions first differ (looked for no further than the cursor needs).
    const same = samePrefix(old, text, this.from, Math.min(old.length, text.length, offset + LOOKAHEAD));
    const { checkpoints } = this;
    let k = checkpoints.length - 1;
    while (k >= 0 && (checkpoints[k].resumeAt + LOOKAHEAD > same || checkpoints[k].liquidFrom > checkpoints[k].resumeAt)) k--;
    return k < 0 ? new LexedWindow(text, this.from) : new LexedWindow(text, this.from, { window: this, checkpoint: k });
  }

  /** `readBlocks` of the last list of tags asked about. */
  private lastBlocks?: { count: number; blocks: Blocks };

  /**
   * The blocks and scope of the tags before an offset (`tags`, read from this window). Those of a
   * later offset include those of an earlier one, so two lists of the same length are the same
   * list: requests between the same two tags share one reading.
   */
  blocks(tags: LiquidToken[]): Blocks {
    if (this.lastBlocks?.count !== tags.length) this.lastBlocks = { count: tags.length, blocks: readBlocks(this.text, tags) };
    return this.lastBlocks.blocks;
  }

  readTo(offset: number): void {
    if (offset <= this.readUntil) return;
    // In steps, each ending at a checkpoint that a later version of the text may go on from.
    while (this.resumeAt < offset) {
      this.resumeAt = this.lexer.run(this.resumeAt, Math.min(offset, this.resumeAt + CHECKPOINT_STEP));
      this.checkpoints.push({ resumeAt: this.resumeAt, liquidFrom: this.lexer.liquidFrom, events: this.events.length, open: this.tree.snapshot() });
    }
    this.readUntil = offset;
  }

  replay(reader: CursorReader): void {
    const { events } = this;
    // An indexed loop: thousands of events per request, and an array iterator's results are allocated until V8 optimizes the loop.
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (event.at >= reader.offset) return;
      if (event.kind === 'liquid') reader.liquid(event.token);
      else if (event.kind === 'unclosed') reader.unclosed(event.token);
      else if (event.kind === 'verbatim') reader.verbatim(event.body);
      else if (event.kind === 'comment') reader.htmlComment(event.range);
      else if (event.kind === 'start') reader.startTag(event.element);
      else reader.endTag(event.start, event.name);
    }
  }

  liquid(token: LiquidToken): void {
    this.events.push({ at: this.lexer.tokenStart, kind: 'liquid', token });
  }

  unclosed(token: LiquidToken): void {
    this.events.push({ at: this.lexer.tokenStart, kind: 'unclosed', token });
  }

  verbatim(body: VerbatimBody): void {
    this.events.push({ at: this.lexer.tokenStart, kind: 'verbatim', body });
  }

  htmlComment(range: Range): void {
    this.events.push({ at: this.lexer.tokenStart, kind: 'comment', range });
  }

  startTag(element: HtmlElement): boolean {
    this.events.push({ at: this.lexer.tokenStart, kind: 'start', element });
    return this.tree.open(element);
  }

  endTag(start: number, name: string, end: number): void {
    this.events.push({ at: this.lexer.tokenStart, kind: 'end', start, name });
    this.tree.close(start, name, end);
  }
}

/** Remembers, of the tokens that start before the cursor, those that hold it and the tags that define or close. */
class CursorReader {
  /** The last Liquid node that starts before the cursor... */
  lastLiquid?: LiquidToken;
  /** ...and whether it has its closing delimiter (two fields rather than an object per token replayed). */
  lastLiquidClosed = false;
  /** Tags before the cursor, in document order; `{% liquid %}` lines included. */
  readonly tags: LiquidToken[] = [];
  private verbatimBody?: VerbatimBody;
  private rawText?: Range;
  private startTagAt?: HtmlElement;
  /** The last start tag read: its raw text or RCDATA content, if it has any, is known once the lexer is done. */
  private lastElement?: HtmlElement;
  private endTagAt?: { nameStart: number; nameEnd: number };

  constructor(
    private readonly text: string,
    readonly offset: number,
  ) {}

  liquid(token: LiquidToken): void {
    if (token.inLiquidTag) {
      // A line runs to its end: the cursor on a line is still typing it.
      if (token.end < this.offset) this.tags.push(token);
      return;
    }
    if (token.start >= this.offset) return;
    this.lastLiquid = token;
    this.lastLiquidClosed = true;
    if (token.kind === 'tag' && token.end <= this.offset) this.tags.push(token);
  }

  unclosed(token: LiquidToken): void {
    if (token.start < this.offset) {
      this.lastLiquid = token;
      this.lastLiquidClosed = false;
    }
  }

  verbatim(body: VerbatimBody): void {
    if (this.contains(body.start, body.end)) this.verbatimBody = body;
  }

  htmlComment(range: Range): void {
    if (range.start < this.offset && this.offset < range.end) this.rawText = range;
  }

  startTag(element: HtmlElement): void {
    this.lastElement = element;
    const closed = this.text.charCodeAt(element.startTagEnd - 1) === 62; /* > */
    if (element.start < this.offset && (this.offset < element.startTagEnd || (!closed && this.offset === element.startTagEnd))) this.startTagAt = element;
  }

  endTag(start: number, name: string): void {
    if (this.contains(start + 2, start + 2 + name.length)) this.endTagAt = { nameStart: start + 2, nameEnd: start + 2 + name.length };
  }

  context(): CursorContext {
    const liquid = this.liquidContext();
    if (liquid) return liquid;
    if (this.verbatimBody?.kind === 'comment') return { kind: 'verbatim', tag: 'comment', bodyStart: this.verbatimBody.start };
    if (this.inRawText()) return { kind: 'raw-text' };
    if (this.startTagAt) return this.startTagContext(this.startTagAt);
    if (this.endTagAt) return { kind: 'tag-name', start: this.endTagAt.nameStart, closing: true };
    // A `<` just typed starts no tag yet, for the lexer as for a browser.
    if (this.text.charCodeAt(this.offset - 1) === 60 /* < */) return { kind: 'tag-name', start: this.offset, closing: false };
    if (this.verbatimBody) return { kind: 'verbatim', tag: 'raw', bodyStart: this.verbatimBody.start };
    return { kind: 'text' };
  }

  private inRawText(): boolean {
    const element = this.lastElement;
    return !!this.rawText || (element?.contentStart !== undefined && this.contains(element.contentStart, element.contentEnd!));
  }

  private contains(start: number, end: number): boolean {
    return start <= this.offset && this.offset <= end;
  }

  private liquidContext(): Extract<CursorContext, { kind: 'liquid' }> | undefined {
    const token = this.lastLiquid;
    if (!token) return undefined;
    const closed = this.lastLiquidClosed;
    const { offset } = this;
    // Between the delimiters: `{{█` is in, `█{{` and `}}█` are out. An opener not closed yet is
    // read as markup being typed to the end of its line (where the parser reports it), a
    // `{% liquid` to the next opener, since its tags are lines.
    if (offset < token.start + 2) return undefined;
    if (closed ? offset > token.end - 2 : offset > token.end && token.name !== 'liquid') return undefined;
    const delimiter = token.kind === 'output' ? '{{' : '{%';
    return {
      kind: 'liquid',
      delimiter,
      openStart: token.start,
      markupStart: token.contentStart,
      markupEnd: closed ? token.contentEnd : Math.max(offset, token.contentEnd),
    };
  }

  private startTagContext(element: HtmlElement): CursorContext {
    const { offset } = this;
    if (offset <= element.nameEnd) return { kind: 'tag-name', start: element.nameStart, closing: false };
    const written: string[] = [];
    for (const attribute of element.attributes) {
      if (attribute.nameStart <= offset && offset <= attribute.nameEnd) {
        return { kind: 'attribute-name', element: element.name, start: attribute.nameStart, end: attribute.nameEnd, written };
      }
      if (attribute.valueStart !== undefined && attribute.valueStart <= offset && offset <= attribute.valueEnd!) {
        return { kind: 'attribute-value', element: element.name, attribute: attribute.name, valueStart: attribute.valueStart, quote: attribute.quote ?? '' };
      }
      if (attribute.nameEnd < offset) written.push(attribute.name);
    }
    return { kind: 'attribute-name', element: element.name, start: offset, end: offset, written };
  }
}

/** The markup of the tags that define, parsed once per token: requests at one version share the window's tokens. */
const syntaxes = new WeakMap<LiquidToken, TagSyntax>();

function syntaxOf(text: string, tag: LiquidToken): TagSyntax {
  let syntax = syntaxes.get(tag);
  if (!syntax) syntaxes.set(tag, (syntax = parseTagSyntax(tag.name, text, tag.markupStart, tag.markupEnd)));
  return syntax;
}

interface Blocks {
  scope: ScopeVariable[];
  open: { name: string; loop?: ScopeVariable }[];
}

/** Follows the block tags, loops and assignments before the cursor, as Liquid scopes them. */
function readBlocks(text: string, tags: LiquidToken[]): Blocks {
  const open: { name: string; loop?: ScopeVariable }[] = [];
  /** The open loops by variable name, innermost last: looked up per tag, so a long template stays linear. */
  const loopsByName = new Map<string, ScopeVariable[]>();
  const assigned = new Map<string, ScopeVariable>();
  const resolve = (source: Expression | undefined): InputPath | undefined => {
    const segments = source?.kind === 'variable' ? staticPath(source) : undefined;
    if (!segments) return undefined;
    const named = loopsByName.get(String(segments[0]));
    return inputPathFrom(segments, named?.[named.length - 1] ?? assigned.get(String(segments[0])));
  };
  for (const tag of tags) {
    const { name } = tag;
    if (name === 'for' || name === 'tablerow' || name === 'assign' || name === 'capture') {
      const syntax = syntaxOf(text, tag);
      const defined = syntax.defines?.name;
      let loop: ScopeVariable | undefined;
      if (defined && name === 'capture') assigned.set(defined, { name: defined, kind: 'capture' });
      else if (defined && syntax.source && name === 'assign') {
        assigned.set(defined, { name: defined, kind: 'assign', inputPath: syntax.sourceFiltered ? undefined : resolve(syntax.source) });
      } else if (defined && syntax.source) {
        const source = resolve(syntax.source);
        loop = { name: defined, kind: 'loop', inputPath: source && source.length < MAX_INPUT_PATH ? [...source, ANY_ITEM] : undefined };
        const named = loopsByName.get(defined);
        if (named) named.push(loop);
        else loopsByName.set(defined, [loop]);
      }
      if (name !== 'assign') open.push({ name, loop });
    } else if (BLOCK_TAGS.has(name)) {
      open.push({ name });
    } else if (name.startsWith('end')) {
      const closed = closeBlock(open, name);
      for (const block of closed ? [closed.block, ...closed.unclosed] : []) if (block.loop) loopsByName.get(block.loop.name)?.pop();
    }
  }
  const loops = open.flatMap((b) => (b.loop ? [b.loop] : [])).reverse();
  return { scope: [...loops, ...assigned.values()], open };
}

/** `task.input.a[0]` → ['task', 'input', 'a', 0]; undefined when a segment is computed. */
function staticPath(v: Extract<Expression, { kind: 'variable' }>): (string | number)[] | undefined {
  const out: (string | number)[] = [v.root];
  for (const segment of v.path) {
    if (segment.key === undefined) return undefined;
    out.push(segment.key);
  }
  return out;
}

/** The `task.input` path of a written path whose root is `variable` (or `task`). */
export function inputPathFrom(segments: (string | number)[], variable: ScopeVariable | undefined): InputPath | undefined {
  const [root, ...rest] = segments;
  if (root === 'task') return rest[0] === 'input' ? rest.slice(1) : undefined;
  if (!variable?.inputPath || variable.inputPath.length + rest.length > MAX_INPUT_PATH) return undefined;
  return [...variable.inputPath, ...rest];
}
