/**
 * The server's index and gtlint's folder walk find the same files: not in dependencies, build
 * output or hidden folders, and not JSON too large to be configuration.
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
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;
const workteam = (description = 'd') =>
  JSON.stringify({ WorkteamName: 'reviewers', Description: description, MemberDefinitions: [{ OidcMemberDefinition: { Groups: ['g'] } }] }, null, 2);
/** A workteam file the size of a dataset. */
const hugeWorkteam = () => workteam('x'.repeat(3 * 1024 * 1024));
const COPIES = ['node_modules/pkg', 'build', 'coverage', 'dist', 'out', '.vscode-test'];

describe('workspace files found by the server and by gtlint', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-files-'));
    for (const copy of COPIES) {
      mkdirSync(path.join(folder, copy), { recursive: true });
      writeFileSync(path.join(folder, copy, 'workteam.json'), workteam());
      writeFileSync(path.join(folder, copy, 'task.liquid.html'), TEMPLATE.replace('s3_presign', 's3_presing'));
    }
    writeFileSync(path.join(folder, 'data.json'), hugeWorkteam());
    writeFileSync(path.join(folder, 'task.liquid.html'), TEMPLATE);
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gtlint leaves out copies in dependencies and build output, and JSON data', () => {
    const run = spawnSync(process.execPath, [CLI, '.'], { cwd: folder, encoding: 'utf8', timeout: 30_000 });
    assert.deepEqual({ code: run.status, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: '', stderr: '' });
  });

  it('the server does not index them, even when the editor reports them created', async () => {
    const client = await LspClient.start({ rootUri: URI.file(folder).toString(), settings: { gtTemplates: {} } });
    try {
      await client.logged(/^Workspace indexed: 2 templates and JSON files/);
      const template = URI.file(path.join(folder, 'task.liquid.html')).toString();
      client.open(template, 'html', TEMPLATE);
      assert.deepEqual(await client.diagnostics(template), []);
      // One event for all: the template is validated again once, after the last.
      writeFileSync(path.join(folder, 'workteam.json'), workteam());
      client.filesChanged([...COPIES, '.'].map((at) => ({ uri: URI.file(path.join(folder, at, 'workteam.json')).toString(), type: 1 as const })));
      const diagnostics = await client.diagnostics(template, (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.relatedInformation?.map((r) => path.basename(path.dirname(URI.parse(r.location.uri).fsPath)))]),
        [['presign-unrestricted-workteam', [path.basename(folder)]]],
      );
    } finally {
      await client.stop();
    }
  });
});
