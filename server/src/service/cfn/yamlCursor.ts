/**
 * Where the cursor is in a YAML file, read from the text around it rather than from a parse: the
 * text being typed is usually not the text last parsed (the validation after a keystroke comes
 * later), a half-typed line makes a YAML parser read its neighbours otherwise, and a 100 KB
 * template cannot be parsed for each request. Block YAML says its structure by indentation, so
 * the keys and sequence items above the cursor, each less indented than the last, are the path
 * from the top to it (compact sequences, `- ` at the column of their key, included). Flow
 * collections are read from their opening bracket, on the cursor's line (`Action: [a, b]`) or on a
 * line above (a policy written as JSON inside the YAML, `PolicyDocument: {` and the lines below);
 * a path through a block scalar or a multi-line quoted scalar is not read (undefined).
 *
 * Each step of the path is a key or the index of a sequence item, with where it is written. The
 * work is bounded by the lines above the cursor, each read once; nothing throws.
 */

/** A step from the top of the file: a key, or the index of a sequence item. */
export interface YamlStep {
  key: string | number;
  /** Where the line that writes it starts, and its column. */
  line: number;
  column: number;
}

export type YamlPlace =
  /** On a mapping key (written or being typed): `path` is the mapping's. */
  | 'key'
  /** On a scalar value: `path` is the value's (its key last, or the index in a flow sequence). */
  | 'value'
  /**
   * On the first token of a block sequence item (`- tok`): `path` is the item's; the token may be
   * a scalar item or the first key of an item that is a mapping, which only the schema tells.
   */
  | 'item';

export interface YamlToken {
  /** The token's span, quotes included, and what is between them. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** What is written between the quotes (the whole token when unquoted). */
  text: string;
  quote?: '"' | "'";
}

export interface YamlCursor {
  path: YamlStep[];
  place: YamlPlace;
  token: YamlToken;
  /** The column the token starts at (past its dashes). */
  column: number;
  /** For a key: whether it is already followed by its colon (then only the name is replaced). */
  hasColon: boolean;
  /** Where the cursor's line starts, and whether a sequence item starts on it (`- `). */
  lineStart: number;
  startsItem: boolean;
  /** In a flow mapping (`{ key: value, ... }` on one line): the keys written in it besides the cursor's. */
  flow?: { written: string[] };
}

/** One structure a line opens: a sequence item's dash, or a key. */
interface Opener {
  kind: 'dash' | 'key';
  column: number;
  name?: string;
  /** A key whose value is not on its line (a block below it). */
  block?: boolean;
}

interface LineShape {
  indent: number;
  openers: Opener[];
  /** Where the content after the last opener starts (an offset), and where the line ends. */
  rest: number;
  end: number;
  /** A key's colon (the last opener's), when the line has one. */
  colon?: number;
}

/** Lines read upwards at most: a path needs only the lines above the cursor inside its resource, and a template is at most 1 MB. */
const MAX_LINES = 50_000;
/** Depth of a path: YAML in templates is a few levels deep. */
const MAX_DEPTH = 64;

/** The cursor's reading, or undefined where it is not on a key or a scalar (a comment, a block scalar, a multi-line flow). */
export function readYamlCursor(text: string, offset: number): YamlCursor | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  if (offset > lineEnd) return undefined;
  const open = openFlowAbove(text, lineStart, offset);
  if (open !== undefined) return fromFlowAbove(text, open, lineStart, lineEnd, offset);
  const shape = readLine(text, lineStart, lineEnd);
  if (!shape) return fromBlankLine(text, lineStart, offset);
  if (inComment(text, shape.rest, offset)) return undefined;
  let openers = shape.openers;
  let colon = shape.colon;
  // `- s3:` with the cursor after the colon is an action being typed, which YAML reads as a key for now.
  if (colon !== undefined && offset === colon + 1 && text.slice(offset, lineEnd).trim() === '') {
    openers = openers.filter((o) => o.kind === 'dash');
    colon = undefined;
  }
  const last = openers[openers.length - 1];
  if (last?.kind === 'key' && colon !== undefined && offset > colon) {
    // In the value after `key:`.
    const steps = pathTo(text, lineStart, openers, openers.length - 1);
    if (!steps) return undefined;
    return valueAt(text, colon + 1, lineEnd, offset, steps, { column: last.column, lineStart, startsItem: openers[0]?.kind === 'dash' });
  }
  // On the first token of the line (after its dashes): a key, or a sequence item.
  const column = last?.kind === 'key' ? last.column : shape.rest - lineStart;
  const tokenStart = lineStart + column;
  if (offset < tokenStart) return undefined;
  const token = tokenAt(text, tokenStart, colon ?? lineEnd, offset);
  if (!token) return undefined;
  const dashes = openers.filter((o) => o.kind === 'dash');
  const keyOpener: Opener = { kind: 'key', column, name: token.text };
  const steps = pathTo(text, lineStart, [...dashes, keyOpener], dashes.length);
  if (!steps) return undefined;
  steps.pop();
  const item = dashes.length > 0 && dashes[dashes.length - 1].column + 2 <= column && colon === undefined;
  return { path: steps, place: item ? 'item' : 'key', token, column, hasColon: colon !== undefined, lineStart, startsItem: dashes.length > 0 };
}

/** A cursor on a blank line (or one of spaces): a key to be written at its column. */
function fromBlankLine(text: string, lineStart: number, offset: number): YamlCursor | undefined {
  const column = offset - lineStart;
  if (text.slice(lineStart, offset).trim() !== '') return undefined;
  const steps = pathTo(text, lineStart, [{ kind: 'key', column, name: '' }], 0);
  if (!steps) return undefined;
  steps.pop();
  const token = { start: offset, end: offset, contentStart: offset, contentEnd: offset, text: '' };
  return { path: steps, place: 'key', token, column, hasColon: false, lineStart, startsItem: false };
}

/** The value after a key's colon: a scalar, or an item of a flow sequence on the same line. */
function valueAt(
  text: string,
  from: number,
  lineEnd: number,
  offset: number,
  steps: YamlStep[],
  line: Pick<YamlCursor, 'column' | 'lineStart' | 'startsItem'>,
): YamlCursor | undefined {
  const start = skipSpaces(text, from, offset);
  const first = text[start];
  if (first === '!' || first === '&' || first === '*' || first === '|' || first === '>') return undefined;
  if (first === '{' && start < offset) return flowAt(text, start, lineEnd, offset, steps, line);
  if (first === '{') return undefined;
  if (first === '[' && start < offset) {
    // A flow sequence: the item the cursor is in, counted by the commas before it.
    let index = 0;
    let itemStart = start + 1;
    for (const i of unquoted(text, start + 1, offset)) {
      const c = text[i];
      if (c === ',') {
        index++;
        itemStart = i + 1;
      } else if (c === '[' || c === '{' || c === ']' || c === '}') return undefined;
    }
    itemStart = skipSpaces(text, itemStart, offset);
    const token = tokenAt(text, itemStart, lineEnd, offset, 'value');
    if (!token) return undefined;
    const step = { key: index, line: line.lineStart, column: itemStart - line.lineStart };
    return { ...line, path: [...steps, step], place: 'value', token, hasColon: true };
  }
  const token = tokenAt(text, start, lineEnd, offset);
  return token && { ...line, path: steps, place: 'value', token, hasColon: true };
}

type FlowFrame = { kind: 'map'; key?: string; keyAt: number; inValue: boolean; written: string[] } | { kind: 'seq'; index: number; itemAt: number };

/**
 * The cursor in a flow collection (`Condition: { StringEquals: { aws:Sour█ } }`, or one that
 * goes on below its line): the keys and items from the bracket at `start` to the cursor, read as
 * YAML reads flow collections (a `:` ends a key when a space, `,`, `}` or `]` follows it, or when
 * the key is quoted; line breaks are spaces; a comment runs to the end of its line). A collection
 * that is not closed (being typed) is not read. `line` is the cursor's line, `lineEnd` its end.
 */
function flowAt(
  text: string,
  start: number,
  lineEnd: number,
  offset: number,
  steps: YamlStep[],
  line: Pick<YamlCursor, 'column' | 'lineStart' | 'startsItem'>,
): YamlCursor | undefined {
  if (!closes(text, start)) return undefined;
  const frames: FlowFrame[] = [];
  let tokenStart = start + 1;
  let quoted = false;
  for (let i = start; i < offset; i++) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '"' || c === "'") {
      // A quoted scalar: passed over to its closing quote (on the cursor's line, it may hold the cursor).
      quoted = true;
      const close = quoteEnd(text, i, offset);
      if (close === undefined) break;
      i = close;
    } else if (c === '{') {
      frames.push({ kind: 'map', keyAt: i + 1, inValue: false, written: [] });
      tokenStart = i + 1;
      quoted = false;
    } else if (c === '[') {
      frames.push({ kind: 'seq', index: 0, itemAt: i + 1 });
      tokenStart = i + 1;
      quoted = false;
    } else if (c === '}' || c === ']') {
      frames.pop();
      if (!frames.length) return undefined;
      tokenStart = i + 1;
    } else if (c === ',') {
      if (top?.kind === 'map') {
        const key = top.inValue ? top.key : flowScalar(text, tokenStart, i);
        if (key) top.written.push(key);
        top.inValue = false;
        top.key = undefined;
        top.keyAt = i + 1;
      } else if (top) {
        top.index++;
        top.itemAt = i + 1;
      }
      tokenStart = i + 1;
      quoted = false;
    } else if (c === ':' && top?.kind === 'map' && !top.inValue && i + 1 < offset && (quoted || ' \t\r\n,}]'.includes(text[i + 1]))) {
      // (A colon right before the cursor is a key being typed, `aws:█`, which YAML reads as a key for now.)
      top.key = flowScalar(text, tokenStart, i);
      top.keyAt = skipBlank(text, tokenStart, i);
      top.inValue = true;
      tokenStart = i + 1;
      quoted = false;
    } else if (c === '#' && /\s/.test(text[i - 1])) {
      // A comment: on the cursor's line the cursor is in it; above, it ends with its line.
      const end = text.indexOf('\n', i);
      if (end === -1 || end >= offset) return undefined;
      // A token starts after it, unless one began before it on its line; so does an item.
      if (text.slice(tokenStart, i).trim() === '') tokenStart = end + 1;
      if (top?.kind === 'seq' && text.slice(top.itemAt, i).trim() === '') top.itemAt = end + 1;
      i = end;
    }
  }
  const inner = frames[frames.length - 1];
  if (!inner) return undefined;
  const path = [...steps];
  for (const frame of frames) {
    if (frame === inner && frame.kind === 'map' && !frame.inValue) break;
    if (frame.kind === 'map') {
      if (frame.key === undefined) return undefined;
      path.push(stepAt(text, frame.key, frame.keyAt));
    } else path.push(stepAt(text, frame.index, skipBlank(text, frame.itemAt, offset)));
  }
  // The token is on the cursor's line.
  const from = skipSpaces(text, Math.max(tokenStart, line.lineStart), offset);
  if (/[\r\n]/.test(text.slice(from, offset))) return undefined;
  const token = tokenAt(text, from, lineEnd, offset, inner.kind === 'map' && !inner.inValue ? 'key' : 'value');
  if (!token) return undefined;
  const written = inner.kind === 'map' ? inner.written : [];
  if (inner.kind === 'map' && !inner.inValue) {
    // The keys after the cursor's in the same mapping are written too.
    written.push(...keysAfter(text, token.end));
    const hasColon = /^\s*:/.test(text.slice(token.end, lineEnd));
    return { ...line, path, place: 'key', token, column: from - line.lineStart, hasColon, flow: { written } };
  }
  return { ...line, path, place: 'value', token, hasColon: true, flow: { written } };
}

/** A step of a path inside a flow collection, at the offset where its key or item is written. */
function stepAt(text: string, key: string | number, at: number): YamlStep {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { key, line: lineStart, column: at - lineStart };
}

/** Where the quoted scalar opened at `at` ends (its closing quote), or undefined when it runs to `limit`. */
function quoteEnd(text: string, at: number, limit: number): number | undefined {
  const quote = text[at];
  for (let i = at + 1; i < limit; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) {
      // In single quotes, '' is a quote written inside.
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return undefined;
}

/** Characters read at most to find where a flow collection closes, or the keys after the cursor's. */
const MAX_FLOW_LENGTH = 65_536;

/** Whether the flow collection opened at `start` is closed (on its line or below). */
function closes(text: string, start: number): boolean {
  return closingBracket(text, start) !== undefined;
}

/** Lines read upwards at most to find the flow collection a cursor's line is inside. */
const MAX_FLOW_LINES = 2_000;

/**
 * The `{` or `[` that opens, on a line above the cursor's, the flow collection the cursor is in,
 * or undefined when it is in none that began above its line. Lines are read upwards, each one's
 * brackets outside quoted scalars and comments matched from its end; the reading stops at a line
 * that is less indented than the lines below it and ends with a key's colon or a block scalar's
 * indicator (block structure, which a flow collection cannot hold), or at the margin.
 */
function openFlowAbove(text: string, lineStart: number, offset: number): number | undefined {
  let depth = 0;
  let open: number | undefined;
  let indentBelow = Infinity;
  for (let start: number | undefined = lineStart, n = 0; start !== undefined; start = previousLine(text, start), n++) {
    if (n > MAX_FLOW_LINES) return undefined;
    const end = start === lineStart ? offset : lineEndOf(text, start);
    // On the cursor's line a quoted scalar may hold the cursor; above, one left open at a line's end goes on below: not read.
    const brackets = bracketsOf(text, start, end, start === lineStart);
    if (!brackets) return undefined;
    for (let k = brackets.length - 1; k >= 0; k--) {
      const c = text[brackets[k]];
      if (c === '}' || c === ']') depth++;
      else if (depth > 0) depth--;
      else open = brackets[k];
    }
    if (start === lineStart) continue;
    const indent = indentAt(text, start);
    if (indent < 0) continue;
    if (indent === 0) break;
    if (indent < indentBelow) {
      const content = withoutComment(text, start + indent, end);
      // Block structure above the lines read: what opened below it is the outermost collection.
      // Not a key alone on its line inside a collection, its value below (the line above it goes
      // on to it with a comma or a bracket).
      if (/:$/.test(content) && !brackets.length && !continuesFlow(text, start)) break;
      if (/(^|\s)[|>][0-9+-]*$/.test(content)) return undefined;
      indentBelow = indent;
    }
  }
  return open !== undefined && open < lineStart ? open : undefined;
}

/**
 * Whether the nearest line above `lineStart` with content (blank and comment lines passed over,
 * a few at most) ends in `,`, `{` or `[`: the line at `lineStart` goes on a flow collection.
 */
function continuesFlow(text: string, lineStart: number): boolean {
  for (let start = previousLine(text, lineStart), n = 0; start !== undefined && n < 16; start = previousLine(text, start), n++) {
    if (indentAt(text, start) < 0) continue;
    const content = withoutComment(text, start, lineEndOf(text, start));
    return /[,{[]$/.test(content);
  }
  return false;
}

/**
 * The offsets of the brackets in [start, end) outside quoted scalars and comments (a quote opens
 * a scalar where a token starts: at the line's content, or after a space, `,`, `[`, `{` or `:`),
 * or undefined when a quoted scalar is still open at `end` (unless `openQuoteEnds`: the cursor's line, where it holds the cursor).
 */
function bracketsOf(text: string, start: number, end: number, openQuoteEnds = false): number[] | undefined {
  const found: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && (i === start || ' \t,[{:'.includes(text[i - 1]))) {
      const close = quoteEnd(text, i, end);
      if (close === undefined) return openQuoteEnds ? found : undefined;
      i = close;
    } else if (c === '{' || c === '[' || c === '}' || c === ']') found.push(i);
    else if (c === '#' && (i === start || /\s/.test(text[i - 1]))) break;
  }
  return found;
}

/** The text of [from, to) without a trailing comment and white space. */
function withoutComment(text: string, from: number, to: number): string {
  let end = to;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && (i === from || ' \t,[{:'.includes(text[i - 1]))) {
      const close = quoteEnd(text, i, to);
      if (close === undefined) break;
      i = close;
    } else if (c === '#' && /\s/.test(text[i - 1])) {
      end = i;
      break;
    }
  }
  return text.slice(from, end).trimEnd();
}

/**
 * The flow collection written at a step of a path (`YamlStep`'s line and column): an item's own
 * brackets, or the value of the key written there; undefined when there is none (a block), or
 * when it does not close within `MAX_FLOW_LENGTH`.
 */
export function flowCollectionAt(text: string, at: number): string | undefined {
  let start = at;
  if (text[start] !== '{' && text[start] !== '[') {
    const key = keyAt(text, start, lineEndOf(text, text.lastIndexOf('\n', start - 1) + 1)) ?? flowKeyAt(text, start);
    if (!key) return undefined;
    start = skipBlank(text, key.colon + 1, text.length);
    if (text[start] !== '{' && text[start] !== '[') return undefined;
  }
  const end = closingBracket(text, start);
  return end === undefined ? undefined : text.slice(start, end + 1);
}

/** A key inside a flow mapping at `at` (`"Statement": {`, `Statement: {`): its colon. */
function flowKeyAt(text: string, at: number): { colon: number } | undefined {
  const quote = text[at];
  let i = at;
  if (quote === '"' || quote === "'") {
    const close = quoteEnd(text, at, Math.min(text.length, at + MAX_FLOW_LENGTH));
    if (close === undefined) return undefined;
    i = close + 1;
  }
  for (; i < text.length && !',{}[]\n'.includes(text[i]); i++) {
    if (text[i] === ':') return { colon: i };
  }
  return undefined;
}

/** The offset of the bracket that closes the one at `start`, within `MAX_FLOW_LENGTH`. */
function closingBracket(text: string, start: number): number | undefined {
  const limit = Math.min(text.length, start + MAX_FLOW_LENGTH);
  let depth = 0;
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = quoteEnd(text, i, limit);
      if (close === undefined) return undefined;
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return i;
    } else if (c === '#' && /\s/.test(text[i - 1])) {
      const end = text.indexOf('\n', i);
      if (end === -1) return undefined;
      i = end;
    }
  }
  return undefined;
}

/** The cursor in a flow collection opened at `open`, on a line above the cursor's (`lineStart`). */
function fromFlowAbove(text: string, open: number, lineStart: number, lineEnd: number, offset: number): YamlCursor | undefined {
  const openLine = text.lastIndexOf('\n', open - 1) + 1;
  const shape = readLine(text, openLine, lineEndOf(text, openLine));
  if (!shape) return undefined;
  const last = shape.openers[shape.openers.length - 1];
  // The collection is the value of the key before it (`PolicyDocument: {`), or a sequence item (`- {`).
  const between = text.slice(shape.colon !== undefined ? shape.colon + 1 : shape.rest, open).trim();
  if (!last || between !== '') return undefined;
  // The path to the key, or to the item: its own step last.
  const steps = pathTo(text, openLine, shape.openers, shape.openers.length - 1);
  if (!steps) return undefined;
  return flowAt(text, open, lineEnd, offset, steps, { column: offset - lineStart, lineStart, startsItem: false });
}

function skipBlank(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r' || text[at] === '\n')) at++;
  return at;
}

function skipSpaces(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/** A flow scalar's text between `from` and `to`, without its quotes. */
function flowScalar(text: string, from: number, to: number): string | undefined {
  const written = text.slice(from, to).trim();
  if (!written) return undefined;
  const q = written[0];
  return (q === '"' || q === "'") && written.endsWith(q) && written.length > 1 ? written.slice(1, -1) : written;
}

/** The keys of the flow mapping after `from`, up to the mapping's end (its nested collections passed over). */
function keysAfter(text: string, from: number): string[] {
  const keys: string[] = [];
  const limit = Math.min(text.length, from + MAX_FLOW_LENGTH);
  let depth = 0;
  let tokenStart = -1;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = quoteEnd(text, i, limit);
      if (close === undefined) break;
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth-- === 0) break;
    } else if (c === ',' && depth === 0) tokenStart = i + 1;
    else if (c === ':' && depth === 0 && tokenStart >= 0 && ' \t\r\n,}]'.includes(text[i + 1] ?? ' ')) {
      const key = flowScalar(text, tokenStart, i);
      if (key) keys.push(key);
      tokenStart = -1;
    } else if (c === '#' && /\s/.test(text[i - 1])) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      if (tokenStart >= 0 && text.slice(tokenStart, i).trim() === '') tokenStart = end + 1;
      i = end;
    }
  }
  return keys;
}

/**
 * The scalar that starts at `start` and holds `offset`: quoted or plain, up to a comment, the end
 * of the line or `limit`; in a flow collection (`flow`) also up to `,`, a bracket or a brace, and
 * a key up to its `:` (but for one right before the cursor: `aws:█` is a key being typed).
 */
function tokenAt(text: string, start: number, limit: number, offset: number, flow?: 'key' | 'value'): YamlToken | undefined {
  const quote = text[start] === '"' || text[start] === "'" ? (text[start] as '"' | "'") : undefined;
  if (quote) {
    let close = start + 1;
    while (close < limit && text[close] !== quote) close += text[close] === '\\' && quote === '"' ? 2 : 1;
    const closed = close < limit;
    const contentEnd = Math.min(close, limit);
    if (offset <= start || offset > contentEnd) return undefined;
    return { start, end: closed ? close + 1 : contentEnd, contentStart: start + 1, contentEnd, text: text.slice(start + 1, contentEnd), quote };
  }
  let end = start;
  while (end < limit) {
    const c = text[end];
    if (c === '#' && (end === start || text[end - 1] === ' ')) break;
    if (flow && (c === ',' || c === ']' || c === '}' || c === '[' || c === '{')) break;
    if (flow === 'key' && c === ':' && end !== offset - 1 && ' ,}]'.includes(text[end + 1] ?? ' ')) break;
    end++;
  }
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (offset < start || offset > Math.max(end, start)) return undefined;
  return { start, end, contentStart: start, contentEnd: end, text: text.slice(start, end) };
}

function inComment(text: string, from: number, offset: number): boolean {
  for (const i of unquoted(text, from, offset)) {
    if (text[i] === '#' && (i === from || text[i - 1] === ' ' || text[i - 1] === '\t')) return true;
  }
  return false;
}

/**
 * The offsets in [from, to) outside quoted scalars, as the readers of one line here scan it: an
 * opening quote is given (a reader may note it), what it quotes and its closing quote are not, and
 * a quote not closed before `to` quotes the rest.
 */
function* unquoted(text: string, from: number, to: number): Generator<number> {
  for (let i = from; i < to; i++) {
    yield i;
    const c = text[i];
    if (c !== '"' && c !== "'") continue;
    const close = text.indexOf(c, i + 1);
    if (close === -1 || close >= to) return;
    i = close;
  }
}

/** What a line opens: its dashes, then its key if it has one. Undefined for a blank or comment-only line. */
function readLine(text: string, start: number, end: number): LineShape | undefined {
  let at = start;
  while (at < end && text[at] === ' ') at++;
  if (at >= end || text[at] === '#' || text[at] === '\r') return undefined;
  const indent = at - start;
  const openers: Opener[] = [];
  while (at < end && text[at] === '-' && (at + 1 === end || text[at + 1] === ' ' || text[at + 1] === '\r')) {
    openers.push({ kind: 'dash', column: at - start });
    at++;
    while (at < end && text[at] === ' ') at++;
  }
  const key = keyAt(text, at, end);
  if (!key) return { indent, openers, rest: at, end };
  let after = key.colon + 1;
  while (after < end && text[after] === ' ') after++;
  const block = after >= end || text[after] === '#' || text[after] === '\r';
  openers.push({ kind: 'key', column: at - start, name: key.name, block });
  return { indent, openers, rest: at, end, colon: key.colon };
}

/** A key at `at`: a quoted or plain scalar followed by `:` and a space or the end of the line. */
function keyAt(text: string, at: number, end: number): { name: string; colon: number } | undefined {
  const first = text[at];
  if (first === undefined || '[{#&*!|>%@`,]}'.includes(first)) return undefined;
  if (first === '"' || first === "'") {
    let close = at + 1;
    while (close < end && text[close] !== first) close += text[close] === '\\' && first === '"' ? 2 : 1;
    if (close >= end) return undefined;
    let colon = close + 1;
    while (colon < end && text[colon] === ' ') colon++;
    if (text[colon] !== ':' || !isSeparator(text, colon + 1, end)) return undefined;
    return { name: text.slice(at + 1, close), colon };
  }
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '#' && text[i - 1] === ' ') return undefined;
    if (c === ':' && isSeparator(text, i + 1, end)) return { name: text.slice(at, i).trimEnd(), colon: i };
  }
  return undefined;
}

function isSeparator(text: string, at: number, end: number): boolean {
  return at >= end || text[at] === ' ' || text[at] === '\t' || text[at] === '\r';
}

/** The start of the line before the one starting at `lineStart`, or undefined at the top. */
function previousLine(text: string, lineStart: number): number | undefined {
  if (lineStart <= 0) return undefined;
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** How far back `lineIndentedLessThan` looks in one call of the regex engine. */
const SEARCH_CHUNK = 16_384;
const INDENTED_LESS_THAN: RegExp[] = [];

/**
 * The start of the nearest line above the one at `lineStart` that is indented less than `column`
 * and is neither blank nor only a comment (as `indentAt` reads lines), or undefined.
 */
function lineIndentedLessThan(text: string, lineStart: number, column: number): number | undefined {
  if (column <= 0) return undefined;
  const pattern = (INDENTED_LESS_THAN[column] ??= new RegExp(`^ {0,${column - 1}}[^ \\r\\n#]`, 'gm'));
  let end = lineStart;
  // The line looked for is most often a few lines up (a parent), sometimes thousands (a resource's):
  // chunks grow from a few lines, so that few matches are made (each is an array) before it.
  for (let size = 256; end > 0; size = Math.min(size * 4, SEARCH_CHUNK)) {
    // From a line's start, so that the chunk's first line is read whole.
    const start = end <= size ? 0 : text.lastIndexOf('\n', end - size) + 1;
    const chunk = text.slice(start, end);
    pattern.lastIndex = 0;
    let last = -1;
    for (let m = pattern.exec(chunk); m; m = pattern.exec(chunk)) last = m.index;
    if (last !== -1) return start + last;
    end = start;
  }
  return undefined;
}

/** A line's indentation, or -1 for a blank or comment-only line: most lines are passed over on it alone. */
function indentAt(text: string, lineStart: number): number {
  let at = lineStart;
  while (text[at] === ' ') at++;
  const c = text[at];
  return c === undefined || c === '\n' || c === '\r' || c === '#' ? -1 : at - lineStart;
}

function lineEndOf(text: string, lineStart: number): number {
  const end = text.indexOf('\n', lineStart);
  const at = end === -1 ? text.length : end;
  return text[at - 1] === '\r' ? at - 1 : at;
}

/**
 * The path from the top of the file to opener `index` of the line at `lineStart` (whose openers
 * are given), that opener's own step last: each opener's parent is the one left of it on its
 * line, or the nearest line above that opens something less indented (or a key of the same
 * column whose block is a compact sequence, for a dash).
 */
function pathTo(text: string, lineStart: number, openers: Opener[], index: number): YamlStep[] | undefined {
  const steps: YamlStep[] = [];
  let line = lineStart;
  let current = openers;
  let at = index;
  let lines = 0;
  while (steps.length < MAX_DEPTH) {
    const opener = current[at];
    if (at > 0) {
      // Its parent is on the same line, so it is the parent's first item or key.
      steps.unshift({ key: opener.kind === 'key' ? opener.name! : 0, line, column: opener.column });
      at--;
      continue;
    }
    let siblings = 0;
    let parent: { line: number; openers: Opener[]; index: number } | undefined;
    // Only lines left of the opener can hold its parent, and for an item (`-`) the items above it
    // at its column count too; a sibling key (the resources above a resource) holds neither: all
    // else is passed over by the regex engine (a 1 MB stack has thousands of lines above).
    const below = opener.kind === 'key' ? opener.column : opener.column + 1;
    for (let above = lineIndentedLessThan(text, line, below); above !== undefined; above = lineIndentedLessThan(text, above, below)) {
      if (++lines > MAX_LINES) return undefined;
      const shape = readLine(text, above, lineEndOf(text, above));
      if (!shape) continue;
      let found = -1;
      for (let i = shape.openers.length - 1; i >= 0; i--) {
        const o = shape.openers[i];
        if (o.column < opener.column || (opener.kind === 'dash' && o.kind === 'key' && o.column === opener.column && o.block)) {
          found = i;
          break;
        }
      }
      if (found >= 0) {
        const o = shape.openers[found];
        // Below a key whose value is on its line (`key: |`, `key: text`): a block scalar or a multi-line scalar's text.
        if (o.kind === 'key' && !o.block) return undefined;
        parent = { line: above, openers: shape.openers, index: found };
        break;
      }
      if (opener.kind === 'dash' && shape.openers.some((o) => o.kind === 'dash' && o.column === opener.column)) siblings++;
      // A line at this column that opens nothing (a multi-line scalar or flow collection): not read.
      if (!shape.openers.length && shape.indent < opener.column) return undefined;
    }
    steps.unshift({ key: opener.kind === 'key' ? opener.name! : siblings, line, column: opener.column });
    if (!parent) return steps;
    line = parent.line;
    current = parent.openers;
    at = parent.index;
  }
  return undefined;
}

/**
 * The keys written in the mapping whose keys are at `column`, around the line at `lineStart`
 * (the cursor's, left out); `startsHere`: the mapping starts on that line (`- key`), so only the
 * lines below are its.
 */
export function siblingKeys(text: string, lineStart: number, column: number, startsHere: boolean): string[] {
  const keys: string[] = [];
  let lines = 0;
  if (!startsHere) {
    for (let above = previousLine(text, lineStart); above !== undefined && lines++ < MAX_LINES; above = previousLine(text, above)) {
      const indent = indentAt(text, above);
      if (indent < 0 || indent > column) continue;
      const shape = readLine(text, above, lineEndOf(text, above));
      if (!shape) continue;
      // A compact sequence of the key before.
      if (shape.openers[0]?.kind === 'dash' && shape.openers[0].column === column) continue;
      const key = shape.openers.find((o) => o.kind === 'key' && o.column === column);
      if (key) keys.push(key.name!);
      // The first key of a sequence item shares its line with the dash: the mapping starts there.
      if (!key || shape.openers.some((o) => o.column < column)) break;
    }
  }
  for (let below = text.indexOf('\n', lineStart); below !== -1 && lines++ < MAX_LINES; below = text.indexOf('\n', below + 1)) {
    const start = below + 1;
    const indent = indentAt(text, start);
    if (indent < 0 || indent > column) continue;
    const shape = readLine(text, start, lineEndOf(text, start));
    if (!shape) continue;
    if (shape.openers[0]?.kind === 'dash' && shape.openers[0].column === column) continue;
    if (shape.indent < column || shape.openers.some((o) => o.column < column)) break;
    const key = shape.openers.find((o) => o.kind === 'key' && o.column === column);
    if (!key) break;
    keys.push(key.name!);
  }
  return keys;
}

/**
 * The value written for `name` in the block mapping under the key or item at `lineStart` and
 * `column`, whose keys are at `childColumn` (a resource's `Type`): the scalar on its line, unquoted.
 */
export function blockMember(text: string, lineStart: number, column: number, childColumn: number, name: string): string | undefined {
  let lines = 0;
  for (let below = text.indexOf('\n', lineStart); below !== -1 && lines++ < MAX_LINES; below = text.indexOf('\n', below + 1)) {
    const start = below + 1;
    const indent = indentAt(text, start);
    if (indent < 0 || indent > childColumn) continue;
    if (indent <= column) break;
    const end = lineEndOf(text, start);
    const shape = readLine(text, start, end);
    const key = shape?.openers.find((o) => o.kind === 'key' && o.column === childColumn);
    if (key?.name !== name || shape?.colon === undefined) continue;
    let at = shape.colon + 1;
    while (text[at] === ' ') at++;
    return tokenAt(text, at, end, at + 1)?.text;
  }
  return undefined;
}

/** The scalar written after a key's colon on its line (for hover on the key), unquoted. */
export function valueAfterKey(text: string, token: YamlToken): string | undefined {
  const lineEnd = lineEndOf(text, token.end);
  const shape = readLine(text, text.lastIndexOf('\n', token.start - 1) + 1, lineEnd);
  if (shape?.colon === undefined) return undefined;
  let at = shape.colon + 1;
  while (text[at] === ' ') at++;
  return at < lineEnd ? tokenAt(text, at, lineEnd, at + 1)?.text : undefined;
}

/**
 * The text of the block that opens at a step (a sequence item or a key, on the line at
 * `lineStart`): from that line to the last line more indented than `column` (a compact sequence
 * below a key included), for a parse of that block alone.
 */
export function blockText(text: string, lineStart: number, column: number, maxLength: number): string | undefined {
  const opener = readLine(text, lineStart, lineEndOf(text, lineStart));
  const isKey = opener?.openers.some((o) => o.kind === 'key' && o.column === column);
  let end = lineEndOf(text, lineStart);
  for (let next = text.indexOf('\n', lineStart); next !== -1; next = text.indexOf('\n', next + 1)) {
    const start = next + 1;
    const lineEnd = lineEndOf(text, start);
    const shape = readLine(text, start, lineEnd);
    if (shape) {
      const compact = isKey && shape.indent === column && shape.openers[0]?.kind === 'dash';
      if (shape.indent <= column && !compact) break;
      end = lineEnd;
    }
    if (end - lineStart > maxLength) return undefined;
  }
  return text.slice(lineStart, end);
}
