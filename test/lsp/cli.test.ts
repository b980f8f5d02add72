/**
 * The bundled `gtlint` CLI, run as a process in a folder of templates the way CI runs it:
 * the three formats, exit codes, settings from .vscode/settings.json, and bad input.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

function gtlint(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('gtlint CLI', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'gtlint-'));
    mkdirSync(path.join(folder, 'templates', 'nested'), { recursive: true });
    writeFileSync(
      path.join(folder, 'templates', 'ok.liquid.html'),
      `${SCRIPT}<crowd-form>\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`,
    );
    writeFileSync(
      path.join(folder, 'templates', 'nested', 'bad.liquid.html'),
      `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.img | grant_read_acess }}">\n  <crowd-input label="Q"></crowd-input>\n</crowd-form>\n`,
    );
    writeFileSync(path.join(folder, 'templates', 'page.html'), '<p>An ordinary page, not a worker template.</p>\n');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('prints path:line:col severity code message and exits 1 on an error', () => {
    const run = gtlint(folder, 'templates');
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      `${path.join('templates', 'nested', 'bad.liquid.html')}:3:33 error unknown-filter Unknown filter "grant_read_acess": did you mean "grant_read_access"?`,
      `${path.join('templates', 'nested', 'bad.liquid.html')}:4:4 warning unnamed-crowd-field <crowd-input> has no name, so its answer is lost: add name="…" (the key of its answer in the output).`,
    ]);
    assert.equal(run.stderr, '');
  });

  it('exits 0 when only warnings are reported', () => {
    writeFileSync(path.join(folder, 'templates', 'nested', 'bad.liquid.html'), `${SCRIPT}<crowd-form><crowd-input label="Q"></crowd-input></crowd-form>`);
    const run = gtlint(folder, 'templates');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /warning unnamed-crowd-field/);
  });

  it('writes JSON with 1-based lines and columns', () => {
    const run = gtlint(folder, 'templates/nested/bad.liquid.html', '--format', 'json');
    assert.equal(run.code, 1);
    const [first] = JSON.parse(run.stdout);
    assert.deepEqual(first, {
      file: path.join('templates', 'nested', 'bad.liquid.html'),
      line: 3,
      column: 33,
      endLine: 3,
      endColumn: 49,
      severity: 'error',
      code: 'unknown-filter',
      message: 'Unknown filter "grant_read_acess": did you mean "grant_read_access"?',
    });
  });

  it('writes SARIF 2.1.0 whose results point at their rules', () => {
    const run = gtlint(folder, '--format=sarif', 'templates');
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema!, /sarif-2\.1\.0/);
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules!;
    assert.equal(sarifRun.tool.driver.name, 'gtlint');
    assert.deepEqual(
      sarifRun.results!.map((r) => [
        r.ruleId,
        rules[r.ruleIndex!].id,
        r.level,
        r.locations![0].physicalLocation!.artifactLocation!.uri,
        r.locations![0].physicalLocation!.region!.startLine,
      ]),
      [
        ['unknown-filter', 'unknown-filter', 'error', 'templates/nested/bad.liquid.html', 3],
        ['unnamed-crowd-field', 'unnamed-crowd-field', 'warning', 'templates/nested/bad.liquid.html', 4],
      ],
    );
    for (const rule of rules) assert.match(rule.helpUri!, new RegExp(`/docs/checks/${rule.id}\\.md$`));
  });

  it('applies gtTemplates.checks from .vscode/settings.json (with comments), unless --no-config', () => {
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      '{\n  // CI agrees with the editor\n  "gtTemplates.checks": { "unknown-filter": "warning", "unnamed-crowd-field": "off" }\n}',
    );
    const configured = gtlint(folder, 'templates');
    assert.equal(configured.code, 0);
    assert.deepEqual(
      configured.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ').slice(1, 3).join(' ')),
      ['warning unknown-filter'],
    );
    assert.equal(gtlint(folder, '--no-config', 'templates').code, 1);
  });

  it('reads the sample input beside a template', () => {
    writeFileSync(path.join(folder, 'templates', 'ok.liquid.html'), `${SCRIPT}<p>{{ task.input.lables }}</p>`);
    writeFileSync(path.join(folder, 'templates', 'ok.input.json'), '{"labels": ["a"]}');
    const run = gtlint(folder, 'templates/ok.liquid.html');
    assert.match(run.stdout, /undefined-input-field task\.input\.lables is not in the sample input ok\.input\.json: did you mean "labels"\?/);
  });

  it('exits 2 with a clear message on a missing path, a binary file or a bad option, and still reports the rest', () => {
    writeFileSync(path.join(folder, 'templates', 'image.html'), Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0xff, 0x00]));
    const run = gtlint(folder, 'templates', 'nowhere');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /gtlint: nowhere: no such file or folder/);
    assert.match(run.stderr, /image\.html: binary file, not checked/);
    assert.match(run.stdout, /unknown-filter/);
    const bad = gtlint(folder, '--format', 'xml', 'templates');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format takes text, json or sarif, not "xml"/);
  });

  it('exits 2 on an option it does not know, naming it, with the usage', () => {
    for (const option of ['--fix', '-x', '--no-config=1', '-']) {
      const run = gtlint(folder, 'templates', option);
      assert.equal(run.code, 2, option);
      assert.equal(run.stdout, '', option);
      assert.ok(run.stderr.startsWith(`gtlint: unknown option ${option}\n\nUsage: gtlint <files or folders>`), run.stderr);
    }
    const help = gtlint(folder, '--no-config', '-h', '--fix');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: gtlint/);
  });

  it('prints usage with no arguments', () => {
    const run = gtlint(folder);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: gtlint <files or folders>/);
  });
});
