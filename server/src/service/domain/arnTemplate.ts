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
    return { arn, tokens };
  });
}

function literalToken(char: string): Token {
  return char === '*' ? { kind: 'any' } : { kind: 'literal', lower: char.toLowerCase().charCodeAt(0) };
}

function countColons(text: string): number {
  let count = 0;
  for (const char of text) if (char === ':') count++;
  return count;
}

/** Past this many states, the question is not worked out and the answer is "it may". */
const MAX_STATES = 200_000;

const STAR = 42; // *
const QUESTION = 63; // ?

/**
 * Whether some ARN matches both the `Resource` pattern and the format: a search over pairs of
 * positions (one in the pattern, one in the format's tokens), each visited once. Literal
 * characters compare without regard to case, so a mistake of case is not taken for a resource of
 * another type.
 */
export function mayName(pattern: string, template: ArnTemplate): boolean {
  let answers = ANSWERS.get(template);
  if (!answers) ANSWERS.set(template, (answers = new KeptAnswers(MAX_ANSWERS, (p) => search(p, template))));
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

function search(pattern: string, template: ArnTemplate): boolean {
  const p = pattern.toLowerCase();
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
