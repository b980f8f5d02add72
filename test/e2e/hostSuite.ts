/**
 * Runs the extension-host mocha suite (`suite/index.ts`) inside code-server through the smoke-test
 * payload: the page loads the repository as the extension under development and runs the suite in
 * the real Node extension host. Mocha's output comes back through `codeAutomationLog`, the end
 * through `codeAutomationExit`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { VIEWPORT } from './browser';
import { prepareRunFolder, startCodeServer, type CodeServer } from './codeServer';
import { ROOT, type Harness } from './harness';
import type { Results } from './results';
import { LOG_PREFIX_VARIABLE, RESULT_MARKER } from './suite/index';

const SUITE_INDEX = path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');
/** VS Code's start (~15 s) plus the suite; overridable on slow machines. */
const TIMEOUT_MS = Number(process.env.GT_E2E_HOST_TIMEOUT_MS) || 120_000;

const PREFIX = '[suite] ';

export interface HostSuiteOptions {
  harness: Harness;
  browser: Browser;
  runDir: string;
  /** Where the screenshots and the full log go. */
  output: string;
  results: Results;
  servers: CodeServer[];
}

export async function runHostSuite({ harness, browser, runDir, output, results, servers }: HostSuiteOptions): Promise<void> {
  const workspace = path.join(runDir, 'host-workspace');
  mkdirSync(workspace, { recursive: true });
  const server = await startCodeServer(harness, prepareRunFolder(path.join(runDir, 'host')), {
    folder: workspace,
    smokeTestDriver: true,
    env: { [LOG_PREFIX_VARIABLE]: PREFIX },
  });
  servers.push(server);
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    let counts: { passed: number; failed: number } | undefined;
    const failedScreenshot = path.join(output, 'screenshots', 'host-suite-failed.png');
    let failureShot: Promise<string | undefined> | undefined;
    const log: string[] = [];
    let exited!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
      const text = Array.isArray(message) ? message.join(' ') : String(message);
      log.push(`${type}: ${text}`);
      for (const line of text.split('\n')) {
        if (!line.startsWith(PREFIX)) continue;
        const suite = line.slice(PREFIX.length);
        if (suite.startsWith(RESULT_MARKER)) {
          counts = JSON.parse(suite.slice(RESULT_MARKER.length)) as { passed: number; failed: number };
          // The workbench as the failing tests left it, taken before the extension host shuts it down.
          if (counts.failed)
            failureShot = page.screenshot({ path: failedScreenshot }).then(
              () => failedScreenshot,
              () => undefined,
            );
        } else console.log(suite ? `  ${suite}` : '');
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));

    const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(SUITE_INDEX)],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exit, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_MS)))]);
    clearTimeout(timer);
    writeFileSync(path.join(output, 'host-suite.log'), log.join('\n'));
    if (code === undefined || !counts) {
      const screenshot = failedScreenshot;
      await page.screenshot({ path: screenshot }).catch(() => undefined);
      const why = code === undefined ? `did not finish within ${TIMEOUT_MS / 1000} s` : `exited with ${code} without reporting its results`;
      const logFile = path.relative(process.cwd(), path.join(output, 'host-suite.log'));
      results.fail('extension-host suite', new Error(`The suite ${why}. Last lines of ${logFile}:\n${log.slice(-20).join('\n')}`), screenshot);
      return;
    }
    results.add(counts.passed, counts.failed);
    const shot = await failureShot;
    if (shot) console.log(`  screenshot: ${shot}`);
    if (code !== 0 && counts.failed === 0) results.fail('extension-host suite', new Error(`The extension host exited with ${code}.`));
  } finally {
    await context.close();
    await server.stop();
  }
}
