/**
 * `npm start`: VS Code (code-server) on 127.0.0.1 with the packaged extension installed and
 * examples/ open. Prints the URL and runs until Ctrl+C. `PORT=8080 npm start` fixes the port
 * (default: a free one). Settings and state persist in .vscode-test/code-server/ between starts;
 * `GT_START_DIR` puts them elsewhere (the end-to-end check of `npm start` uses a fresh folder).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { installExtension, prepareRunFolder, startCodeServer } from './codeServer';
import { ROOT, ensureHarness } from './harness';
import { manifest, vsixPath } from './packaging';

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number.`);
  const harness = await ensureHarness();
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`${path.relative(ROOT, vsix)} is missing: \`npm start\` packages it first; run \`npm run package\`.`);
  const run = prepareRunFolder(path.resolve(process.env.GT_START_DIR || path.join(ROOT, '.vscode-test', 'code-server')), undefined, true);
  await installExtension(harness, run, vsix, true);
  const examples = path.join(ROOT, 'examples');
  const server = await startCodeServer(harness, run, { folder: examples, port });
  let stopping = false;
  const stop = () => {
    stopping = true;
    void server.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void server.exited.then((code) => {
    if (stopping) return;
    console.error(`code-server stopped (exit ${code}). Its output:\n${server.output()}`);
    process.exit(1);
  });
  const { displayName, version } = manifest();
  console.log(
    `\n${displayName} ${version} in VS Code (code-server), with examples/ open:\n\n  ${server.url}?folder=${examples.split('/').map(encodeURIComponent).join('/')}\n\nCtrl+C stops it.`,
  );
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
