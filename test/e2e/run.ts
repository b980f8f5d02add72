/**
 * The end-to-end driver: the extension in a real VS Code (code-server), offline.
 *
 *   node out/test/e2e/run.js [package] [start] [host] [ui] [restricted]     (default: all five, in this order)
 *
 * 1. package: the .vsix from `npm run package` holds only what it needs, and installs with
 *    `code-server --install-extension`.
 * 2. start: `npm start`'s program prints a URL that serves examples/ with the extension installed
 *    and working, and stops on Ctrl+C (`startCheck.ts`).
 * 3. host: the mocha suite in `suite/` runs inside the extension host.
 * 4. ui: the scenarios in `scenarios/*.scenario.js` drive the workbench in chromium as a person
 *    would, against the installed .vsix, saving a screenshot of every step.
 * 5. restricted: the suite in `restricted/` inside a session with Workspace Trust on, in a folder
 *    that is not trusted and whose settings ask for what Restricted Mode must refuse
 *    (`restrictedSession.ts`).
 *
 * Ends with `N passed, N failed` and exits non-zero on any failure. Screenshots go to
 * test-results/e2e/; each run's code-server state goes to a fresh folder, kept when something failed.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { CodeServer, RunFolder, installExtension, onInterrupt, prepareRunFolder } from './codeServer';
import { Harness, ROOT, ensureHarness } from './harness';
import { SUITE_INDEX, runHostSuite } from './hostSuite';
import { checkVsixContents, manifest, vsixPath } from './packaging';
import { runRestrictedSession } from './restrictedSession';
import { checkStart } from './startCheck';
import { Results } from './results';
import { SCENARIO_SETTINGS, runScenarios } from './scenarios/runner';

const PHASES = ['package', 'start', 'host', 'ui', 'restricted'] as const;
type Phase = (typeof PHASES)[number];

const OUTPUT = path.join(ROOT, 'test-results', 'e2e');

const results = new Results();

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !PHASES.includes(a as Phase));
  if (unknown.length) {
    console.error(`Unknown phase ${unknown.join(', ')}; the phases are ${PHASES.join(', ')}.`);
    return 2;
  }
  const phases = new Set<Phase>(argv.length ? (argv as Phase[]) : PHASES);
  const started = Date.now();
  rmSync(OUTPUT, { recursive: true, force: true });
  const screenshots = path.join(OUTPUT, 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  const runDir = mkdtempSync(path.join(tmpdir(), 'gt-e2e-'));

  const harness = await ensureHarness().catch((error: unknown) => {
    results.fail('install the VS Code harness', error);
    return undefined;
  });
  const servers: Pick<CodeServer, 'stop'>[] = [];
  let browser: Browser | undefined;
  const cleanup = async () => {
    for (const server of servers) await server.stop();
    await browser?.close();
  };
  const release = onInterrupt(cleanup);
  try {
    if (harness) {
      browser = await launchBrowser(harness);
      // A phase that breaks down (code-server does not start, the page crashes) is one failure; the next phase still runs.
      const timed = async (name: string, body: () => Promise<void>) => {
        const t = Date.now();
        console.log(`\n${name}`);
        await body().catch((error: unknown) => results.fail(name, error));
        console.log(`  (${Math.round((Date.now() - t) / 1000)} s)`);
      };
      const uiRun = prepareRunFolder(path.join(runDir, 'ui'), SCENARIO_SETTINGS);
      let installed = false;
      if (phases.has('package') || phases.has('ui')) {
        await timed('Package', async () => {
          const vsix = vsixPath();
          if (!existsSync(vsix)) {
            results.fail('the .vsix exists', new Error(`${path.relative(ROOT, vsix)} is missing: run \`npm run package\` first (npm run test:e2e does).`));
            return;
          }
          if (phases.has('package')) await results.check('the .vsix holds only what the extension needs', () => checkVsixContents(vsix));
          installed = await results.check('the .vsix installs with code-server --install-extension', () => checkInstall(harness, uiRun, vsix));
        });
      }
      if (phases.has('start')) {
        await timed('npm start', () =>
          results
            .check('npm start serves examples/ with the extension installed, and stops on Ctrl+C', () =>
              checkStart({ browser: browser!, stateDir: path.join(runDir, 'start'), screenshot: path.join(screenshots, 'npm-start-failed.png') }),
            )
            .then(() => undefined),
        );
      }
      if (phases.has('host')) {
        await timed('Extension host suite (mocha inside VS Code)', () =>
          runHostSuite(
            { harness, browser: browser!, runDir, output: OUTPUT, results, servers },
            { name: 'host', suiteIndex: SUITE_INDEX, workspace: path.join(runDir, 'host-workspace') },
          ),
        );
      }
      if (phases.has('ui')) {
        await timed('UI scenarios (chromium, as a person)', async () => {
          const workspace = path.join(runDir, 'ui-workspace', 'examples');
          cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
          await runScenarios({ harness, browser: browser!, run: uiRun, workspace, screenshots, results, servers, installed });
        });
      }
      if (phases.has('restricted')) {
        await timed('Restricted Mode (extension host, folder not trusted)', () =>
          runRestrictedSession({ harness, browser: browser!, runDir, output: OUTPUT, results, servers }),
        );
      }
    }
  } finally {
    await cleanup();
    release();
  }

  console.log(`\nScreenshots: ${path.relative(process.cwd(), screenshots) || screenshots}`);
  if (results.failed) console.log(`code-server state and logs of this run: ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
  console.log(`End-to-end: ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(results.summary());
  return results.failed ? 1 : 0;
}

/** Installs the package as a user would and checks that code-server lists it, with its files. */
async function checkInstall(harness: Harness, run: RunFolder, vsix: string): Promise<void> {
  const output = await installExtension(harness, run, vsix);
  if (!/was successfully installed/.test(output)) throw new Error(`code-server did not confirm the install:\n${output}`);
  const { publisher, name, version } = manifest();
  const id = `${publisher}.${name}`;
  const listed = JSON.parse(readFileSync(path.join(run.extensions, 'extensions.json'), 'utf8')) as {
    identifier: { id: string };
    version: string;
    relativeLocation: string;
  }[];
  const entry = listed.find((e) => e.identifier.id === id);
  if (entry?.version !== version) throw new Error(`code-server's extensions.json does not list ${id} ${version}: ${JSON.stringify(listed)}`);
  const folder = path.join(run.extensions, entry.relativeLocation);
  for (const file of ['package.json', manifest().main, 'dist/server.js']) {
    if (!existsSync(path.join(folder, file))) throw new Error(`${file} is missing from the installed extension in ${folder}.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    results.fail('end-to-end driver', error);
    console.log(results.summary());
    process.exitCode = 1;
  },
);
