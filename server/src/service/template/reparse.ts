/**
 * A template's parse after an edit, from the parse before it: only the part of the text around
 * the edit is parsed again, and the rest of the tree is kept, its offsets after the edit moved.
 *
 * The part parsed again is the content between two children of the innermost element whose
 * content holds the edit (or between two top-level elements): there the parse's whole state is
 * known from the old tree, namely the elements open (that element and its ancestors) and the
 * Liquid blocks open (read again from the old Liquid nodes before it). `parseFragment` parses it
 * from that state and refuses when the state after it is not the one the old parse had there;
 * then what follows reads exactly as it did, and the document is the one a whole parse gives
 * (a differential test holds the two equal over random edits). Anything it does not handle
 * (a `{% raw %}` around the edit, SVG, an edit at the end of the text outside every element)
 * gives undefined: the caller parses the whole text.
 *
 * The old document is used up: its nodes become the new document's, moved in place (a copy would
 * be as many new objects as a parse, which is what the young generation's collections spend
 * their time on). Nothing else may still read it.
 */
import type { Expression, FilterCall } from './liquidExpression';
import type { HtmlElement, LiquidNode, LiquidTag, Range, TemplateDocument } from './document';
import { RAW_TEXT_ELEMENTS, RCDATA_ELEMENTS } from './html';
import { BLOCK_TAGS, closeBlock, parseFragment } from './parser';
import { samePrefix, sameSuffix } from '../util/strings';

/** The longest part parsed again in one step; past it the whole text is parsed, in slices. */
const MAX_FRAGMENT = 32_768;
/** Nodes moved between two steps. */
const MOVE_SLICE = 4_096;

/** The parse of `text`, from `previous` (the parse of the text before an edit), or undefined. */
export function* reparseSteps(previous: TemplateDocument, text: string): Generator<void, TemplateDocument | undefined> {
  const old = previous.text;
  const min = Math.min(old.length, text.length);
  const start = samePrefix(old, text, 0, min);
  const tail = sameSuffix(old, text, min - start);
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;
  // The same text (a validation for a setting): the same document.
  if (start === old.length && delta === 0) return { ...previous };

  // The innermost element whose content holds the edit, and the elements open around it.
  const open: HtmlElement[] = [];
  let children = previous.roots;
  for (;;) {
    const child = children[lastStartingBefore(children, start)];
    if (!child || !holdsInContent(child, start, oldEnd)) break;
    open.push(child);
    children = child.children;
  }
  const container = open[open.length - 1];
  // The children kept before the part (the last one closed by its own tag, not by what follows it) and after it.
  let keptBefore = lastStartingBefore(children, start);
  while (keptBefore >= 0 && !(children[keptBefore].end <= start && closesItself(children[keptBefore]))) keptBefore--;
  let keptAfter = keptBefore + 1;
  while (keptAfter < children.length && children[keptAfter].start < oldEnd) keptAfter++;
  const from = keptBefore >= 0 ? children[keptBefore].end : container ? container.startTagEnd : 0;
  // Up to the next child kept, or through the container's end tag, which closes what is left open in it.
  const throughEndTag = keptAfter === children.length && container?.closedBy === 'end-tag';
  const until = keptAfter < children.length ? children[keptAfter].start : throughEndTag ? container.end : -1;
  // At the end of the text, or at something else that closes the container, what is open there decides: parse it all.
  if (until === -1 || until - from + delta > MAX_FRAGMENT) return undefined;
  if (open.some((e) => e.name === 'svg' || e.name === 'math')) return undefined;
  // Elements inside `{% raw %}` are still HTML, read without Liquid: a state this does not carry.
  if (previous.liquidVerbatim.some((body) => body.start <= until && body.end >= from)) return undefined;

  // What was read before the part must not have looked into it: a start tag cut off by the tag
  // after it (`<div <p>`: whether `<p>` is a tag decided it), or an unclosed `{{` (whether a
  // `}}` comes before the next opener decided it).
  if (from > 0 && old.charCodeAt(from - 1) !== 62 /* > */) return undefined;
  if (unclosedLooksPast(old, previous.unclosed, from)) return undefined;
  const blocks = openBlocks(previous.liquid, from, until);
  if (!blocks) return undefined;
  const [blocksBefore, blocksAfter] = blocks;
  // A block opened before the part and closed in it: by its own end tag, or the errors its
  // closing left (inner blocks reported unclosed, at their tags before the part) are not the part's to replace.
  for (const block of blocksBefore) {
    if (blocksAfter.includes(block)) continue;
    if (!block.closer || block.closer.start < from || block.closer.start >= until) return undefined;
  }
  const keptChildren = children.slice(keptAfter);
  const endTagStart = container?.endTagStart;
  const openAfter = throughEndTag ? open.slice(0, -1) : open;
  // The fragment's elements are added to the container's children, after those kept before it.
  children.length = keptBefore + 1;
  const fragment = parseFragment(text, { from, until: until + delta, open, openAfter, blocks: blocksBefore, blocksAfter });
  if (!fragment || (fragment.errors.length > 0 && fragment.errors[0].start < from)) return undefined;
  // Closed by its own end tag where it was: no element of the fragment went to the container's parent.
  if (throughEndTag && (container.closedBy !== 'end-tag' || container.endTagStart !== endTagStart! + delta)) return undefined;
  // Outside every element (`children` is then the roots), the fragment's own top-level elements come first.
  for (const element of fragment.roots) children.push(element);
  for (const element of keptChildren) children.push(element);
  yield;

  // The document's lists, their items in the part replaced by the fragment's, then those after it moved.
  const { elements, liquid, errors, htmlComments, liquidVerbatim, unclosed } = previous;
  const elementsAfter = splice(elements, from, until, fragment.elements);
  const liquidAfter = splice(liquid, from, until, fragment.liquid);
  const errorsAfter = splice(errors, from, until, fragment.errors);
  const commentsAfter = splice(htmlComments, from, until, fragment.htmlComments);
  const verbatimAfter = splice(liquidVerbatim, from, until, fragment.liquidVerbatim);
  const unclosedAfter = splice(unclosed, from, until, fragment.unclosed);
  if (delta !== 0) {
    // The elements around the fragment end after it (the container's end the fragment's parse set, if it read it).
    for (const element of openAfter) {
      element.end += delta;
      if (element.endTagStart !== undefined) element.endTagStart += delta;
    }
    yield* moveAll(elements, elementsAfter, delta, moveElement);
    yield* moveAll(liquid, liquidAfter, delta, moveLiquid);
    moved.length = 0;
    yield* moveAll(errors, errorsAfter, delta, moveRange);
    yield* moveAll(htmlComments, commentsAfter, delta, moveRange);
    yield* moveAll(liquidVerbatim, verbatimAfter, delta, moveRange);
    yield* moveAll(unclosed, unclosedAfter, delta, moveRange);
  }
  return { text, elements, roots: previous.roots, liquid, errors, htmlComments, liquidVerbatim, unclosed };
}

/** Index of the last item that starts before `offset` (-1 if none); `items` are in document order. */
function lastStartingBefore(items: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Whether [start, end) lies in the element's content (before what closes it: its end tag, another tag, the end of the text), in HTML that is not raw text. */
function holdsInContent(element: HtmlElement, start: number, end: number): boolean {
  const { closedBy } = element;
  return (
    (closedBy === 'end-tag' ? end <= element.endTagStart! : (closedBy === 'implied' || closedBy === 'eof') && end < element.end) &&
    element.startTagEnd <= start &&
    element.contentStart === undefined &&
    !RAW_TEXT_ELEMENTS.has(element.name) &&
    !RCDATA_ELEMENTS.has(element.name)
  );
}

/** Whether nothing after the element was needed to close it: after it, its parent is the open element again. */
function closesItself(element: HtmlElement): boolean {
  return element.closedBy === 'end-tag' || element.closedBy === 'void' || element.closedBy === 'self-closing';
}

/**
 * Whether the last unclosed `{{` or `{%` before `from` was found unclosed from text at or after
 * `from`: the first closer or opener after it (the one that decided) is not before `from`. The
 * ones before it were decided by it, an opener, at the latest.
 */
function unclosedLooksPast(text: string, unclosed: readonly Range[], from: number): boolean {
  const last = unclosed[lastStartingBefore(unclosed, from)];
  if (!last) return false;
  // Its error runs to the end of its line: that end too.
  if (last.end >= from) return true;
  const after = last.start + 2;
  const close = text.indexOf(text.charCodeAt(last.start + 1) === 123 /* { */ ? '}}' : '%}', after);
  const output = text.indexOf('{{', after);
  const tag = text.indexOf('{%', after);
  const decided = Math.min(close === -1 ? Infinity : close, output === -1 ? Infinity : output, tag === -1 ? Infinity : tag);
  return decided + 2 > from;
}

/**
 * The Liquid blocks open at `from` and at `until`, from the old nodes, as the parser's
 * `structure` keeps them; undefined when a node runs over `from` or `until` (Liquid in a
 * `<script>` is read past the script's end tag: no state to start from there). An HTML comment
 * cannot: one that held a boundary would have held the tag that makes it.
 */
function openBlocks(liquid: readonly LiquidNode[], from: number, until: number): [LiquidTag[], LiquidTag[]] | undefined {
  const open: LiquidTag[] = [];
  let before: LiquidTag[] | undefined;
  let end = 0;
  for (const node of liquid) {
    if (node.start >= until) break;
    if (before === undefined && node.start >= from) {
      if (end > from) return undefined;
      before = open.slice();
    }
    if (node.end > end) end = node.end;
    if (node.kind !== 'tag') continue;
    if (BLOCK_TAGS.has(node.name)) open.push(node);
    else if (node.name.length > 3 && node.name.startsWith('end') && BLOCK_TAGS.has(node.name.slice(3))) closeBlock(open, node.name);
  }
  if (end > until || (before === undefined && end > from)) return undefined;
  return [before ?? open.slice(), open];
}

/** Replaces the items of a document list that start in [from, until) by `items`; where the items after them begin. */
function splice<T extends Range>(list: T[], from: number, until: number, items: T[]): number {
  const lo = lastStartingBefore(list, from) + 1;
  const hi = lastStartingBefore(list, until) + 1;
  if (items.length === 0) list.splice(lo, hi - lo);
  else if (hi - lo === items.length) for (let i = 0; i < items.length; i++) list[lo + i] = items[i];
  else list.splice(lo, hi - lo, ...items);
  return lo + items.length;
}

/** Moves the items of `list` from `after` on by `delta`, `MOVE_SLICE` between two steps. */
function* moveAll<T>(list: T[], after: number, delta: number, move: (item: T, delta: number) => void): Generator<void, void> {
  for (let i = after; i < list.length; i++) {
    move(list[i], delta);
    if ((i - after) % MOVE_SLICE === MOVE_SLICE - 1) yield;
  }
}

function moveRange(range: Range, delta: number): void {
  range.start += delta;
  range.end += delta;
}

function moveElement(element: HtmlElement, delta: number): void {
  element.start += delta;
  element.nameStart += delta;
  element.nameEnd += delta;
  element.startTagEnd += delta;
  element.end += delta;
  if (element.selfClosingSlash !== undefined) element.selfClosingSlash += delta;
  if (element.endTagStart !== undefined) element.endTagStart += delta;
  if (element.contentStart !== undefined) element.contentStart += delta;
  if (element.contentEnd !== undefined) element.contentEnd += delta;
  for (const attribute of element.attributes) {
    attribute.nameStart += delta;
    attribute.nameEnd += delta;
    if (attribute.valueStart !== undefined) attribute.valueStart += delta;
    if (attribute.valueEnd !== undefined) attribute.valueEnd += delta;
  }
}

/**
 * Objects of one node already moved: a tag's syntax lists its variables apart from the
 * expressions they are in (its source, its filters' arguments). Markup errors are moved with the
 * document's errors, which list them all.
 */
const moved: object[] = [];

function moveLiquid(node: LiquidNode, delta: number): void {
  node.start += delta;
  node.end += delta;
  node.markupStart += delta;
  node.markupEnd += delta;
  moved.length = 0;
  if (node.kind === 'output') {
    moveExpression(node.chain.expression, delta);
    moveFilters(node.chain.filters, delta);
    return;
  }
  node.nameStart += delta;
  node.nameEnd += delta;
  const { syntax } = node;
  if (syntax.defines) moveRange(syntax.defines, delta);
  moveExpression(syntax.source, delta);
  moveFilters(syntax.filters, delta);
  for (const variable of syntax.variables) moveExpression(variable, delta);
}

function moveFilters(filters: readonly FilterCall[], delta: number): void {
  for (const filter of filters) {
    if (moved.includes(filter)) continue;
    moved.push(filter);
    filter.nameStart += delta;
    filter.nameEnd += delta;
    filter.pipe += delta;
    filter.end += delta;
    for (const argument of filter.args) moveExpression(argument.value, delta);
  }
}

function moveExpression(expression: Expression | undefined, delta: number): void {
  if (!expression || moved.includes(expression)) return;
  moved.push(expression);
  expression.start += delta;
  expression.end += delta;
  if (expression.kind === 'variable') {
    expression.rootEnd += delta;
    for (const segment of expression.path) {
      segment.start += delta;
      segment.end += delta;
      moveExpression(segment.dynamic, delta);
    }
  } else if (expression.kind === 'range') {
    moveExpression(expression.from, delta);
    moveExpression(expression.to, delta);
  }
}
