/**
 * How the language server's Node is started: by the extension (`client/src/extension.ts`), and
 * by the tests and the bench (`test/helpers/lspClient.ts`), which measure what the extension runs.
 *
 * `--max-semi-space-size=2`: V8 lets its young generation grow to 16 MB a semi-space (32 MB in
 * all) under a validation's garbage, and keeps it; a server's parses and checks make tens of
 * megabytes of short-lived objects a validation, so that space was most of what the server held
 * above an empty one. At 2 MB the young generation is collected more often, each collection as
 * short (what survives is the same), and the server's resident memory high-water falls by 10 to
 * 60 MB at 100 KB to 1 MB documents; request and edit times stayed within the machine's noise in
 * interleaved runs of the bench (README, "Speed").
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
