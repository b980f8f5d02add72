/**
 * A tolerant, single-pass parser for Liquid + HTML worker templates.
 *
 * Liquid is resolved on the server before the browser sees the page, so Liquid delimiters are
 * recognised first, in every HTML state (text, attribute values, between attributes, `<script>`,
 * `<style>`, HTML comments); a quote inside `{{ }}` never ends an attribute. HTML is built the
 * way a browser would (implied end tags, void elements, ignored `/>` on non-void elements, stray
 * end tags dropped), so a misnested page still yields a useful tree. It never throws.
 */
import {
  HtmlAttribute,
  HtmlContextKind,
  HtmlElement,
  LiquidNode,
  LiquidOutput,
  LiquidTag,
  Range,
  TemplateDocument,
  TemplateError,
  VerbatimBody,
} from './document';
import { RAW_TEXT_ELEMENTS, RCDATA_ELEMENTS, SCOPE_BOUNDARIES, SPECIAL_ELEMENTS, VOID_ELEMENTS, impliedCloseCount } from './html';
import { parseFilterChain } from './liquidExpression';
import { parseTagSyntax } from './tagSyntax';
import { TAGS, UNSUPPORTED_TAGS, tagInfo } from '../domain/liquid';

/** How deep elements nest before deeper ones are read as siblings (Blink's limit). */
const MAX_OPEN_ELEMENTS = 512;

const BLOCK_TAGS = new Set(TAGS.filter((t) => t.kind === 'block').map((t) => t.name));

export function parseTemplate(text: string): TemplateDocument {
  return new Parser(text).run();
}

interface Place {
  context: HtmlContextKind;
  element?: HtmlElement;
  attribute?: HtmlAttribute;
}

class Parser {
  private readonly elements: HtmlElement[] = [];
  private readonly roots: HtmlElement[] = [];
  private readonly liquid: LiquidNode[] = [];
  private readonly errors: TemplateError[] = [];
  private readonly htmlComments: Range[] = [];
  private readonly liquidVerbatim: VerbatimBody[] = [];
  private readonly stack: HtmlElement[] = [];
  private readonly blockStack: LiquidTag[] = [];
  /** Liquid is not recognised before this offset (inside `{% raw %}`). */
  private verbatimUntil = 0;
  private foreignDepth = 0;
  /** Per needle: the last search's start and result. */
  private readonly found = new Map<string, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  /**
   * `text.indexOf(needle, from)`, remembering the answer: the scan moves forward, so asking again
   * for the next "{%" from a later offset costs nothing until that "{%" is passed. Without this,
   * a template with no "{%" at all would be scanned to its end once per output (quadratic).
   */
  private indexFrom(needle: string, from: number): number {
    const last = this.found.get(needle);
    if (last && from >= last.from && (last.at === -1 || last.at >= from)) return last.at;
    const at = this.text.indexOf(needle, from);
    this.found.set(needle, { from, at });
    return at;
  }

  run(): TemplateDocument {
    const { text } = this;
    let i = 0;
    const n = text.length;
    const significant = /[<{]/g;
    while (i < n) {
      significant.lastIndex = i;
      const m = significant.exec(text);
      if (!m) break;
      i = m.index;
      if (text.charCodeAt(i) === 123 /* { */) {
        i = this.liquidOrText(i, { context: 'text', element: this.top() });
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if (next === 33 /* ! */) {
        i = text.startsWith('<!--', i) ? this.comment(i) : this.bogusComment(i);
      } else if (next === 47 /* / */ && isAsciiLetter(text.charCodeAt(i + 2))) {
        i = this.endTag(i);
      } else if (isAsciiLetter(next)) {
        i = this.startTag(i);
      } else {
        i++;
      }
    }
    this.finish(n);
    return {
      text,
      elements: this.elements,
      roots: this.roots,
      liquid: this.liquid,
      errors: this.errors,
      htmlComments: this.htmlComments,
      liquidVerbatim: this.liquidVerbatim,
    };
  }

  private top(): HtmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** At a `{`: reads a Liquid node if one starts here, returning the offset to continue from. */
  private liquidOrText(i: number, place: Place): number {
    const { text } = this;
    const second = text.charCodeAt(i + 1);
    if (i < this.verbatimUntil || (second !== 123 && second !== 37)) return i + 1;
    return second === 123 ? this.output(i, place) : this.tag(i, place);
  }

  /** Finds the closing delimiter, refusing to run past the next opening one (an unclosed `{{` while typing). */
  private findClose(from: number, close: string): number {
    const end = this.indexFrom(close, from);
    const nextOutput = this.indexFrom('{{', from);
    const nextTag = this.indexFrom('{%', from);
    const nextOpen = Math.min(nextOutput === -1 ? Infinity : nextOutput, nextTag === -1 ? Infinity : nextTag);
    if (end === -1 || nextOpen < end) return -1;
    return end;
  }

  private unclosed(i: number, what: string, close: string): number {
    const lineEnd = this.text.indexOf('\n', i);
    this.errors.push({
      start: i,
      end: lineEnd === -1 ? this.text.length : Math.max(lineEnd, i + 2),
      message: `${what} is not closed: add "${close}".`,
    });
    return i + 2;
  }

  private output(i: number, place: Place): number {
    const { text } = this;
    const close = this.findClose(i + 2, '}}');
    if (close === -1) return this.unclosed(i, 'This output "{{"', '}}');
    const markupStart = text.charCodeAt(i + 2) === 45 /* - */ ? i + 3 : i + 2;
    const markupEnd = close > markupStart && text.charCodeAt(close - 1) === 45 ? close - 1 : close;
    const chain = parseFilterChain(text, markupStart, markupEnd);
    const node: LiquidOutput = {
      kind: 'output',
      start: i,
      end: close + 2,
      markupStart,
      markupEnd,
      chain,
      ...place,
    };
    for (const e of chain.errors) this.errors.push(e);
    this.add(node, place);
    return node.end;
  }

  private tag(i: number, place: Place): number {
    const { text } = this;
    const close = this.findClose(i + 2, '%}');
    if (close === -1) return this.unclosed(i, 'This tag "{%"', '%}');
    let p = text.charCodeAt(i + 2) === 45 ? i + 3 : i + 2;
    const contentEnd = close > p && text.charCodeAt(close - 1) === 45 ? close - 1 : close;
    while (p < contentEnd && isSpace(text.charCodeAt(p))) p++;
    const nameStart = p;
    if (text.charCodeAt(p) === 35 /* # */) p++;
    else while (p < contentEnd && isNameChar(text.charCodeAt(p))) p++;
    const name = text.slice(nameStart, p);
    const end = close + 2;
    if (name === 'liquid') {
      this.addTag(name, i, end, nameStart, p, p, contentEnd, place);
      this.liquidLines(p, contentEnd, place);
      return end;
    }
    const node = this.addTag(name, i, end, nameStart, p, p, contentEnd, place);
    if (name === 'raw') return this.verbatim(node, 'raw', place);
    if (name === 'comment') return this.verbatim(node, 'comment', place);
    return end;
  }

  private addTag(
    name: string,
    start: number,
    end: number,
    nameStart: number,
    nameEnd: number,
    markupStart: number,
    markupEnd: number,
    place: Place,
    inLiquidTag = false,
  ): LiquidTag {
    const syntax = parseTagSyntax(name, this.text, markupStart, markupEnd);
    const node: LiquidTag = {
      kind: 'tag',
      name,
      nameStart,
      nameEnd,
      start,
      end,
      markupStart,
      markupEnd,
      syntax,
      inLiquidTag: inLiquidTag || undefined,
      ...place,
    };
    // An error at the very end of the markup ("{% elsif %}") would be an invisible zero-width range.
    for (const e of syntax.errors) this.errors.push(e.start === e.end ? { ...e, start, end } : e);
    this.structure(node);
    this.add(node, place);
    return node;
  }

  private add(node: LiquidNode, place: Place): void {
    this.liquid.push(node);
    place.attribute?.liquid.push(node);
  }

  /** `{% liquid %}`: one tag per line, without delimiters. */
  private liquidLines(from: number, to: number, place: Place): void {
    const { text } = this;
    let lineStart = from;
    while (lineStart < to) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > to) lineEnd = to;
      let p = lineStart;
      while (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
      if (p < lineEnd) {
        const nameStart = p;
        if (text.charCodeAt(p) === 35) p++;
        else while (p < lineEnd && isNameChar(text.charCodeAt(p))) p++;
        let contentEnd = lineEnd;
        while (contentEnd > p && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
        this.addTag(text.slice(nameStart, p), nameStart, contentEnd, nameStart, p, p, contentEnd, place, true);
      }
      lineStart = lineEnd + 1;
    }
  }

  /** `{% raw %}` and `{% comment %}`: finds the end tag; the body is not Liquid. */
  private verbatim(open: LiquidTag, kind: 'raw' | 'comment', place: Place): number {
    const { text } = this;
    const pattern = kind === 'raw' ? /\{%-?\s*endraw\s*-?%\}/g : /\{%-?\s*(end)?comment\b[^%]*?-?%\}/g;
    pattern.lastIndex = open.end;
    let depth = 1;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      if (kind === 'comment' && !m[1]) {
        depth++;
        continue;
      }
      if (--depth === 0) break;
    }
    if (!m) {
      // `structure` already reported the missing end tag.
      this.liquidVerbatim.push({ kind, start: open.end, end: text.length });
      if (kind === 'comment') return text.length;
      this.verbatimUntil = text.length;
      return open.end;
    }
    this.liquidVerbatim.push({ kind, start: open.end, end: m.index });
    if (kind === 'raw') {
      // The body of raw is still HTML that reaches the browser: keep scanning it, without Liquid.
      this.verbatimUntil = m.index;
      return open.end;
    }
    this.tag(m.index, place);
    return m.index + m[0].length;
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
      const index = findLastIndex(this.blockStack, (b) => b.name === opener);
      if (index === -1) {
        this.errors.push({
          start: node.start,
          end: node.end,
          message: `"{% ${name} %}" has no matching "{% ${opener} %}": remove it or add the opening tag.`,
        });
        return;
      }
      for (const unclosed of this.blockStack.splice(index + 1)) this.reportUnclosed(unclosed);
      const block = this.blockStack.pop()!;
      block.closer = node;
      node.parentBlock = block.parentBlock;
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

  private comment(i: number): number {
    const { text } = this;
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    this.htmlComments.push({ start: i, end });
    this.scanLiquidIn(i + 4, close === -1 ? end : close, { context: 'comment', element: this.top() });
    return end;
  }

  private bogusComment(i: number): number {
    const close = this.text.indexOf('>', i);
    return close === -1 ? this.text.length : close + 1;
  }

  /** Reads Liquid nodes inside a range that holds no HTML structure. */
  private scanLiquidIn(from: number, to: number, place: Place): void {
    let i = from;
    while (i < to) {
      const brace = this.indexFrom('{', i);
      if (brace === -1 || brace >= to) return;
      i = this.liquidOrText(brace, place);
    }
  }

  private startTag(i: number): number {
    const { text } = this;
    const n = text.length;
    let p = i + 1;
    while (p < n && !isTagNameEnd(text.charCodeAt(p))) p++;
    const name = text.slice(i + 1, p).toLowerCase();
    const element: HtmlElement = {
      name,
      start: i,
      nameStart: i + 1,
      nameEnd: p,
      startTagEnd: n,
      attributes: [],
      children: [],
      end: n,
      closedBy: 'eof',
    };
    const place: Place = { context: 'start-tag', element };
    // Attributes.
    for (;;) {
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === 62 /* > */) {
        element.startTagEnd = p + 1;
        break;
      }
      if (c === 47 /* / */) {
        if (text.charCodeAt(p + 1) === 62) {
          element.selfClosingSlash = p;
          element.startTagEnd = p + 2;
          break;
        }
        p++;
        continue;
      }
      if (c === 60 /* < */ && p > i + 1 && this.looksLikeNewTag(p)) {
        // `<div class="a" <span>`: the tag was cut off; let the next tag stand on its own.
        element.startTagEnd = p;
        break;
      }
      if (c === 123 && p >= this.verbatimUntil && (text.charCodeAt(p + 1) === 123 || text.charCodeAt(p + 1) === 37)) {
        p = this.liquidOrText(p, place);
        continue;
      }
      p = this.attribute(p, element);
    }
    this.openElement(element);
    if (this.foreignDepth === 0 && (RAW_TEXT_ELEMENTS.has(name) || RCDATA_ELEMENTS.has(name))) {
      return this.rawContent(element);
    }
    return element.startTagEnd;
  }

  /** A `<` followed by a letter and then a name and whitespace or `>` on the same line. */
  private looksLikeNewTag(p: number): boolean {
    return /^<\/?[a-zA-Z][\w-]*[\s>]/.test(this.text.slice(p, p + 64));
  }

  private attribute(p: number, element: HtmlElement): number {
    const { text } = this;
    const n = text.length;
    const nameStart = p;
    const attribute: HtmlAttribute = { name: '', nameStart, nameEnd: p, liquid: [] };
    // A leading "=" belongs to the name (HTML's rule); otherwise the name runs to a delimiter.
    if (text.charCodeAt(p) === 61) p++;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      if (c === 123 && p >= this.verbatimUntil && text.charCodeAt(p + 1) === 37) break;
      if (c === 123 && p > nameStart && p >= this.verbatimUntil && text.charCodeAt(p + 1) === 123) {
        // `data-{{ key }}="..."`: an output builds part of the name. (A tag ends it: `checked{% endif %}`.)
        p = this.liquidOrText(p, { context: 'start-tag', element, attribute });
        continue;
      }
      p++;
    }
    attribute.name = text.slice(nameStart, p).toLowerCase();
    attribute.nameEnd = p;
    if (p === nameStart) return p + 1;
    element.attributes.push(attribute);
    let q = p;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) !== 61 /* = */) return p;
    q++;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    const place: Place = { context: 'attribute-value', element, attribute };
    const quote = text[q];
    if (quote === '"' || quote === "'") {
      attribute.quote = quote;
      attribute.valueStart = q + 1;
      let r = q + 1;
      for (;;) {
        const quoteAt = text.indexOf(quote, r);
        const braceAt = this.indexFrom('{', r);
        if (braceAt !== -1 && (quoteAt === -1 || braceAt < quoteAt)) {
          r = this.liquidOrText(braceAt, place);
          continue;
        }
        attribute.valueEnd = quoteAt === -1 ? n : quoteAt;
        attribute.value = text.slice(attribute.valueStart, attribute.valueEnd);
        return quoteAt === -1 ? n : quoteAt + 1;
      }
    }
    attribute.quote = '';
    attribute.valueStart = q;
    let r = q;
    while (r < n) {
      const c = text.charCodeAt(r);
      if (isSpace(c) || c === 62) break;
      if (c === 123 && (text.charCodeAt(r + 1) === 123 || text.charCodeAt(r + 1) === 37)) {
        r = this.liquidOrText(r, place);
        continue;
      }
      r++;
    }
    attribute.valueEnd = r;
    attribute.value = text.slice(q, r);
    return r;
  }

  private openElement(element: HtmlElement): void {
    const names = this.stack.map((e) => e.name);
    let count = this.foreignDepth > 0 ? 0 : impliedCloseCount(names, element.name);
    while (count-- > 0) this.pop(element.start, 'implied');
    const parent = this.top();
    element.parent = parent;
    (parent ? parent.children : this.roots).push(element);
    this.elements.push(element);
    if (VOID_ELEMENTS.has(element.name) && this.foreignDepth === 0) {
      element.end = element.startTagEnd;
      element.closedBy = 'void';
      return;
    }
    if (element.selfClosingSlash !== undefined && (this.foreignDepth > 0 || element.name === 'svg' || element.name === 'math')) {
      // Only foreign (SVG/MathML) content honours "/>".
      element.end = element.startTagEnd;
      element.closedBy = 'self-closing';
      return;
    }
    if (this.stack.length >= MAX_OPEN_ELEMENTS) {
      // Past this depth every start tag would scan the whole stack of open elements (a cost that
      // grows with the square of the depth): like Blink's parser, deeper elements become siblings.
      element.end = element.startTagEnd;
      element.closedBy = 'implied';
      return;
    }
    if (element.name === 'svg' || element.name === 'math' || this.foreignDepth > 0) this.foreignDepth++;
    this.stack.push(element);
  }

  private pop(end: number, closedBy: 'implied' | 'eof'): HtmlElement {
    const element = this.stack.pop()!;
    element.end = end;
    element.closedBy = closedBy;
    if (this.foreignDepth > 0) this.foreignDepth--;
    return element;
  }

  /** Script, style, textarea, title: text up to the matching end tag, with Liquid inside. */
  private rawContent(element: HtmlElement): number {
    const { text } = this;
    const contentStart = element.startTagEnd;
    const endTag = findEndTag(text, element.name, contentStart);
    const contentEnd = endTag === -1 ? text.length : endTag;
    element.contentStart = contentStart;
    element.contentEnd = contentEnd;
    this.scanLiquidIn(contentStart, contentEnd, {
      context: RCDATA_ELEMENTS.has(element.name) ? 'rcdata' : 'raw-text',
      element,
    });
    if (endTag === -1) return text.length;
    return this.endTag(contentEnd);
  }

  private endTag(i: number): number {
    const { text } = this;
    let p = i + 2;
    while (p < text.length && !isTagNameEnd(text.charCodeAt(p))) p++;
    const name = text.slice(i + 2, p).toLowerCase();
    const close = text.indexOf('>', p);
    const end = close === -1 ? text.length : close + 1;
    const index = this.matchingOpen(name);
    if (index === -1) return end;
    while (this.stack.length - 1 > index) this.pop(i, 'implied');
    const element = this.stack.pop()!;
    if (this.foreignDepth > 0) this.foreignDepth--;
    element.end = end;
    element.endTagStart = i;
    element.closedBy = 'end-tag';
    return end;
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

  private finish(n: number): void {
    while (this.stack.length) this.pop(n, 'eof');
    for (const block of this.blockStack) this.reportUnclosed(block);
    this.errors.sort((a, b) => a.start - b.start);
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}
function isTagNameEnd(c: number): boolean {
  return isSpace(c) || c === 47 || c === 62 || c === 60 || c === 123;
}
function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}
/** Where `</name` starts, followed by a space, `/` or `>` (ASCII case ignored; `name` in lower case), or -1. */
function findEndTag(text: string, name: string, from: number): number {
  for (let i = text.indexOf('</', from); i !== -1; i = text.indexOf('</', i + 2)) {
    const after = i + 2 + name.length;
    if (after >= text.length) return -1;
    const c = text.charCodeAt(after);
    if ((isSpace(c) || c === 47 || c === 62) && text.slice(i + 2, after).toLowerCase() === name) return i;
  }
  return -1;
}
function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}
