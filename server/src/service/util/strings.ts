/**
 * Edit distance for "did you mean" suggestions, counting a swap of two neighbours as one edit
 * (optimal string alignment): `lnag` is one typo away from `lang`, not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** How far a candidate may be from `name` and still be a likely typo: a third of its length, at least one edit. */
function typoLimit(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The candidate nearest to `name`, when it is near enough to be a likely typo (`typoLimit`), or a
 * candidate that differs only by case, hyphens and underscores.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const normal = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const wanted = normal(name);
  const lower = name.toLowerCase();
  const limit = typoLimit(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (normal(candidate) === wanted) return candidate;
    // The distance is at least the difference in length: a name far longer than any candidate (a hostile one) costs nothing.
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Up to `count` candidates near enough to `name` to be what was meant (as `closest` judges it,
 * case aside), nearest first.
 */
export function nearest(name: string, candidates: Iterable<string>, count: number): string[] {
  const lower = name.toLowerCase();
  const limit = typoLimit(name);
  const near: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a name far longer than any candidate (a hostile one) costs nothing.
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit) near.push({ candidate, distance });
  }
  near.sort((a, b) => a.distance - b.distance || compareIgnoringCase(a.candidate, b.candidate));
  return near.slice(0, count).map((n) => n.candidate);
}

/** Where the white space that ends at `offset` starts: removing what follows takes the space before it along. */
export function spaceStart(text: string, offset: number): number {
  while (offset > 0 && /\s/.test(text[offset - 1])) offset--;
  return offset;
}

/** How many characters the engine compares in one call, in `samePrefix` and `sameSuffix`. */
const CHUNK = 1_024;

/**
 * Where `a` and `b` first differ at or after `from` (`limit` if not before it). Two versions of a
 * document are compared once per keystroke, too seldom for V8 to compile a loop over their
 * characters (5-15 ms over 100 KB-1 MB): the engine compares them a kilobyte at a time, and only
 * the kilobyte that differs a character at a time.
 */
export function samePrefix(a: string, b: string, from: number, limit: number): number {
  let same = from;
  while (same + CHUNK <= limit && a.startsWith(b.slice(same, same + CHUNK), same)) same += CHUNK;
  while (same < limit && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

/** How many characters `a` and `b` have the same at their ends, counting no more than `limit`. */
export function sameSuffix(a: string, b: string, limit: number): number {
  let same = 0;
  while (same + CHUNK <= limit && a.endsWith(b.slice(b.length - same - CHUNK, b.length - same), a.length - same)) same += CHUNK;
  while (same < limit && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  return same;
}

/**
 * An integer as `toLocaleString('en-US')` writes it (`128,000`), without ICU: the first call of
 * `toLocaleString` loads its locale data (7 MB resident in a bare Node), for good, and
 * the checks' descriptions were written at load.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += ',' + digits.slice(i, i + 3);
  return (n < 0 ? '-' : '') + grouped;
}

/** Code-unit order of the lower-cased strings, then of the strings (no ICU collator: see `formatCount`). */
export function compareIgnoringCase(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a === b ? 0 : a < b ? 1 : -1;
}

/** Sets of `intern`'s table (a power of two), of two strings each. */
const INTERN_SETS = 4_096;
const interned: (string | undefined)[] = new Array<string | undefined>(2 * INTERN_SETS).fill(undefined);

/**
 * One copy of a short string that recurs: a tree's element, attribute, tag and variable names
 * are a few words written thousands of times, and a string per use is memory the young
 * generation's collections copy. Longer strings come back as they are. The table is a cache,
 * not a map: a string has a set of two places, by its length and three of its characters, the
 * one used last first; a new string takes the first place and the older of the two goes. So a
 * stream of strings that never recur (a policy's Sids and CIDRs) costs two comparisons each, not
 * a map that grows and is cleared, and does not push out the names that do recur.
 */
export function intern(s: string): string {
  const length = s.length;
  if (length > 32 || length === 0) return s;
  const at = 2 * ((length * 31 + s.charCodeAt(0) * 131 + s.charCodeAt(length >> 1) * 17 + s.charCodeAt(length - 1)) & (INTERN_SETS - 1));
  const first = interned[at];
  if (first === s) return first;
  const second = interned[at + 1];
  if (second === s) {
    interned[at] = second;
    interned[at + 1] = first;
    return second;
  }
  const own = ownCopy(s);
  interned[at] = own;
  interned[at + 1] = first;
  return own;
}

/**
 * A string that shares no memory with the text it was cut from, for tables that outlive that
 * text: V8 keeps a cut of 13 characters or more as a view into the whole (a name kept from a
 * 1 MB document kept the document). Concatenation makes a rope, which `slice` flattens into a
 * new string first.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
