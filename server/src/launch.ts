/**
 * How the language server's Node is started: by the extension (`client/src/extension.ts`), and
 * by the tests and the bench (`test/helpers/lspClient.ts`), which measure what the extension runs.
 * Each setting lowers the server's resident memory; in interleaved runs of the bench (README,
 * "Speed") none changed request times beyond the machine's noise, and only the heap's growth
 * changed edit times (below).
 */

/**
 * - `--max-semi-space-size=2`: V8 lets its young generation grow to 16 MB a semi-space (32 MB in
 *   all) under a validation's garbage, and keeps it; a server's parses and checks make tens of
 *   megabytes of short-lived objects a validation, so that space was most of what the server held
 *   above an empty one. At 2 MB the young generation is collected more often, each collection as
 *   short (what survives is the same): 10 to 60 MB less at 100 KB to 1 MB documents.
 * - `--v8-pool-size=1`: one thread for V8's background work (compiling, marking) instead of
 *   four, each with its stack and its own allocator arena, for a server that validates one
 *   document at a time.
 * - `--heap-growing-percent=30`: after a full collection V8 lets the old generation grow to up to
 *   four times what survived before it collects again, and the pages it took stay resident. What
 *   survives a validation is small (12 MB of heap for a 1 MB template, 28 MB for a 1 MB policy
 *   after ten keys, measured with forced collections), so the high-water mark was mostly garbage
 *   waiting for a collection: each key in a large policy leaves the copies of the statements
 *   after it (`json/treeReuse.ts`), and a full collection that runs while a validation holds two
 *   versions sets the next limit from both. Growing by 35% collected sooner than V8's default (RSS
 *   at 100 KB 122-136 -> 97-102 MB, at 1 MB 204-260 -> 122 MB for templates, 214-233 -> 146-172
 *   for policies); with a policy's keys now cheaper, ten keys into a 1 MB policy reached 153-155
 *   MB at 35% in every run (budget 150) and 136-140 at 30%, edits 68-75 -> 88-89 ms, 1 MB
 *   templates the same. 50% kept a 1 MB template at 148-151 MB; 20-25% made edits slower still.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--v8-pool-size=1', '--heap-growing-percent=30'];

/**
 * Added to the server's environment. `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates
 * an arena of its own and keeps what was freed in it; two arenas serve the main thread, the
 * watchdog and V8's thread. Other C libraries ignore it.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/**
 * How a server is kept from hanging the editor's features for ever (docs/decisions/0010): a main
 * thread that has not answered for `WATCHDOG_MS` is in a loop it will not leave, and its process
 * is ended so that the editor starts a fresh one. Requests take milliseconds and a 1 MB document's
 * validation yields every few; this is ten times the longest first validation of a 1 MB template.
 */
export const WATCHDOG_MS = 10_000;

/**
 * Who watches. The extension's client does (`client/src/watchdog.ts`): it says so in
 * `initializationOptions.watchdog`, the server answers with its process id
 * (`InitializeResult.gtTemplates.processId`) and answers `ALIVE_REQUEST` from its main thread, and
 * the client ends the process when a ping goes unanswered. Any other client gets the server's own
 * watchdog, a worker thread (`server/src/watchdog.ts`), which costs every server about 10 MB.
 */
export const CLIENT_WATCHDOG = 'client';
export const ALIVE_REQUEST = 'gtTemplates/alive';

/** What the server adds to its answer to `initialize` under `gtTemplates`. */
export interface ServerProcessInfo {
  /** Set when the client said it watches the server, and the server is not under a debugger. */
  processId?: number;
}
