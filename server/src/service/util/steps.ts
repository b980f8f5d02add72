/**
 * Work written as a generator that yields between its steps (so a host can answer requests in
 * between), run to its end in one go: for gtlint, tests and callers that need the result now.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The value `cache` keeps for `key`, or `steps` run and its value kept: the stepped form of a
 * value worked out once per tree. A reader in between two steps may have worked it out in one
 * go and kept it first: its value stays, and is returned, so every reader holds the same.
 */
export function* keptSteps<K extends object, V>(cache: WeakMap<K, V>, key: K, steps: () => Generator<void, V>): Generator<void, V> {
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const value = yield* steps();
  const first = cache.get(key);
  if (first !== undefined) return first;
  cache.set(key, value);
  return value;
}

/**
 * For a loop over the parts of a document run as steps (a check's `CheckRun`, the slices of a
 * validation's parse phase): true at every `every`-th part, where the loop yields; never with
 * `Infinity` (the one-call form). A check over a 1 MB policy or template held the thread for
 * 5-25 ms in one call; a step of a few hundred statements or elements takes about one.
 */
export function stepEvery(every: number = PARTS_PER_STEP): () => boolean {
  let parts = 0;
  return () => ++parts % every === 0;
}

/** Statements, elements or filter calls a check reads between two yields. */
export const PARTS_PER_STEP = 200;
