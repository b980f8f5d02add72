/**
 * `gtTemplates.sampleInputs` comes with the repository: it may only name files inside the
 * workspace folder, so opening a repository never makes the server or gtlint read JSON elsewhere.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lspClient';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<p>{{ task.input.nope }}</p>`;

describe('sample inputs outside the workspace folder', function () {
  this.timeout(60_000);
  let parent: string;
  let folder: string;

  before(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'gt-scope-'));
    folder = path.join(parent, 'repo');
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    writeFileSync(path.join(parent, 'private.json'), '{ "token": "secret" }');
    writeFileSync(path.join(folder, 'task.liquid.html'), TEMPLATE);
  });

  after(() => rmSync(parent, { recursive: true, force: true }));

  for (const [what, input] of [
    ['a relative path that climbs out', '../private.json'],
    ['an absolute path elsewhere', () => path.join(parent, 'private.json')],
    ['a file: URI', () => URI.file(path.join(parent, 'private.json')).toString()],
  ] as const) {
    it(`are not read by the server: ${what}`, async () => {
      const client = await LspClient.start({
        rootUri: URI.file(folder).toString(),
        settings: { gtTemplates: { sampleInputs: { '*.liquid.html': typeof input === 'string' ? input : input() } } },
      });
      try {
        // Indexing starts once the settings are read: the template is opened with them in effect.
        await client.logged(/^Workspace indexed/);
        const template = URI.file(path.join(folder, 'task.liquid.html')).toString();
        client.open(template, 'html', TEMPLATE);
        // Read, the file would be the sample input, and task.input.nope would be reported as missing from it.
        assert.deepEqual(await client.diagnostics(template), []);
        const keys = (await client.completion(template, { line: 1, character: '<p>{{ task.input.'.length })).map((i) => i.label);
        assert.ok(!keys.includes('token'), keys.join());
      } finally {
        await client.stop();
      }
    });
  }

  it('are not read by gtlint, and a Windows path in the setting is a path, not a URI scheme', () => {
    for (const input of ['../private.json', 'C:/data/input.json', 'C:\\data\\input.json']) {
      writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'gtTemplates.sampleInputs': { '*.liquid.html': input } }));
      const run = spawnSync(process.execPath, [CLI, 'task.liquid.html'], { cwd: folder, encoding: 'utf8', timeout: 30_000 });
      assert.deepEqual({ code: run.status, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: '', stderr: '' }, input);
    }
  });
});
