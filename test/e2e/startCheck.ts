/**
 * `npm start` as a person runs it from a terminal (the README's command, through npm, not its
 * program alone): with a free port and a fresh state folder it prints a URL; the URL serves the
 * workbench on examples/, the packaged extension is installed and checks a template there; Ctrl+C
 * (SIGINT to its process group, as a terminal sends it) stops it and the code-server it started.
 *
 * With `GT_E2E_START_HOME` set (CI sets an empty folder), `npm start` installs its own VS Code
 * there as on a machine that never ran the project.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { VIEWPORT } from './browser';
import { ROOT, withoutNpmLifecycle } from './harness';
import { manifest } from './packaging';
import { Workbench } from './scenarios/workbench';

/** Installing the harness on a fresh machine is the slow part (minutes); on a warm one this takes seconds. */
const URL_TIMEOUT_MS = 900_000;
const STOP_TIMEOUT_MS = 20_000;
const URL_LINE = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m;

export interface StartCheckOptions {
  browser: Browser;
  /** A fresh folder for code-server's settings and state (GT_START_DIR). */
  stateDir: string;
  /** Where a screenshot of a failed step goes. */
  screenshot: string;
}

export async function checkStart({ browser, stateDir, screenshot }: StartCheckOptions): Promise<void> {
  // Its own process group, as in a terminal; code-server runs in a group of its own that start.js stops.
  // As from a terminal: none of the variables of the npm that runs this test.
  const env: Record<string, string> = { ...withoutNpmLifecycle(process.env), PORT: '0', GT_START_DIR: stateDir };
  const freshHome = process.env.GT_E2E_START_HOME;
  if (freshHome) Object.assign(env, { GT_E2E_HOME: path.join(freshHome, 'harness'), XDG_CACHE_HOME: path.join(freshHome, 'cache') });
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  let stopped = false;
  try {
    const url = new URL(await printedUrl(child, () => output));
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.searchParams.get('folder'), path.join(ROOT, 'examples'), `npm start opens examples/: ${url}`);

    const response = await fetch(url);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /id="vscode-workbench-web-configuration"/, 'the workbench page');
    // The page belongs to this start: its user data is in the state folder given.
    assert.ok(page.includes(`&quot;userDataPath&quot;:&quot;${path.join(stateDir, 'user-data')}&quot;`), 'the page is served from GT_START_DIR');

    const { publisher, name, version } = manifest();
    const listed = JSON.parse(readFileSync(path.join(stateDir, 'extensions', 'extensions.json'), 'utf8')) as {
      identifier: { id: string };
      version: string;
      relativeLocation: string;
    }[];
    const entry = listed.find((e) => e.identifier.id === `${publisher}.${name}`);
    assert.equal(entry?.version, version, `the extension is installed: ${JSON.stringify(listed)}`);
    assert.ok(existsSync(path.join(stateDir, 'extensions', entry.relativeLocation, 'dist', 'server.js')));

    // What the person sees at that URL: examples/ in the Explorer, and the installed extension at work.
    const context = await browser.newContext({ viewport: VIEWPORT });
    const tab = await context.newPage();
    try {
      const workbench = new Workbench(tab);
      await tab.goto(url.href);
      await workbench.ready();
      await tab
        .locator('.pane-header', { hasText: /^examples$/i })
        .first()
        .waitFor();
      await workbench.openFromExplorer('templates/mistakes.liquid.html');
      await workbench.editor.locator('.squiggly-error').first().waitFor();
    } catch (error) {
      await tab.screenshot({ path: screenshot }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\nscreenshot: ${screenshot}`, { cause: error });
    } finally {
      await context.close();
    }

    process.kill(-child.pid!, 'SIGINT');
    const how = await within(exited, STOP_TIMEOUT_MS, 'npm start did not stop on Ctrl+C');
    stopped = true;
    // npm ends itself by the signal it was sent, as a terminal expects; its program must end cleanly.
    assert.ok(how === 'exit 0' || how === 'SIGINT', `npm start ended with ${how}`);
    assert.doesNotMatch(output, /^npm start: |npm error/m, 'npm start reported an error');
    await assert.rejects(fetch(url), 'code-server still answers after npm start stopped');
  } catch (error) {
    throw new Error(`${(error as Error).message}\nnpm start printed:\n${output}`, { cause: error });
  } finally {
    if (!stopped && child.exitCode === null && child.signalCode === null) {
      // start.js stops its code-server on SIGTERM as on SIGINT; only if it does not is the group killed.
      process.kill(-child.pid!, 'SIGTERM');
      await within(exited, STOP_TIMEOUT_MS, '').catch(() => process.kill(-child.pid!, 'SIGKILL'));
    }
  }
}

function printedUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${URL_TIMEOUT_MS / 1000} s.`)), URL_TIMEOUT_MS);
    const look = () => {
      const match = URL_LINE.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(match[1]);
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before printing a URL.`));
    });
  });
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
