/**
 * The extension-host suite's entry point, called by VS Code with `run()` once the extension
 * under development is loaded (through code-server's smoke-test payload, or by
 * `@vscode/test-electron`). Every `*.test.js` beside this file is part of the suite: a feature's
 * end-to-end tests are one more file here, using `helpers.ts`.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** The line the driver reads the counts from (the extension host reports only an exit code). */
export const RESULT_MARKER = 'E2E_HOST_RESULT';
/**
 * Set by the code-server driver: mocha's lines start with it, so that the driver can tell them
 * from the workbench's own log, which arrives through the same channel.
 */
export const LOG_PREFIX_VARIABLE = 'GT_E2E_LOG_PREFIX';

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every `*.test.js` of a folder with mocha, in the extension host (the restricted suite uses it too). */
export async function runSuite(directory: string): Promise<void> {
  const prefix = process.env[LOG_PREFIX_VARIABLE] ?? '';
  // The extension host forwards console output unformatted; format it here.
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) =>
    console.log(format(...args).replace(/^/gm, prefix));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  if (process.env.GT_E2E_GREP) mocha.grep(process.env.GT_E2E_GREP);
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(directory, file));
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  const failures = failuresOf(stats);
  console.log(`${prefix}${RESULT_MARKER} ${JSON.stringify({ passed: stats.passes, failed: failures })}`);
  if (failures) throw new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed.`);
}

/** A skipped test proves nothing: it counts as a failure. */
function failuresOf(stats: Mocha.Stats): number {
  return stats.failures + stats.pending;
}
