/**
 * The lexical reading of a worker template: where Liquid outputs and tags are, the bodies of
 * `{% raw %}` and `{% comment %}`, HTML comments, start tags with their attributes, the content of
 * `<script>`, `<style>`, `<textarea>` and `<title>`, and end tags. The parser builds the tree the
 * checks read from it; completion, hover and code actions read the cursor's surroundings from it
 * (`cursor.ts`), so the two cannot disagree about what is Liquid, comment or attribute.
 *
 * Liquid is resolved on the server before the browser sees the page, so Liquid delimiters are
 * recognised first, in every HTML state (text, attribute values, between attributes, `<script>`,
 * `<style>`, HTML comments); a quote inside `{{ }}` never ends an attribute. It never throws, and
 * every loop consumes input.
 */
import type { HtmlAttribute, HtmlContextKind, HtmlElement, Range, VerbatimBody } from './document';
import { RAW_TEXT_ELEMENTS, RCDATA_ELEMENTS } from './html';
import { fitted } from '../util/arrays';
import { intern } from '../util/strings';

/** A Liquid output or tag as written: offsets only, its markup not yet parsed. */
export interface LiquidToken {
  kind: 'output' | 'tag';
  start: number;
  end: number;
  /** After the opening delimiter and its trim marker (`{{-`), before the closing one and its trim marker. */
  contentStart: number;
  contentEnd: number;
  /** Outputs: the content. Tags: after the tag name. */
  markupStart: number;
  markupEnd: number;
  /** Tags only ('' for outputs). */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Tags written as lines of a `{% liquid %}` tag. */
  inLiquidTag?: boolean;
}

/** The HTML state a token sits in; the element is the one being read (a start tag, a script), not the enclosing one. */
export interface LexPlace {
  context: HtmlContextKind;
  element?: HtmlElement;
  attribute?: HtmlAttribute;
}

/** What the lexer reports, in document order. */
export interface LexerReader {
  liquid(token: LiquidToken, place: LexPlace): void;
  /** A `{{` or `{%` with no closer before the next opener: the token runs to the end of its line. */
  unclosed(token: LiquidToken): void;
  verbatim(body: VerbatimBody): void;
  htmlComment(range: Range): void;
  /**
   * A start tag, read to its end (its tree fields are the reader's to set). Answers whether it is
   * in HTML content, where `<script>`, `<style>`, `<textarea>` and `<title>` hold raw text: only
   * the tree knows whether it is inside SVG or MathML.
   */
  startTag(element: HtmlElement): boolean;
  /** An end tag: `</name ...>` from `start` to `end`. */
  endTag(start: number, name: string, end: number): void;
}

/** Places shared by every token in text and in HTML comments (the reader adds the element around them). */
const TEXT: LexPlace = Object.freeze({ context: 'text' });
const COMMENT: LexPlace = Object.freeze({ context: 'comment' });

export class TemplateLexer {
  /** Liquid is not recognised before this offset (inside `{% raw %}`). */
  private verbatimUntil = 0;
  private readonly nextOutput: Finder;
  private readonly nextTag: Finder;
  private readonly nextOutputClose: Finder;
  private readonly nextTagClose: Finder;
  private readonly nextBrace: Finder;
  private readonly nextAngle: Finder;

  constructor(
    private readonly text: string,
    private readonly reader: LexerReader,
  ) {
    this.nextOutput = new Finder(text, '{{');
    this.nextTag = new Finder(text, '{%');
    this.nextOutputClose = new Finder(text, '}}');
    this.nextTagClose = new Finder(text, '%}');
    this.nextBrace = new Finder(text, '{');
    this.nextAngle = new Finder(text, '<');
  }

  /** Where the token being read starts: every report belongs to the token that starts there. */
  tokenStart = 0;

  /** Where Liquid is recognised again, for a lexer that goes on from a point of another over the same start of text (`resume`). */
  get liquidFrom(): number {
    return this.verbatimUntil;
  }

  /** Takes up where a lexer of a text with the same start stopped (at a `run`'s end, whose `liquidFrom` was `liquidFrom`). */
  resume(liquidFrom: number): void {
    this.verbatimUntil = liquidFrom;
  }

  /**
   * Reads the tokens that start in [from, until); the last one is read to its end, however far
   * past `until` that is. Returns where to go on from: reading on from there is the same as having
   * read to a later `until` at once.
   */
  run(from = 0, until = this.text.length): number {
    const { text } = this;
    let i = from;
    while (i < until) {
      const angle = this.nextAngle.from(i);
      const brace = this.nextBrace.from(i);
      i = angle === -1 ? brace : brace === -1 ? angle : Math.min(angle, brace);
      if (i === -1) return text.length;
      if (i >= until) break;
      this.tokenStart = i;
      if (text.charCodeAt(i) === 123 /* { */) {
        i = this.liquidOrText(i, TEXT);
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
    return i;
  }

  /** The lines of a `{% liquid %}` tag's markup in [from, to), as tags, reported to `reader` (this lexer's by default). */
  liquidLines(from: number, to: number, place: LexPlace, reader: Pick<LexerReader, 'liquid'> = this.reader): void {
    const { text } = this;
    let lineStart = from;
    while (lineStart < to) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > to) lineEnd = to;
      let p = lineStart;
      while (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
      if (p < lineEnd) {
        const nameStart = p;
        p = this.tagName(p, lineEnd);
        let contentEnd = lineEnd;
        while (contentEnd > p && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
        reader.liquid(
          {
            kind: 'tag',
            name: intern(text.slice(nameStart, p)),
            start: nameStart,
            end: contentEnd,
            contentStart: nameStart,
            contentEnd,
            nameStart,
            nameEnd: p,
            markupStart: p,
            markupEnd: contentEnd,
            inLiquidTag: true,
          },
          place,
        );
      }
      lineStart = lineEnd + 1;
    }
  }

  /** At a `{`: reads a Liquid node if one starts here, returning the offset to continue from. */
  private liquidOrText(i: number, place: LexPlace): number {
    const second = this.text.charCodeAt(i + 1);
    if (i < this.verbatimUntil || (second !== 123 && second !== 37)) return i + 1;
    return second === 123 ? this.output(i, place) : this.tag(i, place);
  }

  /** Whether a Liquid delimiter starts at `p`, outside `{% raw %}`. */
  private liquidAt(p: number): boolean {
    const second = this.text.charCodeAt(p + 1);
    return this.text.charCodeAt(p) === 123 && p >= this.verbatimUntil && (second === 123 || second === 37);
  }

  /** Finds the closing delimiter, refusing to run past the next opening one (an unclosed `{{` while typing). */
  private findClose(from: number, close: string): number {
    const end = (close === '}}' ? this.nextOutputClose : this.nextTagClose).from(from);
    const nextOutput = this.nextOutput.from(from);
    const nextTag = this.nextTag.from(from);
    const nextOpen = Math.min(nextOutput === -1 ? Infinity : nextOutput, nextTag === -1 ? Infinity : nextTag);
    if (end === -1 || nextOpen < end) return -1;
    return end;
  }

  private unclosed(i: number, kind: 'output' | 'tag'): number {
    const { text } = this;
    const lineEnd = text.indexOf('\n', i);
    const end = lineEnd === -1 ? text.length : Math.max(lineEnd, i + 2);
    const contentStart = Math.min(end, text.charCodeAt(i + 2) === 45 ? i + 3 : i + 2);
    let nameStart = contentStart;
    if (kind === 'tag') while (nameStart < end && isSpace(text.charCodeAt(nameStart))) nameStart++;
    const nameEnd = kind === 'tag' ? this.tagName(nameStart, end) : nameStart;
    this.reader.unclosed({
      kind,
      name: text.slice(nameStart, nameEnd),
      start: i,
      end,
      contentStart,
      contentEnd: end,
      nameStart,
      nameEnd,
      markupStart: nameEnd,
      markupEnd: end,
    });
    return i + 2;
  }

  private output(i: number, place: LexPlace): number {
    const { text } = this;
    const close = this.findClose(i + 2, '}}');
    if (close === -1) return this.unclosed(i, 'output');
    const contentStart = text.charCodeAt(i + 2) === 45 /* - */ ? i + 3 : i + 2;
    const contentEnd = close > contentStart && text.charCodeAt(close - 1) === 45 ? close - 1 : close;
    this.reader.liquid(
      {
        kind: 'output',
        name: '',
        start: i,
        end: close + 2,
        contentStart,
        contentEnd,
        nameStart: contentStart,
        nameEnd: contentStart,
        markupStart: contentStart,
        markupEnd: contentEnd,
      },
      place,
    );
    return close + 2;
  }

  private tag(i: number, place: LexPlace): number {
    const { text } = this;
    const close = this.findClose(i + 2, '%}');
    if (close === -1) return this.unclosed(i, 'tag');
    const contentStart = text.charCodeAt(i + 2) === 45 ? i + 3 : i + 2;
    const contentEnd = close > contentStart && text.charCodeAt(close - 1) === 45 ? close - 1 : close;
    let p = contentStart;
    while (p < contentEnd && isSpace(text.charCodeAt(p))) p++;
    const nameStart = p;
    p = this.tagName(p, contentEnd);
    const name = intern(text.slice(nameStart, p));
    const end = close + 2;
    const token: LiquidToken = { kind: 'tag', name, start: i, end, contentStart, contentEnd, nameStart, nameEnd: p, markupStart: p, markupEnd: contentEnd };
    this.reader.liquid(token, place);
    if (name === 'liquid') this.liquidLines(p, contentEnd, place);
    else if (name === 'raw' || name === 'comment') return this.verbatim(end, name, place);
    return end;
  }

  /** Where a tag name that starts at `p` ends: `#` (an inline comment) or letters, digits and `_`. */
  private tagName(p: number, to: number): number {
    const { text } = this;
    if (text.charCodeAt(p) === 35 /* # */) return p + 1;
    while (p < to && isNameChar(text.charCodeAt(p))) p++;
    return p;
  }

  /** `{% raw %}` and `{% comment %}`: finds the end tag; the body is not Liquid. */
  private verbatim(bodyStart: number, kind: 'raw' | 'comment', place: LexPlace): number {
    const { text } = this;
    const pattern = kind === 'raw' ? /\{%-?\s*endraw\s*-?%\}/g : /\{%-?\s*(end)?comment\b[^%]*?-?%\}/g;
    pattern.lastIndex = bodyStart;
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
      this.reader.verbatim({ kind, start: bodyStart, end: text.length });
      if (kind === 'comment') return text.length;
      this.verbatimUntil = text.length;
      return bodyStart;
    }
    this.reader.verbatim({ kind, start: bodyStart, end: m.index });
    if (kind === 'raw') {
      // The body of raw is still HTML that reaches the browser: keep scanning it, without Liquid.
      this.verbatimUntil = m.index;
      return bodyStart;
    }
    this.tag(m.index, place);
    return m.index + m[0].length;
  }

  private comment(i: number): number {
    const { text } = this;
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    this.reader.htmlComment({ start: i, end });
    this.scanLiquidIn(i + 4, close === -1 ? end : close, COMMENT);
    return end;
  }

  private bogusComment(i: number): number {
    const close = this.text.indexOf('>', i);
    return close === -1 ? this.text.length : close + 1;
  }

  /** Reads Liquid nodes inside a range that holds no HTML structure. */
  private scanLiquidIn(from: number, to: number, place: LexPlace): void {
    let i = from;
    while (i < to) {
      const brace = this.nextBrace.from(i);
      if (brace === -1 || brace >= to) return;
      i = this.liquidOrText(brace, place);
    }
  }

  private startTag(i: number): number {
    const { text } = this;
    const n = text.length;
    let p = i + 1;
    while (p < n && !isTagNameEnd(text.charCodeAt(p))) p++;
    const name = intern(text.slice(i + 1, p).toLowerCase());
    const element: HtmlElement = {
      name,
      start: i,
      nameStart: i + 1,
      nameEnd: p,
      startTagEnd: n,
      // Every field from the start: one set later would go to a second object of the element's.
      selfClosingSlash: undefined,
      attributes: [],
      parent: undefined,
      children: [],
      end: n,
      endTagStart: undefined,
      closedBy: 'eof',
      contentStart: undefined,
      contentEnd: undefined,
    };
    const place: LexPlace = { context: 'start-tag', element };
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
      if (this.liquidAt(p)) {
        p = this.liquidOrText(p, place);
        continue;
      }
      p = this.attribute(p, element);
    }
    element.attributes = fitted(element.attributes);
    for (const attribute of element.attributes) attribute.liquid = fitted(attribute.liquid);
    if (this.reader.startTag(element) && (RAW_TEXT_ELEMENTS.has(name) || RCDATA_ELEMENTS.has(name))) return this.rawContent(element);
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
    const attribute: HtmlAttribute = {
      name: '',
      nameStart,
      nameEnd: p,
      valueStart: undefined,
      valueEnd: undefined,
      quote: undefined,
      value: undefined,
      liquid: [],
    };
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
    attribute.name = intern(text.slice(nameStart, p).toLowerCase());
    attribute.nameEnd = p;
    if (p === nameStart) return p + 1;
    element.attributes.push(attribute);
    let q = p;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) !== 61 /* = */) return p;
    q++;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    const place: LexPlace = { context: 'attribute-value', element, attribute };
    const quote = text[q];
    if (quote === '"' || quote === "'") {
      attribute.quote = quote;
      attribute.valueStart = q + 1;
      let r = q + 1;
      for (;;) {
        const quoteAt = text.indexOf(quote, r);
        const braceAt = this.nextBrace.from(r);
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

  /** Script, style, textarea, title: text up to the matching end tag, with Liquid inside. */
  private rawContent(element: HtmlElement): number {
    const { text } = this;
    const contentStart = element.startTagEnd;
    const endTag = findEndTag(text, element.name, contentStart);
    const contentEnd = endTag === -1 ? text.length : endTag;
    element.contentStart = contentStart;
    element.contentEnd = contentEnd;
    this.scanLiquidIn(contentStart, contentEnd, { context: RCDATA_ELEMENTS.has(element.name) ? 'rcdata' : 'raw-text', element });
    if (endTag === -1) return text.length;
    return this.endTag(contentEnd);
  }

  private endTag(i: number): number {
    const { text } = this;
    let p = i + 2;
    while (p < text.length && !isTagNameEnd(text.charCodeAt(p))) p++;
    const close = text.indexOf('>', p);
    const end = close === -1 ? text.length : close + 1;
    this.reader.endTag(i, text.slice(i + 2, p).toLowerCase(), end);
    return end;
  }
}

/**
 * `text.indexOf(needle, from)`, remembering the answer: the scan moves forward, so asking again
 * for the next "{%" from a later offset costs nothing until that "{%" is passed. Without this, a
 * template with no "{%" at all would be scanned to its end once per output (quadratic).
 */
class Finder {
  private searchedFrom = -1;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  from(from: number): number {
    if (this.searchedFrom !== -1 && from >= this.searchedFrom && (this.at === -1 || this.at >= from)) return this.at;
    this.searchedFrom = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
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
