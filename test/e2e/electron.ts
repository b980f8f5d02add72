/**
 * The extension-host suite in desktop VS Code, through `@vscode/test-electron`:
 *
 *   npm run test:electron            (VSCODE_VERSION=1.100.0 npm run test:electron for another version)
 *
 * For contributors whose machines can download VS Code. It cannot run where only the npm registry
 * and apt are reachable (CI and the development machines here): `npm run test:e2e` runs the same
 * suite in code-server there. Same suite, same assertions, same seeded settings, a fresh workspace.
 */
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SEEDED_SETTINGS } from './codeServer';
import { ROOT } from './harness';

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gt-electron-'));
  const workspace = path.join(dir, 'workspace');
  const userData = path.join(dir, 'user-data');
  mkdirSync(workspace);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SEEDED_SETTINGS, null, 2));
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(dir, 'extensions')}`],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
