/**
 * The language server's watchdog, in the extension host (docs/decisions/0010): it pings the
 * server, which answers from its main thread between any two steps of its work, and ends the
 * process when a ping has gone unanswered for the budget. The language client then starts a fresh
 * server and sends it the open documents, as after a crash. Watching from here rather than from a
 * thread inside the server saves each server the memory of a second Node environment (about 10 MB).
 *
 * No `vscode` import: the unit tests drive it with fake pings.
 */

export interface WatchOptions {
  /** A request the server answers from its main thread; rejected when the connection is gone. */
  ping(): Promise<unknown>;
  /** Ends the server's process (called at most once). */
  kill(): void;
  /** How long a ping may go unanswered. */
  budgetMs: number;
  /** How often a ping goes out (one at a time). */
  everyMs: number;
}

export interface Watch {
  dispose(): void;
}

export function watchServer(options: WatchOptions): Watch {
  const { budgetMs, everyMs } = options;
  /** The ping in flight (0: none), and since when it has been waited for. */
  let outstanding = 0;
  let since = 0;
  let sent = 0;
  let lastTick = Date.now();
  let done = false;
  const timer = setInterval(() => {
    const now = Date.now();
    const stalled = now - lastTick > 3 * everyMs;
    lastTick = now;
    if (outstanding) {
      // This thread was held up itself (a breakpoint in the extension host, a long synchronous
      // task): an answer that came meanwhile may still be queued behind this timer. The ping in
      // flight is waited for anew, and no second one goes out.
      if (stalled) since = now;
      if (now - since < budgetMs) return;
      dispose();
      options.kill();
      return;
    }
    const ping = ++sent;
    outstanding = ping;
    since = now;
    options.ping().then(
      () => {
        if (outstanding === ping) outstanding = 0;
      },
      // A closed connection: the client restarts the server or has stopped it, and disposes this watch.
      () => dispose(),
    );
  }, everyMs);
  // Never what keeps the extension host's process alive.
  timer.unref?.();
  function dispose(): void {
    if (done) return;
    done = true;
    clearInterval(timer);
  }
  return { dispose };
}
