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
 * slice it arrived in.
 */

/** Turns given at most in one `turns` call: a client flooding the server with messages delays a validation, never stops it. */
export const MAX_TURNS = 64;

export class Traffic {
  private count = 0;

  /** Something arrived or was dispatched. */
  readonly note = (): void => {
    this.count++;
  };

  /**
   * One turn of the event loop, then more while the last one saw traffic (at most `max` in all).
   * Resolves with the number of turns given.
   */
  async turns(max = MAX_TURNS): Promise<number> {
    let given = 0;
    let seen: number;
    do {
      seen = this.count;
      await new Promise((resolve) => setImmediate(resolve));
      given++;
    } while (this.count !== seen && given < max);
    return given;
  }
}
