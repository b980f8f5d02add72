/**
 * Runs the UI scenarios: every `*.scenario.js` beside this file exports `scenarios`, run in file
 * order then list order, in one workbench on a copy of `examples/` with the packaged extension
 * installed. A scenario is a person's task; it saves a screenshot of each step, and on failure
 * one of the screen as it was.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { VIEWPORT } from '../browser';
import { type CodeServer, type RunFolder, SEEDED_SETTINGS, startCodeServer } from '../codeServer';
import { type Harness, ROOT } from '../harness';
import type { Results } from '../results';
import { Workbench } from './workbench';

const DOCS_IMAGES = path.join(ROOT, 'docs', 'images');

/**
 * The scenarios' user settings: the seeded ones, with auto-closing off so that the keys a scenario
 * types are exactly the text that appears (auto-closed brackets are not always typed over).
 */
export const SCENARIO_SETTINGS: Record<string, unknown> = {
  ...SEEDED_SETTINGS,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'html.autoClosingTags': false,
};

export interface ScenarioContext {
  page: Page;
  workbench: Workbench;
  /** The workspace folder (a copy of examples/). */
  workspace: string;
  /**
   * Saves a screenshot of the page for this step and returns its path. `docsImage` names the
   * README image (docs/images/<name>.png) it refreshes when GT_E2E_UPDATE_IMAGES=1.
   */
  shot(step: string, docsImage?: string): Promise<string>;
}

export interface Scenario {
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

export interface ScenarioOptions {
  harness: Harness;
  browser: Browser;
  run: RunFolder;
  workspace: string;
  screenshots: string;
  results: Results;
  servers: Pick<CodeServer, 'stop'>[];
  /** Whether the .vsix installed; without it there is nothing to drive. */
  installed: boolean;
}

export async function loadScenarios(): Promise<Scenario[]> {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.scenario.js'))
    .sort();
  const modules = await Promise.all(files.map((name) => import(pathToFileURL(path.join(__dirname, name)).href) as Promise<{ scenarios: Scenario[] }>));
  return modules.flatMap((m) => m.scenarios);
}

export async function runScenarios(options: ScenarioOptions): Promise<void> {
  const { harness, browser, run, workspace, screenshots, results, servers } = options;
  const scenarios = await loadScenarios();
  if (!options.installed) {
    for (const scenario of scenarios) results.fail(scenario.name, new Error('The .vsix did not install, so there is no extension to drive.'));
    return;
  }
  const server = await startCodeServer(harness, run, { folder: workspace });
  servers.push(server);
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const workbench = new Workbench(page);
    const failedShot = async (slug: string) => {
      const file = path.join(screenshots, `${slug}-failed.png`);
      await page.screenshot({ path: file });
      return file;
    };
    const opened = await results.check(
      'the workbench opens examples/',
      async () => {
        await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
        await workbench.ready();
      },
      () => failedShot('workbench'),
    );
    for (const scenario of scenarios) {
      if (!opened) {
        results.fail(scenario.name, new Error('The workbench did not open.'));
        continue;
      }
      const slug = scenario.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      let step = 0;
      const shot = async (name: string, docsImage?: string) => {
        const file = path.join(screenshots, `${slug}-${++step}-${name}.png`);
        await page.screenshot({ path: file });
        if (docsImage && process.env.GT_E2E_UPDATE_IMAGES === '1') copyFileSync(file, path.join(DOCS_IMAGES, `${docsImage}.png`));
        return file;
      };
      await results.check(
        scenario.name,
        () => scenario.run({ page, workbench, workspace, shot }),
        () => failedShot(slug),
      );
    }
  } finally {
    await context.close();
    await server.stop();
  }
}
