/**
 * Runs an extension-host mocha suite (`suite/index.ts`, `restricted/index.ts`) inside code-server
 * through the smoke-test payload: the page loads the repository as the extension under
 * development and runs the suite in the real Node extension host. Mocha's output comes back
 * through `codeAutomationLog`, the end through `codeAutomationExit`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { VIEWPORT } from './browser';
import { prepareRunFolder, startCodeServer, type CodeServer } from './codeServer';
import { ROOT, type Harness } from './harness';
import type { Results } from './results';
import { LOG_PREFIX_VARIABLE, RESULT_MARKER } from './suite/index';

/** The main suite's compiled index. */
export const SUITE_INDEX = path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');
/** VS Code's start (~15 s) plus the suite; overridable on slow machines. */
// Generous: the suite takes about a minute on a quiet machine and twice that on a busy one.
const TIMEOUT_MS = Number(process.env.GT_E2E_HOST_TIMEOUT_MS) || 300_000;

const PREFIX = '[suite] ';

export interface HostSuiteOptions {
  harness: Harness;
  browser: Browser;
  runDir: string;
  /** Where the screenshots and the full log go. */
  output: string;
  results: Results;
  /** Whatever this starts, so that the driver can stop it when interrupted. */
  servers: Pick<CodeServer, 'stop'>[];
}

/** One code-server session that runs one suite. */
export interface HostSession {
  /** Names the run folder, the log (`<name>-suite.log`) and the failure screenshot (`<name>-suite-failed.png`). */
  name: string;
  /** The compiled suite's index module. */
  suiteIndex: string;
  /** The folder the window opens (created when missing). */
  workspace: string;
  /** The user settings; `SEEDED_SETTINGS` by default. */
  settings?: Record<string, unknown>;
  /** See `StartOptions.workspaceTrust`. */
  workspaceTrust?: boolean;
  /** More environment for the extension host (the suite reads it). */
  env?: Record<string, string>;
  /**
   * Checks of what a person sees, run on the page while the suite runs (the workbench shuts the
   * extension host down, and its webviews with it, as soon as the suite ends); `ended` settles
   * then, so that a wait for something that never showed ends with it.
   */
  whileRunning?: (page: Page, ended: Promise<void>) => Promise<void>;
}

export async function runHostSuite({ harness, browser, runDir, output, results, servers }: HostSuiteOptions, session: HostSession): Promise<void> {
  const { name, suiteIndex, workspace } = session;
  mkdirSync(workspace, { recursive: true });
  const server = await startCodeServer(harness, prepareRunFolder(path.join(runDir, name), session.settings), {
    folder: workspace,
    smokeTestDriver: true,
    workspaceTrust: session.workspaceTrust,
    env: { ...session.env, [LOG_PREFIX_VARIABLE]: PREFIX },
  });
  servers.push(server);
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    let counts: { passed: number; failed: number } | undefined;
    const failedScreenshot = path.join(output, 'screenshots', `${name}-suite-failed.png`);
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
      ['extensionTestsPath', remote(suiteIndex)],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer: NodeJS.Timeout | undefined;
    const ended = Promise.race([exit, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_MS)))]);
    const watched = session.whileRunning?.(
      page,
      ended.then(() => undefined),
    );
    const code = await ended;
    clearTimeout(timer);
    await watched;
    const logFile = path.join(output, `${name}-suite.log`);
    writeFileSync(logFile, log.join('\n'));
    if (code === undefined || !counts) {
      const screenshot = failedScreenshot;
      await page.screenshot({ path: screenshot }).catch(() => undefined);
      const why = code === undefined ? `did not finish within ${TIMEOUT_MS / 1000} s` : `exited with ${code} without reporting its results`;
      const relative = path.relative(process.cwd(), logFile);
      results.fail(`${name} suite`, new Error(`The suite ${why}. Last lines of ${relative}:\n${log.slice(-20).join('\n')}`), screenshot);
      return;
    }
    results.add(counts.passed, counts.failed);
    const shot = await failureShot;
    if (shot) console.log(`  screenshot: ${shot}`);
    if (code !== 0 && counts.failed === 0) results.fail(`${name} suite`, new Error(`The extension host exited with ${code}.`));
  } finally {
    await context.close();
    await server.stop();
  }
}
