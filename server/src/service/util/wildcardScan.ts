/**
 * The two-pointer wildcard scan shared by IAM's `*`/`?` and the settings globs' `*` and `**`:
 * a pattern of items, some of them stars (any run of value items, none included), matched
 * against a value of items. Only the last star is remembered, so the cost is bounded by the
 * product of the two lengths whatever the pattern: no backtracking without bound, and no regular
 * expression built from a document or a setting.
 */
export function wildcardScan(patternLength: number, valueLength: number, isStar: (i: number) => boolean, matches: (i: number, j: number) => boolean): boolean {
  let i = 0; // in the pattern
  let j = 0; // in the value
  let star = -1; // the pattern index just after the last star seen
  let resume = 0; // where in the value that star takes over from
  while (j < valueLength) {
    if (i < patternLength && isStar(i)) {
      while (i < patternLength && isStar(i)) i++;
      star = i;
      resume = j;
    } else if (i < patternLength && matches(i, j)) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < patternLength && isStar(i)) i++;
  return i === patternLength;
}
