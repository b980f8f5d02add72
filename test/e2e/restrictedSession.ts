/**
 * The Restricted Mode session (phase `restricted`): code-server with Workspace Trust on (no
 * `--disable-workspace-trust`; `TRUST_ON_SETTINGS`) opens a copy of `examples/` for the first time,
 * so the folder is not trusted. Its `.vscode/settings.json` asks for everything the restricted
 * settings widen: the AWS renderer against an emulator started here (`dist/emulator.js --port 0`),
 * scripts, remote content and AWS presigning. The extension host gets working test credentials in
 * its environment, so a render that ignored Restricted Mode would reach the emulator.
 *
 * The suite in `restricted/` checks the extension from inside; this module checks, while it runs,
 * that the workbench says Restricted Mode, and afterwards that no request reached the emulator all
 * session.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { Page } from 'playwright-core';
import { REQUESTS_PATH } from '../../server/src/emulator/emulator';
import { KEY, ROLE } from '../helpers/emulator';
import { TRUST_ON_SETTINGS } from './codeServer';
import { ROOT } from './harness';
import { type HostSuiteOptions, runHostSuite } from './hostSuite';
import { EMULATOR_URL_VARIABLE } from './restricted/index';

const SUITE_INDEX = path.join(ROOT, 'out', 'test', 'e2e', 'restricted', 'index.js');
const EMULATOR = path.join(ROOT, 'dist', 'emulator.js');
const EMULATOR_START_MS = 10_000;

/** What a folder's settings could ask for if VS Code applied them without trust. */
function unsafeSettings(endpoint: string): Record<string, unknown> {
  return {
    'gtTemplates.preview.renderer': 'aws',
    'gtTemplates.preview.allowScripts': true,
    'gtTemplates.preview.allowRemoteContent': true,
    'gtTemplates.preview.presign': 'aws',
    'gtTemplates.preview.aws.endpoint': endpoint,
    'gtTemplates.preview.aws.region': 'us-east-1',
    'gtTemplates.preview.aws.roleArn': ROLE,
  };
}

export async function runRestrictedSession(options: HostSuiteOptions): Promise<void> {
  const emulator = await startEmulator();
  options.servers.push(emulator);
  try {
    const workspace = path.join(options.runDir, 'restricted-workspace', 'examples');
    cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    addSettings(path.join(workspace, '.vscode', 'settings.json'), unsafeSettings(emulator.url));
    await runHostSuite(options, {
      name: 'restricted',
      suiteIndex: SUITE_INDEX,
      workspace,
      settings: TRUST_ON_SETTINGS,
      workspaceTrust: true,
      env: {
        [EMULATOR_URL_VARIABLE]: emulator.url,
        AWS_ACCESS_KEY_ID: KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      whileRunning: (page, ended) => watchWorkbench(page, ended, options),
    });
    await options.results.check('no request reached the emulator in the whole Restricted Mode session', async () => {
      assert.deepEqual(await emulator.requests(), []);
    });
  } finally {
    await emulator.stop();
  }
}

/** Adds settings to a settings file, keeping its comments. */
function addSettings(file: string, settings: Record<string, unknown>): void {
  let text = readFileSync(file, 'utf8');
  for (const [key, value] of Object.entries(settings)) {
    text = applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  writeFileSync(file, text);
}

/**
 * What a person sees: the status bar's Restricted Mode. (The preview's page is not checked here:
 * the suite ends, and the workbench closes its webviews, before a new panel's page has loaded.)
 */
async function watchWorkbench(page: Page, ended: Promise<void>, { output, results }: HostSuiteOptions): Promise<void> {
  const shot = (name: string) => {
    const file = path.join(output, 'screenshots', `restricted-${name}.png`);
    return page.screenshot({ path: file }).then(() => file);
  };
  await results.check(
    'the workbench says Restricted Mode in the status bar',
    async () => {
      await Promise.race([
        page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 0 }),
        ended.then(() => {
          throw new Error('The suite ended before the status bar showed Restricted Mode.');
        }),
      ]);
      await shot('workbench');
    },
    () => shot('failed').catch(() => undefined),
  );
}

interface EmulatorProcess {
  url: string;
  /** Every request it has received (`GET /__requests`). */
  requests(): Promise<unknown[]>;
  stop(): Promise<void>;
}

/** `dist/emulator.js --port 0` as its own process; resolves once it prints the URL it listens on. */
function startEmulator(): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [EMULATOR, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      if (listening) return;
      clearTimeout(timer);
      void stop();
      reject(new Error(`The emulator (${path.relative(ROOT, EMULATOR)}) ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not start listening within ${EMULATOR_START_MS / 1000} s`), EMULATOR_START_MS);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code) => fail(`exited with ${code}`));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
      if (!url || listening) return;
      listening = true;
      clearTimeout(timer);
      resolve({
        url,
        stop,
        async requests() {
          const response = await fetch(url + REQUESTS_PATH);
          return ((await response.json()) as { requests: unknown[] }).requests;
        },
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}
