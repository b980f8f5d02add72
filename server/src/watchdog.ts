/**
 * The last line of defence against a bug we have not found: analysis runs on the server's main
 * thread, and a loop that never ends there cannot be interrupted from it. A small worker thread
 * watches a counter the main thread bumps from a timer; when the counter stands still for
 * `budgetMs`, the main thread is stuck, and the worker ends the process. The editor's language
 * client then starts a new server and sends it the open documents again (and the new server
 * pulls the settings), so a hang costs the budget instead of every feature until a reload.
 * docs/decisions/0001-request-isolation.md says why this and not the analysis in a worker.
 */
import { Worker } from 'node:worker_threads';

/** How often the main thread shows it is alive. */
const BEAT_MS = 250;

/** Runs in the worker: its own event loop turns while the main thread is stuck. */
const WATCHER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beats = new Int32Array(workerData.shared);
let last = Atomics.load(beats, 0);
let stillSince = Date.now();
setInterval(() => {
  const now = Atomics.load(beats, 0);
  if (now !== last) {
    last = now;
    stillSince = Date.now();
  } else if (Date.now() - stillSince > workerData.budgetMs) {
    // Straight to the file descriptor: a worker's process.stderr goes through the stuck main thread.
    writeSync(2, workerData.message + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, Math.min(1000, workerData.budgetMs / 4));
`;

export interface Watchdog {
  stop(): Promise<void>;
}

export function startWatchdog(budgetMs: number, message: string): Watchdog {
  const shared = new SharedArrayBuffer(4);
  const beats = new Int32Array(shared);
  const beat = setInterval(() => Atomics.add(beats, 0, 1), BEAT_MS);
  // Neither the beat nor the watcher may keep a server that has nothing left to do alive.
  beat.unref();
  const worker = new Worker(WATCHER, { eval: true, workerData: { shared, budgetMs, message } });
  worker.unref();
  return {
    stop: async () => {
      clearInterval(beat);
      await worker.terminate();
    },
  };
}
