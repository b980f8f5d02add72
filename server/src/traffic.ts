/**
 * Lets a validation step aside while the connection has messages to handle.
 *
 * A validation runs in slices and gives the event loop a turn between two (`setImmediate`). A
 * request read from the client during a slice is not handled in that turn: vscode-jsonrpc queues
 * its handling in an immediate of its own, behind the validation's next slice, and writes the
 * answer in a further immediate, behind the slice after. So a request waited up to three slices.
 * `Traffic` counts what shows the connection is busy (bytes arriving on the transport, a message
 * being dispatched) and `turns` gives the event loop turns until one passes with none of that: the
 * handling and the answer's write then run before the next slice, and a request waits for the
 * slice it arrived in. While requests keep coming, it waits for a pause in them (`QUIET_MS`).
 */

/** Turns given at most in one `turns` call: a client flooding the server with messages delays a validation, never stops it. */
export const MAX_TURNS = 64;

/**
 * After traffic, how long the connection must stay quiet before the validation goes on. An
 * editor sends requests in runs (completion, then its item's details, a hover, the next
 * completion a key later), each sent as the last is answered: a validation that took its next
 * slice in that gap made every request of the run wait for a slice. So while requests come, the
 * validation waits for a pause in them, as the editor's user does.
 */
export const QUIET_MS = 3;
/** The longest one `turns` call waits for quiet: a client that never pauses delays a validation, never stops it. */
export const MAX_QUIET_WAIT_MS = 50;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class Traffic {
  private count = 0;
  private last = -Infinity;

  constructor(private readonly clock: Clock = REAL_CLOCK) {}

  /** Something arrived or was dispatched. */
  readonly note = (): void => {
    this.count++;
    this.last = this.clock.now();
  };

  /**
   * One turn of the event loop, then more while the last one saw traffic (at most `max` in all),
   * then, if traffic came within `QUIET_MS`, waits until it has been quiet that long (at most
   * `MAX_QUIET_WAIT_MS`). Resolves with the number of turns given.
   */
  async turns(max = MAX_TURNS): Promise<number> {
    let given = 0;
    let seen: number;
    do {
      seen = this.count;
      await new Promise((resolve) => setImmediate(resolve));
      given++;
    } while (this.count !== seen && given < max);
    const start = this.clock.now();
    for (let quiet = this.clock.now() - this.last; quiet < QUIET_MS && this.clock.now() - start < MAX_QUIET_WAIT_MS; quiet = this.clock.now() - this.last) {
      await this.clock.sleep(QUIET_MS - quiet);
      // What arrived meanwhile is handled and answered in turns of its own, as above.
      for (let more = 0; more < max && this.count !== seen; more++) {
        seen = this.count;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return given;
  }
}
