/**
 * How long a document waits between a change and its validation (`server.ts` `schedule`).
 *
 * A validation that an edit overtakes is abandoned at its next step, so starting one costs the
 * keys typed meanwhile one step, not the whole run. What a delay still buys is work not thrown
 * away: inside a burst of typing, a costly document waits half what its last validation took
 * (at most `MAX_DELAY_MS`), so the keys of the burst are validated once, after the last. A key
 * typed after a pause as long as the document's last validation (the common case: a key, then a
 * look at the squiggles) starts its validation at once, and its diagnostics come a validation
 * later rather than a validation and a half.
 */

/** The longest a document waits for validation after an edit. */
export const MAX_DELAY_MS = 150;

/**
 * The delay, in ms. `cost`: what the document's last validation of a new version took
 * (undefined before its first); `sinceChange`: the time since the change before this one
 * (undefined for the first); `floor`: a wait the caller needs at least (a change in another file,
 * which may be followed by more).
 */
export function validationDelay(cost: number | undefined, sinceChange: number | undefined, floor = 0): number {
  if (cost === undefined || sinceChange === undefined || sinceChange >= cost) return floor;
  return Math.max(floor, Math.min(MAX_DELAY_MS, cost / 2));
}
