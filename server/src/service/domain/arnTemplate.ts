/**
 * The ARN formats of the Service Authorization Reference's resource types
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), and whether a policy's `Resource` pattern
 * could name a resource of such a format: some ARN that both the pattern (IAM's `*` and `?`) and
 * the format (each `${Part}` one character or more) accept.
 *
 * What a part may hold is read from the service's own formats: a part followed by `/` in any of
 * them never holds a `/` (`${BucketName}` is followed by `/` in the object's format, so a bucket's
 * name holds none, and `arn:aws:s3:::b/*` is no bucket). Any other character is allowed: a part
 * that ends a format may hold `/` (an IAM role's path, an S3 key), and any part may hold `:`, since
 * some services authorize against more than their format says (CloudWatch Logs reads a log
 * group's ARN with a `:*` after its name, though a log stream's format follows the name with `:`).
 */

import { KeptAnswers } from '../util/keptAnswers';

type Token =
  /** A character of the format, as its code in lower case (the search compares without case). */
  | { kind: 'literal'; lower: number }
  /** A `*` in the format itself (some services write `...:cert:*`): any run of characters. */
  | { kind: 'any' }
  /** The first character of a `${Part}`, then any more, none of them in `excluded`. */
  | { kind: 'part-first'; excluded: string }
  | { kind: 'part-more'; excluded: string };

export interface ArnTemplate {
  /** As the reference writes it. */
  arn: string;
  tokens: readonly Token[];
  /** The tokens as bit sets, for `searchSets`; undefined where they do not fit (`bitSets`). */
  sets?: TokenSets;
}

/**
 * A format's tokens as bit sets over the positions between them (bit j: before token j, bit m: at
 * the end), two 32-bit words each (low, high): what a character moves from where. Part tokens
 * take a character by its class (`:`, `/`, any other), since they exclude only those two.
 */
interface TokenSets {
  /** By lower-case character code below 128: the literal tokens of that character. */
  literal: Int32Array;
  /** By class: the `part-first` tokens that take a character of it (one step on). */
  first: Int32Array;
  /** By class: the loops (`any`, `part-more`) that take a character of it (they stay). */
  stay: Int32Array;
  /** The loops (which may also end, a step on with no character). */
  loops: Int32Array;
  /** The tokens that are no loop. */
  steps: Int32Array;
  /** Every position, and the end alone. */
  all: Int32Array;
  end: Int32Array;
}

const PART = /\$\{([^}]*)\}/g;

/** The formats of one service, with the parts that hold no `/`: those a `/` follows in any of them. */
export function parseArnTemplates(arns: readonly string[]): ArnTemplate[] {
  const noSlash = new Set<string>();
  for (const arn of arns) {
    for (const m of arn.matchAll(PART)) if (arn[m.index + m[0].length] === '/') noSlash.add(m[1]);
  }
  return arns.map((arn) => {
    const tokens: Token[] = [];
    let at = 0;
    for (const m of arn.matchAll(PART)) {
      for (const char of arn.slice(at, m.index)) tokens.push(literalToken(char));
      // Partition, region and account hold neither; the resource part may hold `:` (see above).
      const excluded = countColons(arn.slice(0, m.index)) < 5 ? ':/' : noSlash.has(m[1]) ? '/' : '';
      tokens.push({ kind: 'part-first', excluded }, { kind: 'part-more', excluded });
      at = m.index + m[0].length;
    }
    for (const char of arn.slice(at)) tokens.push(literalToken(char));
    return { arn, tokens, sets: bitSets(tokens) };
  });
}

/** Positions the two words hold: a format of more tokens is searched pair by pair. */
const MAX_SET_TOKENS = 63;

function bitSets(tokens: readonly Token[]): TokenSets | undefined {
  if (tokens.length > MAX_SET_TOKENS) return undefined;
  const sets: TokenSets = {
    literal: new Int32Array(256),
    first: new Int32Array(6),
    stay: new Int32Array(6),
    loops: new Int32Array(2),
    steps: new Int32Array(2),
    all: new Int32Array(2),
    end: new Int32Array(2),
  };
  const set = (words: Int32Array, at: number, j: number) => (words[at + (j >>> 5)] |= 1 << (j & 31));
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j];
    if (token.kind === 'literal') {
      if (token.lower >= 128) return undefined;
      set(sets.literal, token.lower * 2, j);
      set(sets.steps, 0, j);
      continue;
    }
    const loop = token.kind !== 'part-first';
    set(loop ? sets.loops : sets.steps, 0, j);
    for (let cls = 0; cls < 3; cls++) {
      const excluded = token.kind !== 'any' && token.excluded.includes(CLASS_CHARS[cls]);
      if (!excluded) set(loop ? sets.stay : sets.first, cls * 2, j);
    }
  }
  for (let j = 0; j <= tokens.length; j++) set(sets.all, 0, j);
  set(sets.end, 0, tokens.length);
  return sets;
}

/** A character of each class that part tokens tell apart: `:`, `/`, and one they never exclude. */
const CLASS_CHARS = [':', '/', 'a'];

function literalToken(char: string): Token {
  return char === '*' ? { kind: 'any' } : { kind: 'literal', lower: char.toLowerCase().charCodeAt(0) };
}

function countColons(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3a) count++;
  return count;
}

/** Past this many states, the question is not worked out and the answer is "it may". */
const MAX_STATES = 200_000;

const STAR = 42; // *
const QUESTION = 63; // ?

/**
 * Whether some ARN matches both the `Resource` pattern and the format: a search over the
 * positions in the format's tokens (`searchSets`), or, for the few formats too long for its sets,
 * over pairs of positions (one in the pattern, one in the format), each visited once. Literal
 * characters compare without regard to case, so a mistake of case is not taken for a resource of
 * another type.
 */
export function mayName(pattern: string, template: ArnTemplate): boolean {
  let answers = ANSWERS.get(template);
  if (!answers) ANSWERS.set(template, (answers = new KeptAnswers(MAX_ANSWERS, (p) => search(p.toLowerCase(), template))));
  return answers.get(pattern);
}

/**
 * `mayName`'s answers per format, by pattern: a policy's resources are judged again at every
 * validation, and the same few patterns recur across its statements and its versions.
 */
const ANSWERS = new WeakMap<ArnTemplate, KeptAnswers<string, boolean>>();
const MAX_ANSWERS = 2_000;

/**
 * The search's pairs seen and its stack of pairs to visit, kept between searches (a policy's
 * resources are searched by the thousand when it opens): grown when a search needs more, and
 * cleared over the part a search used.
 */
let seen = new Uint8Array(1024);
const stack: number[] = [];

/**
 * The search as sets of positions in the format, a character of the (lower-cased) pattern at a
 * time: a literal character moves each position whose token takes it, `?` any character, and
 * `*` any run, so every position from the first one held on. Loops may end with no character
 * (`closure`). The same answer as `searchPairs`, in a few word operations per character.
 */
function searchSets(p: string, sets: TokenSets): boolean {
  const { literal, first, stay, loops, steps, all, end } = sets;
  let lo = 1;
  let hi = 0;
  for (let i = 0; ; i++) {
    // The positions a loop ending reaches, with no character.
    for (;;) {
      const loopLo = lo & loops[0];
      const nextLo = lo | (loopLo << 1);
      const nextHi = hi | ((hi & loops[1]) << 1) | (loopLo >>> 31);
      if (nextLo === lo && nextHi === hi) break;
      lo = nextLo;
      hi = nextHi;
    }
    if (i === p.length) return (lo & end[0]) !== 0 || (hi & end[1]) !== 0;
    if (lo === 0 && hi === 0) return false;
    const c = p.charCodeAt(i);
    if (c === STAR) {
      // Every position from the first held on: x | -x sets each bit from x's lowest up.
      const fromLo = lo !== 0 ? lo | -lo : 0;
      const fromHi = lo !== 0 ? -1 : hi | -hi;
      lo = fromLo & all[0];
      hi = fromHi & all[1];
      continue;
    }
    let moveLo: number;
    let moveHi: number;
    let stayLo: number;
    let stayHi: number;
    if (c === QUESTION) {
      moveLo = lo & steps[0];
      moveHi = hi & steps[1];
      stayLo = lo & loops[0];
      stayHi = hi & loops[1];
    } else {
      const cls = c === COLON ? 0 : c === SLASH ? 2 : 4;
      const ascii = c < 128;
      moveLo = lo & ((ascii ? literal[c * 2] : 0) | first[cls]);
      moveHi = hi & ((ascii ? literal[c * 2 + 1] : 0) | first[cls + 1]);
      stayLo = lo & stay[cls];
      stayHi = hi & stay[cls + 1];
    }
    lo = (moveLo << 1) | stayLo;
    hi = (moveHi << 1) | (moveLo >>> 31) | stayHi;
  }
}

const COLON = 58;
const SLASH = 47;

function search(p: string, template: ArnTemplate): boolean {
  return template.sets ? searchSets(p, template.sets) : searchPairs(p, template);
}

/** The search over pairs of positions (one in the pattern, one in the format's tokens): for formats of more tokens than the sets hold. Exported for the tests, which hold the two searches to one answer. */
export function searchPairs(p: string, template: ArnTemplate): boolean {
  const t = template.tokens;
  const n = p.length;
  const m = t.length;
  const size = (n + 1) * (m + 1);
  if (size > MAX_STATES) return true;
  if (seen.length < size) seen = new Uint8Array(Math.max(size, seen.length * 2));
  else seen.fill(0, 0, size);
  stack.length = 0;
  const width = m + 1;
  seen[0] = 1;
  stack.push(0);
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k - i * width;
    if (i === n && j === m) return true;
    const pc = i < n ? p.charCodeAt(i) : -1;
    const token = j < m ? t[j] : undefined;
    const patternStar = pc === STAR;
    const templateLoop = token !== undefined && (token.kind === 'any' || token.kind === 'part-more');
    // Either side's run of characters may end here.
    if (patternStar) visit(k + width);
    if (templateLoop) visit(k + 1);
    if (i === n || !token) continue;
    // One character that both sides accept.
    if (!sharesCharacter(pc, token)) continue;
    visit(k + (patternStar ? 0 : width) + (templateLoop ? 0 : 1));
  }
  return false;
}

/** Queues the pair numbered `k` (`i * width + j`) unless it was seen. */
function visit(k: number): void {
  if (seen[k]) return;
  seen[k] = 1;
  stack.push(k);
}

function sharesCharacter(patternChar: number, token: Token): boolean {
  const wildcard = patternChar === STAR || patternChar === QUESTION;
  switch (token.kind) {
    case 'any':
      return true;
    case 'literal':
      return wildcard || token.lower === patternChar;
    default:
      // A part always has some character it may hold.
      return wildcard || !token.excluded.includes(String.fromCharCode(patternChar));
  }
}
