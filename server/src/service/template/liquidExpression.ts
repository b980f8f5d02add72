/**
 * Lexing and parsing of Liquid markup: the text between `{{ }}` or `{% %}`.
 *
 * Everything works on absolute offsets into the template, so checks and features never
 * translate positions. Parsing never throws: problems come back in `errors` and the parser
 * recovers at the next `|` or the end of the markup.
 */
import { fitted } from '../util/arrays';
import { intern } from '../util/strings';

export type TokenKind =
  | 'identifier'
  | 'string'
  | 'number'
  | 'dot'
  | 'range'
  | 'lbracket'
  | 'rbracket'
  | 'lparen'
  | 'rparen'
  | 'pipe'
  | 'colon'
  | 'comma'
  | 'comparison'
  | 'assign'
  | 'unknown';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Source text; for strings, the text without the quotes. */
  value: string;
  /** Strings only: false when the closing quote is missing. */
  terminated?: boolean;
  /** Strings only: the quote character. */
  quote?: string;
}

export interface MarkupError {
  start: number;
  end: number;
  message: string;
}

/** Punctuation by character code (read once per token, so built once). */
const SINGLE_CHARACTER_TOKENS: Partial<Record<number, TokenKind>> = Object.fromEntries(
  Object.entries({
    '.': 'dot',
    '[': 'lbracket',
    ']': 'rbracket',
    '(': 'lparen',
    ')': 'rparen',
    '|': 'pipe',
    ':': 'colon',
    ',': 'comma',
    '<': 'comparison',
    '>': 'comparison',
    '=': 'assign',
  }).map(([ch, kind]) => [ch.charCodeAt(0), kind as TokenKind]),
);

/** `..` and the two-character comparisons, by `first * 65536 + second` character code (UTF-16 units are below 65536). */
const TWO_CHARACTER_TOKENS = new Map<number, TokenKind>(
  (['..', '==', '!=', '<>', '<=', '>='] as const).map((two) => [two.charCodeAt(0) * 65536 + two.charCodeAt(1), two === '..' ? 'range' : 'comparison']),
);

export function lexMarkup(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      const stop = close === -1 || close >= end ? end : close + 1;
      tokens.push({
        kind: 'string',
        start: i,
        end: stop,
        value: text.slice(i + 1, close === -1 || close >= end ? end : close),
        terminated: !(close === -1 || close >= end),
        quote: ch,
      });
      i = stop;
      continue;
    }
    if (isDigit(c) || (ch === '-' && i + 1 < end && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < end && isDigit(text.charCodeAt(j))) j++;
      if (text[j] === '.' && j + 1 < end && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (j < end && isDigit(text.charCodeAt(j))) j++;
      }
      tokens.push({ kind: 'number', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < end && isIdentPart(text.charCodeAt(j))) j++;
      if (text[j] === '?') j++;
      tokens.push({ kind: 'identifier', start: i, end: j, value: intern(text.slice(i, j)) });
      i = j;
      continue;
    }
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    const two = TWO_CHARACTER_TOKENS.get(c * 65536 + next);
    if (two) {
      tokens.push({ kind: two, start: i, end: i + 2, value: text.slice(i, i + 2) });
      i += 2;
      continue;
    }
    tokens.push({ kind: SINGLE_CHARACTER_TOKENS[c] ?? 'unknown', start: i, end: i + 1, value: ch });
    i++;
  }
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
/** Liquid names may contain hyphens (`task.input.source-ref`). */
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 45;
}

/** One step of a variable path: `.name` or `[expr]`. */
export interface PathSegment {
  start: number;
  end: number;
  /** The key, when it is known statically (`.name`, `["name"]`, `[0]`). */
  key?: string | number;
  /** `[expr]` with a non-literal expression. */
  dynamic?: Expression;
}

export type Expression =
  | { kind: 'variable'; start: number; end: number; root: string; rootEnd: number; path: PathSegment[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; value: number }
  | { kind: 'literal'; start: number; end: number; value: boolean | null | 'empty' | 'blank' }
  | { kind: 'range'; start: number; end: number; from: Expression; to: Expression };

export type VariableExpression = Extract<Expression, { kind: 'variable' }>;

export interface FilterArgument {
  key?: string;
  value: Expression;
}

export interface FilterCall {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Offset of the `|` that introduces the filter. */
  pipe: number;
  end: number;
  args: FilterArgument[];
}

export interface FilterChain {
  expression?: Expression;
  filters: FilterCall[];
  errors: MarkupError[];
}

const LITERALS: Record<string, boolean | null | 'empty' | 'blank'> = {
  true: true,
  false: false,
  nil: null,
  null: null,
  empty: 'empty',
  blank: 'blank',
};

/**
 * How deeply brackets and ranges nest in one expression. Real markup nests two or three levels;
 * a run of `[` typed or pasted by accident must not exhaust the stack of this reader or of the
 * code that walks its trees.
 */
const MAX_EXPRESSION_DEPTH = 64;

/** A recursive-descent reader over a token list. */
export class MarkupReader {
  pos = 0;
  readonly errors: MarkupError[] = [];
  private depth = 0;

  constructor(
    readonly tokens: Token[],
    /** Offset used for errors at the end of the markup. */
    readonly end: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }
  next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  accept(kind: TokenKind, value?: string): Token | undefined {
    const t = this.peek();
    if (t && t.kind === kind && (value === undefined || t.value === value)) {
      this.pos++;
      return t;
    }
    return undefined;
  }
  error(message: string, token = this.peek()): void {
    const start = token ? token.start : this.end;
    const end = token ? token.end : this.end;
    this.errors.push({ start, end: Math.max(end, start), message });
  }

  /** Reads a value expression, or reports what was found instead. */
  expression(): Expression | undefined {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      this.error(`Nested more than ${MAX_EXPRESSION_DEPTH} levels deep: the rest of this markup is not read.`);
      this.pos = this.tokens.length;
      return undefined;
    }
    this.depth++;
    try {
      return this.value();
    } finally {
      this.depth--;
    }
  }

  private value(): Expression | undefined {
    const t = this.peek();
    if (!t) {
      this.error('Expected a value here.');
      return undefined;
    }
    if (t.kind === 'string') {
      this.pos++;
      if (!t.terminated) this.error(`Unterminated string: add the closing ${t.quote}.`, t);
      return { kind: 'string', start: t.start, end: t.end, value: t.value };
    }
    if (t.kind === 'number') {
      this.pos++;
      return { kind: 'number', start: t.start, end: t.end, value: Number(t.value) };
    }
    if (t.kind === 'lparen') {
      this.pos++;
      const from = this.expression();
      if (!this.accept('range')) {
        this.error('Expected ".." in a range such as (1..5).');
        return from;
      }
      const to = this.expression();
      const close = this.accept('rparen');
      if (!close) this.error('Expected ")" to close the range.');
      if (!from || !to) return undefined;
      return { kind: 'range', start: t.start, end: close ? close.end : to.end, from, to };
    }
    if (t.kind === 'identifier') {
      this.pos++;
      if (t.value in LITERALS && this.peek()?.kind !== 'dot' && this.peek()?.kind !== 'lbracket') {
        return { kind: 'literal', start: t.start, end: t.end, value: LITERALS[t.value] };
      }
      return this.variableRest(t.value, t.start, t.end);
    }
    if (t.kind === 'lbracket') {
      // `[expr]` at the root looks a variable up by a computed name.
      return this.variableRest('', t.start, t.start);
    }
    this.error(`Unexpected "${t.value}": expected a value.`, t);
    return undefined;
  }

  private variableRest(root: string, start: number, rootEnd: number): Expression {
    const path: PathSegment[] = [];
    let end = rootEnd;
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'dot') {
        this.pos++;
        const name = this.peek();
        if (name && (name.kind === 'identifier' || name.kind === 'number') && name.start === t.end) {
          this.pos++;
          path.push({ start: t.start, end: name.end, key: name.value });
          end = name.end;
        } else {
          this.errors.push({ start: t.start, end: t.end, message: 'Expected a property name after ".".' });
          path.push({ start: t.start, end: t.end, key: '' });
          end = t.end;
          break;
        }
      } else if (t?.kind === 'lbracket') {
        this.pos++;
        const inner = this.expression();
        const close = this.accept('rbracket');
        if (!close) this.error('Expected "]".');
        const segEnd = close ? close.end : (inner?.end ?? t.end);
        if (inner?.kind === 'string') path.push({ start: t.start, end: segEnd, key: inner.value });
        else if (inner?.kind === 'number') path.push({ start: t.start, end: segEnd, key: inner.value });
        else path.push({ start: t.start, end: segEnd, dynamic: inner });
        end = segEnd;
        if (!close) break;
      } else {
        break;
      }
    }
    return { kind: 'variable', start, end, root, rootEnd, path: fitted(path) };
  }

  /** Reads `| name: arg, key: value` repeatedly until the end of the tokens. */
  filters(): FilterCall[] {
    const filters: FilterCall[] = [];
    while (!this.atEnd()) {
      const pipe = this.peek()!;
      if (pipe.kind !== 'pipe') {
        this.error(`Unexpected "${pipe.value}": filters are separated by "|".`, pipe);
        this.skipTo('pipe');
        continue;
      }
      this.pos++;
      const name = this.peek();
      if (!name || name.kind !== 'identifier') {
        this.errors.push({
          start: pipe.start,
          end: name && name.kind !== 'pipe' ? name.end : pipe.end,
          message: 'Expected a filter name after "|".',
        });
        if (name && name.kind !== 'pipe') this.skipTo('pipe');
        continue;
      }
      this.pos++;
      const call: FilterCall = {
        name: name.value,
        nameStart: name.start,
        nameEnd: name.end,
        pipe: pipe.start,
        end: name.end,
        args: [],
      };
      filters.push(call);
      const colon = this.accept('colon');
      if (colon) {
        do {
          const t = this.peek();
          if (!t || t.kind === 'pipe') {
            this.errors.push({ start: call.nameStart, end: colon.end, message: `Expected an argument after "${call.name}:".` });
            break;
          }
          let key: string | undefined;
          if (t.kind === 'identifier' && this.peek(1)?.kind === 'colon') {
            key = t.value;
            this.pos += 2;
          }
          const value = this.expression();
          if (!value) {
            this.skipTo('pipe', 'comma');
            if (this.peek()?.kind !== 'comma') break;
            continue;
          }
          call.args.push({ key, value });
          call.end = value.end;
        } while (this.accept('comma'));
        call.args = fitted(call.args);
      }
      const rest = this.peek();
      if (rest && rest.kind !== 'pipe') {
        this.error(`Unexpected "${rest.value}" after filter "${call.name}".`, rest);
        this.skipTo('pipe');
      }
    }
    return fitted(filters);
  }

  skipTo(...kinds: TokenKind[]): void {
    while (!this.atEnd() && !kinds.includes(this.peek()!.kind)) this.pos++;
  }
}

/** `expression | filter: args | ...`, as in `{{ }}`, `echo` and the right side of `assign`. */
export function parseFilterChain(text: string, start: number, end: number): FilterChain {
  const reader = new MarkupReader(lexMarkup(text, start, end), end);
  if (reader.atEnd()) {
    return { filters: [], errors: [{ start, end, message: 'Empty output: write a value between the braces.' }] };
  }
  let expression: Expression | undefined;
  if (reader.peek()!.kind !== 'pipe') {
    expression = reader.expression();
    if (!expression) reader.skipTo('pipe');
  } else {
    reader.error('Expected a value before "|".');
  }
  const filters = reader.filters();
  return { expression, filters, errors: reader.errors };
}

/** Every variable reference inside an expression, including computed indexes and range bounds. */
export function variablesOf(expression: Expression | undefined, into: VariableExpression[] = []): VariableExpression[] {
  if (!expression) return into;
  if (expression.kind === 'variable') {
    into.push(expression);
    for (const seg of expression.path) if (seg.dynamic) variablesOf(seg.dynamic, into);
  } else if (expression.kind === 'range') {
    variablesOf(expression.from, into);
    variablesOf(expression.to, into);
  }
  return into;
}

/** Every variable read by an expression and the arguments of its filters. */
export function variablesOfChain(expression: Expression | undefined, filters: FilterCall[]): VariableExpression[] {
  const out = variablesOf(expression);
  for (const f of filters) for (const a of f.args) variablesOf(a.value, out);
  return out;
}
