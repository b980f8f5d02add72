/**
 * A tolerant, single-pass parser for Liquid + HTML worker templates, over the tokens of
 * `lexer.ts`. HTML is built the way a browser would (implied end tags, void elements, ignored `/>`
 * on non-void elements, stray end tags dropped), so a misnested page still yields a useful tree;
 * Liquid block tags are matched with their end tags, and each output's and tag's markup is parsed.
 * It never throws.
 */
import { HtmlElement, LiquidNode, LiquidOutput, LiquidTag, Range, TemplateDocument, TemplateError, VerbatimBody } from './document';
import { SCOPE_BOUNDARIES, SPECIAL_ELEMENTS, VOID_ELEMENTS, impliedCloseCount } from './html';
import { LexPlace, LexerReader, LiquidToken, TemplateLexer } from './lexer';
import { parseFilterChain } from './liquidExpression';
import { parseTagSyntax } from './tagSyntax';
import { fitted } from '../util/arrays';
import { runSteps } from '../util/steps';
import { TAGS, UNSUPPORTED_TAGS, tagInfo } from '../domain/liquid';

/** How deep elements nest before deeper ones are read as siblings (Blink's limit). */
const MAX_OPEN_ELEMENTS = 512;

export const BLOCK_TAGS = new Set(TAGS.filter((t) => t.kind === 'block').map((t) => t.name));

export function parseTemplate(text: string): TemplateDocument {
  return new Parser(text).run();
}

/**
 * `parseTemplate` a slice at a time: the generator yields after each `slice` characters lexed
 * (the lexer reads on from where it stopped exactly as if it had not stopped), so a host can
 * answer requests while a large template is parsed for its checks.
 */
export function parseTemplateSteps(text: string, slice: number): Generator<void, TemplateDocument> {
  return new Parser(text).steps(slice);
}

/** What a parse of part of a template adds: its lists, in document order. */
export type TemplateFragment = Omit<TemplateDocument, 'text'>;

/**
 * Parses [from, until) of `text` as the middle of a template whose parse had `open` elements
 * open (outermost first, all in HTML content) and `blocks` Liquid blocks open where it starts.
 * Elements whose parent is one of `open` are added to that element's children; those outside
 * every element are the fragment's roots. Undefined when the part does not leave the parse as it
 * would have to be for what follows to read the same: a token running past `until`, a `{% raw %}`
 * still open, other elements open than `openAfter`, or other blocks open than `blocksAfter`. The
 * caller's objects in `open` and `blocks` may have been changed then (a closer set, an end).
 */
export function parseFragment(text: string, part: FragmentPlace): TemplateFragment | undefined {
  return new Parser(text).fragment(part);
}

/** Where `parseFragment` reads, and the state of the parse around it. */
export interface FragmentPlace {
  from: number;
  until: number;
  /** Elements open at `from` and at `until`, outermost first. */
  open: readonly HtmlElement[];
  openAfter: readonly HtmlElement[];
  /** Liquid blocks open at `from` and at `until`, outermost first. */
  blocks: readonly LiquidTag[];
  blocksAfter: readonly LiquidTag[];
}

/**
 * What an end tag (`endfor`) closes among the open block tags, innermost last: the innermost block
 * of its name, and the blocks opened inside it and left unclosed. Both are taken off the stack.
 */
export function closeBlock<T extends { name: string }>(open: T[], endName: string): { block: T; unclosed: T[] } | undefined {
  const name = endName.slice(3);
  for (let i = open.length - 1; i >= 0; i--) {
    if (open[i].name !== name) continue;
    const unclosed = open.splice(i + 1);
    return { block: open.pop()!, unclosed };
  }
  return undefined;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class Parser implements LexerReader {
  private readonly tree = new ElementTree();
  private readonly liquidNodes: LiquidNode[] = [];
  private readonly errors: TemplateError[] = [];
  private readonly htmlComments: Range[] = [];
  private readonly liquidVerbatim: VerbatimBody[] = [];
  private readonly unclosedLiquid: Range[] = [];
  private readonly blockStack: LiquidTag[] = [];

  constructor(private readonly text: string) {}

  run(): TemplateDocument {
    return runSteps(this.steps(Infinity));
  }

  *steps(slice: number): Generator<void, TemplateDocument> {
    const { text } = this;
    const lexer = new TemplateLexer(text, this);
    for (let at = 0; at < text.length;) {
      at = lexer.run(at, Math.min(text.length, at + slice));
      if (at < text.length) yield;
    }
    this.tree.finish(text.length);
    for (const block of this.blockStack) this.reportUnclosed(block);
    return { text, ...this.lists() };
  }

  fragment({ from, until, open, openAfter, blocks, blocksAfter }: FragmentPlace): TemplateFragment | undefined {
    this.tree.seed(open);
    for (const block of blocks) this.blockStack.push(block);
    const lexer = new TemplateLexer(this.text, this);
    if (lexer.run(from, until) !== until || lexer.liquidFrom > until) return undefined;
    if (!this.tree.holds(openAfter) || !sameItems(this.blockStack, blocksAfter)) return undefined;
    return this.lists();
  }

  /** What the parse read, in document order. */
  private lists(): TemplateFragment {
    this.errors.sort((a, b) => a.start - b.start);
    return {
      elements: this.tree.elements,
      roots: this.tree.roots,
      liquid: this.liquidNodes,
      errors: this.errors,
      htmlComments: this.htmlComments,
      liquidVerbatim: this.liquidVerbatim,
      unclosed: this.unclosedLiquid,
    };
  }

  liquid(token: LiquidToken, lexPlace: LexPlace): void {
    const { context, attribute } = lexPlace;
    // Text and comments sit in the element open around them, which only the tree knows.
    const element = lexPlace.element ?? this.tree.top();
    const { text } = this;
    const { start, end, markupStart, markupEnd } = token;
    let node: LiquidNode;
    if (token.kind === 'output') {
      const chain = parseFilterChain(text, markupStart, markupEnd);
      node = { kind: 'output', start, end, markupStart, markupEnd, chain, context, element, attribute } satisfies LiquidOutput;
      for (const e of chain.errors) this.errors.push(e);
    } else {
      const syntax = parseTagSyntax(token.name, text, markupStart, markupEnd);
      const tag: LiquidTag = {
        kind: 'tag',
        name: token.name,
        nameStart: token.nameStart,
        nameEnd: token.nameEnd,
        start,
        end,
        markupStart,
        markupEnd,
        syntax,
        inLiquidTag: token.inLiquidTag,
        // Set by `structure`; here, so that every tag has one shape.
        closer: undefined,
        parentBlock: undefined,
        context,
        element,
        attribute,
      };
      // An error at the very end of the markup ("{% elsif %}") would be an invisible zero-width range.
      // Widened in place: the tag's syntax and the document list the same error (a reparse moves it once).
      for (const e of syntax.errors) {
        if (e.start === e.end) {
          e.start = start;
          e.end = end;
        }
        this.errors.push(e);
      }
      this.structure(tag);
      node = tag;
    }
    this.liquidNodes.push(node);
    attribute?.liquid.push(node);
  }

  unclosed({ kind, start, end }: LiquidToken): void {
    const [what, close] = kind === 'output' ? ['This output "{{"', '}}'] : ['This tag "{%"', '%}'];
    this.unclosedLiquid.push({ start, end });
    this.errors.push({ start, end, message: `${what} is not closed: add "${close}".` });
  }

  verbatim(body: VerbatimBody): void {
    // An unclosed body: `structure` already reported the missing end tag.
    this.liquidVerbatim.push(body);
  }

  htmlComment(range: Range): void {
    this.htmlComments.push(range);
  }

  startTag(element: HtmlElement): boolean {
    return this.tree.open(element);
  }

  endTag(start: number, name: string, end: number): void {
    this.tree.close(start, name, end);
  }

  /** Matches block tags with their end tags and checks where branch tags may appear. */
  private structure(node: LiquidTag): void {
    const { name } = node;
    const parent = this.blockStack[this.blockStack.length - 1];
    node.parentBlock = parent;
    if (BLOCK_TAGS.has(name)) {
      this.blockStack.push(node);
      return;
    }
    if (name.startsWith('end') && name.length > 3) {
      const opener = name.slice(3);
      if (!BLOCK_TAGS.has(opener)) {
        this.errors.push({ start: node.nameStart, end: node.nameEnd, message: `Unknown tag "${name}".` });
        return;
      }
      const closed = closeBlock(this.blockStack, name);
      if (!closed) {
        this.errors.push({
          start: node.start,
          end: node.end,
          message: `"{% ${name} %}" has no matching "{% ${opener} %}": remove it or add the opening tag.`,
        });
        return;
      }
      for (const unclosed of closed.unclosed) this.reportUnclosed(unclosed);
      closed.block.closer = node;
      node.parentBlock = closed.block.parentBlock;
      return;
    }
    const info = tagInfo(name);
    if (!info) {
      if (name === '') {
        this.errors.push({ start: node.start, end: node.end, message: 'Empty tag: write a tag name after "{%".' });
      } else {
        const why = UNSUPPORTED_TAGS[name];
        this.errors.push({
          start: node.nameStart,
          end: node.nameEnd,
          message: why ? `Tag "${name}" is not available in worker templates: ${why}.` : `Unknown tag "${name}".`,
        });
      }
      return;
    }
    if (info.kind === 'branch' && (!parent || !info.parents!.includes(parent.name))) {
      this.errors.push({
        start: node.start,
        end: node.end,
        message: `"{% ${name} %}" is only allowed inside ${info.parents!.map((p) => `"${p}"`).join(', ')}.`,
      });
    }
  }

  private reportUnclosed(block: LiquidTag): void {
    this.errors.push({
      start: block.start,
      end: block.end,
      message: `"{% ${block.name} %}" is not closed: add "{% end${block.name} %}".`,
    });
  }
}

/**
 * The element tree as a browser builds it from start and end tags: implied end tags, void
 * elements, `/>` honoured only in SVG and MathML, stray end tags dropped.
 */
/** What an `ElementTree` has open at one point of the text. */
export interface OpenElements {
  readonly stack: readonly HtmlElement[];
  readonly foreignDepth: number;
}

export class ElementTree {
  /** Every element in document order. */
  readonly elements: HtmlElement[] = [];
  readonly roots: HtmlElement[] = [];
  private readonly stack: HtmlElement[] = [];
  private foreignDepth = 0;

  /** `linked`: whether elements get their parent and children and are listed (the cursor only needs what is open). */
  constructor(private readonly linked = true) {}

  /** Starts with `open` open (outermost first; HTML content): a parse of the middle of a text. */
  seed(open: readonly HtmlElement[]): void {
    for (const element of open) this.stack.push(element);
  }

  /** Whether exactly `open` is open, in HTML content. */
  holds(open: readonly HtmlElement[]): boolean {
    return this.foreignDepth === 0 && sameItems(this.stack, open);
  }

  top(): HtmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Places a start tag's element; whether it is in HTML content (not inside SVG or MathML). */
  open(element: HtmlElement): boolean {
    let count = this.foreignDepth > 0 ? 0 : impliedCloseCount(this.stack, element.name);
    while (count-- > 0) this.pop(element.start, 'implied');
    if (this.linked) {
      const parent = this.top();
      element.parent = parent;
      (parent ? parent.children : this.roots).push(element);
      this.elements.push(element);
    }
    if (VOID_ELEMENTS.has(element.name) && this.foreignDepth === 0) {
      element.end = element.startTagEnd;
      element.closedBy = 'void';
      return true;
    }
    if (element.selfClosingSlash !== undefined && (this.foreignDepth > 0 || element.name === 'svg' || element.name === 'math')) {
      // Only foreign (SVG/MathML) content honours "/>".
      element.end = element.startTagEnd;
      element.closedBy = 'self-closing';
      return this.foreignDepth === 0;
    }
    if (this.stack.length >= MAX_OPEN_ELEMENTS) {
      // Past this depth every start tag would scan the whole stack of open elements (a cost that
      // grows with the square of the depth): like Blink's parser, deeper elements become siblings.
      element.end = element.startTagEnd;
      element.closedBy = 'implied';
      return this.foreignDepth === 0;
    }
    if (element.name === 'svg' || element.name === 'math' || this.foreignDepth > 0) this.foreignDepth++;
    this.stack.push(element);
    return this.foreignDepth === 0;
  }

  /** An end tag from `start` to `end`: closes the element it matches, and those left open inside it. */
  close(start: number, name: string, end: number): void {
    const index = this.matchingOpen(name);
    if (index === -1) return;
    while (this.stack.length - 1 > index) this.pop(start, 'implied');
    const element = this.stack.pop()!;
    if (this.foreignDepth > 0) this.foreignDepth--;
    element.end = end;
    element.endTagStart = start;
    element.closedBy = 'end-tag';
    element.children = fitted(element.children);
  }

  /** The elements open now, for `restore` (a tree that only tracks what is open: the cursor's). */
  snapshot(): OpenElements {
    return { stack: this.stack.slice(), foreignDepth: this.foreignDepth };
  }

  /**
   * Back to the elements open at a `snapshot`, in a text of `length` characters whose start up to
   * there is the same: each is open again, as it was then (its end, if it had one since, is not).
   */
  restore(open: OpenElements, length: number): void {
    this.stack.length = 0;
    for (const element of open.stack) {
      element.end = length;
      element.endTagStart = undefined;
      element.closedBy = 'eof';
      this.stack.push(element);
    }
    this.foreignDepth = open.foreignDepth;
  }

  /** Closes what is still open at the end of the text. */
  finish(n: number): void {
    while (this.stack.length) this.pop(n, 'eof');
  }

  private pop(end: number, closedBy: 'implied' | 'eof'): HtmlElement {
    const element = this.stack.pop()!;
    element.end = end;
    element.closedBy = closedBy;
    element.children = fitted(element.children);
    if (this.foreignDepth > 0) this.foreignDepth--;
    return element;
  }

  /** Which open element an end tag closes, following the HTML standard's scope rules; -1 to ignore it. */
  private matchingOpen(name: string): number {
    const { stack } = this;
    if (SPECIAL_ELEMENTS.has(name) || name === 'body' || name === 'html') {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].name === name) return k;
        if (SCOPE_BOUNDARIES.has(stack[k].name) && name !== 'html' && name !== 'body') return -1;
      }
      return -1;
    }
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].name === name) return k;
      if (SPECIAL_ELEMENTS.has(stack[k].name)) return -1;
    }
    return -1;
  }
}
