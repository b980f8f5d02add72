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
