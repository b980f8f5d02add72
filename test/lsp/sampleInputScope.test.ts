/**
 * `gtTemplates.sampleInputs` comes with the repository: it may only name files inside the
 * workspace folder, so opening a repository never makes the server or gtlint read JSON elsewhere.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  describe('through a committed symbolic link', () => {
    const LINKED = `${SCRIPT}<p>{{ task.input.nope }} {{ task.input.token }}</p>`;
    before(() => {
      mkdirSync(path.join(parent, 'outside'));
      writeFileSync(path.join(parent, 'outside', 'secret.input.json'), '{ "token": "secret-value" }');
      symlinkSync('../outside', path.join(folder, 'link-out'));
      mkdirSync(path.join(folder, 'samples'));
      writeFileSync(path.join(folder, 'samples', 'secret.input.json'), '{ "token": "inside-value" }');
      symlinkSync('samples', path.join(folder, 'link-in'));
      writeFileSync(path.join(folder, 'linked.liquid.html'), LINKED);
    });

    async function seen(link: string): Promise<{ codes: unknown[]; hover: string }> {
      const client = await LspClient.start({
        rootUri: URI.file(folder).toString(),
        settings: { gtTemplates: { sampleInputs: { '**': `${link}/secret.input.json` } } },
      });
      try {
        await client.logged(/^Workspace indexed/);
        const template = URI.file(path.join(folder, 'linked.liquid.html')).toString();
        client.open(template, 'html', LINKED);
        const codes = (await client.diagnostics(template)).map((d) => d.code);
        const hover = await client.hover(template, { line: 1, character: LINKED.split('\n')[1].indexOf('token') + 1 });
        return { codes, hover: JSON.stringify(hover?.contents ?? '') };
      } finally {
        await client.stop();
      }
    }

    it('are not read by the server when the link leads out of the folder', async () => {
      const out = await seen('link-out');
      assert.deepEqual(out.codes, []);
      assert.doesNotMatch(out.hover, /secret-value/);
    });

    it('are read by the server when the link stays inside the folder', async () => {
      const inside = await seen('link-in');
      assert.deepEqual(inside.codes, ['undefined-input-field']);
      assert.match(inside.hover, /inside-value/);
    });

    it('are read by gtlint only when the link stays inside the folder', () => {
      const run = (link: string) => {
        writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'gtTemplates.sampleInputs': { '**': `${link}/secret.input.json` } }));
        const result = spawnSync(process.execPath, [CLI, 'linked.liquid.html'], { cwd: folder, encoding: 'utf8', timeout: 30_000 });
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      assert.deepEqual(run('link-out'), { code: 0, stdout: '', stderr: '' });
      const inside = run('link-in');
      assert.match(inside.stdout, /^linked\.liquid\.html:2:18 warning undefined-input-field task\.input\.nope is not in the sample input/);
    });
  });
});
