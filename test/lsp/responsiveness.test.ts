/**
 * Requests are answered while a large file is validated, over LSP: the validation runs a step at
 * a time and gives the event loop a turn every few milliseconds, so a hover typed during it waits
 * for one step, not for all of them. The server says so in its log line for a slow validation,
 * which counts the requests answered in between (a validation that held the thread would count
 * none).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateCloudFormation, generatePolicy } from '../helpers/generate';
import { LspClient } from '../helpers/lspClient';

describe('a 1 MB policy being validated, over LSP', function () {
  this.timeout(120_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-responsive-'));
    // Every validation logged with its turns and the requests answered during it: a validation after
    // a key reuses what it can, and may take less than the 100 ms from which the server logs one.
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href, settings: { gtTemplates: {} }, initializationOptions: { logValidationsFromMs: 0 } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers hovers between the steps of its validation, and logs how many', async () => {
    const uri = `${pathToFileURL(folder).href}/bucket.policy.json`;
    const text = generatePolicy(900_000);
    const document = TextDocument.create(uri, 'json', 1, text);
    const key = text.indexOf('"aws:SourceIp"', text.length / 2);
    const at = document.positionAt(key + 3);
    client.open(uri, 'json', text);
    await client.diagnosticsFor(uri, 1);
    // A keystroke in a Sid, then hovers one after the other until the new version's diagnostics come.
    const sid = document.positionAt(text.indexOf('"Sid": "', text.length / 2) + 9);
    const version = client.change(uri, [{ range: { start: sid, end: sid }, text: 'x' }]);
    let published = false;
    const diagnostics = client.diagnosticsFor(uri, version).then(() => (published = true));
    let hovers = 0;
    while (!published) {
      const hover = await client.hover(uri, at);
      assert.match(JSON.stringify(hover), /public IP address/);
      hovers++;
    }
    await diagnostics;
    await client.logged(new RegExp(`Validating bucket\\.policy\\.json \\(version ${version}\\) took \\d+ ms`));
    const line = client.logs
      .join('\n')
      .match(new RegExp(`Validating bucket\\.policy\\.json \\(version ${version}\\) took \\d+ ms in (\\d+) turns; (\\d+) requests? w`))!;
    const [turns, answered] = [Number(line[1]), Number(line[2])];
    assert.ok(turns > 1, `the validation ran in ${turns} turn(s)`);
    assert.ok(answered >= 1, `no request was answered during the validation (${hovers} hovers were sent)`);
  });

  it('does not run its validation in one call for a quick fix asked right after a key: the fix comes with the new diagnostics', async () => {
    // The editor asks for code actions after each key, with the last version's diagnostics at the cursor.
    const uri = `${pathToFileURL(folder).href}/misspelt.policy.json`;
    const body = generatePolicy(900_000);
    const middle = body.indexOf('\n    {\n', body.length / 2) + 1;
    const misspelt =
      '    {\n      "Sid": "Misspelt",\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "s3:GetObjekt",\n      "Resource": "arn:aws:s3:::input/*"\n    },\n';
    const text = body.slice(0, middle) + misspelt + body.slice(middle);
    const document = TextDocument.create(uri, 'json', 1, text);
    client.open(uri, 'json', text);
    const first = await client.diagnosticsFor(uri, 1);
    const diagnostic = first.find((d) => d.code === 'unknown-action' && document.getText(d.range) === '"s3:GetObjekt"');
    assert.ok(diagnostic, JSON.stringify(first.map((d) => d.code)));
    // A key in a Sid after it: the diagnostic stays where it is.
    const sid = document.positionAt(text.indexOf('"Sid": "', middle + misspelt.length) + 9);
    const version = client.change(uri, [{ range: { start: sid, end: sid }, text: 'x' }]);
    const before = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    assert.deepEqual(
      before.map((a) => a.title),
      [],
      'a fix read from the new version, whose validation has not finished, would have run it whole',
    );
    let published = false;
    const diagnostics = client.diagnosticsFor(uri, version).then((d) => ((published = true), d));
    const at = document.positionAt(text.indexOf('"aws:SourceIp"', text.length / 2) + 3);
    while (!published) await client.hover(uri, at);
    const latest = (await diagnostics).find((d) => d.code === 'unknown-action')!;
    await client.logged(new RegExp(`Validating misspelt\\.policy\\.json \\(version ${version}\\) took \\d+ ms`));
    const line = client.logs
      .join('\n')
      .match(new RegExp(`Validating misspelt\\.policy\\.json \\(version ${version}\\) took \\d+ ms in (\\d+) turns; (\\d+) requests? w`))!;
    assert.ok(Number(line[1]) > 1 && Number(line[2]) >= 1, line[0]);
    const after = await client.codeActions(uri, latest.range, [latest]);
    assert.ok(
      after.some((a) => a.title === 'Change to s3:GetObject'),
      after.map((a) => a.title).join(', '),
    );
  });
});

describe('large stacks in the workspace, indexed over LSP', function () {
  this.timeout(120_000);

  it('are parsed in slices between requests, as a validation parses them, and the log says how many turns they gave', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gt-index-'));
    const root = pathToFileURL(folder).href;
    // Two stacks of 300 KB: each held the thread for its whole parse, in one call, when the index classified it.
    for (const name of ['a.yaml', 'b.yaml']) writeFileSync(path.join(folder, name), generateCloudFormation(300_000));
    const client = await LspClient.start({ rootUri: root, settings: { gtTemplates: {} } });
    try {
      await client.logged(/^Workspace indexed/, 60_000);
      const line = client.logs.join('\n').match(/Workspace indexed: 2 templates and JSON files read in \d+ ms; their parses gave requests (\d+) turns?\./);
      assert.ok(line, client.logs.join('\n'));
      assert.ok(Number(line[1]) >= 10, `the index gave ${line[1]} turns while it parsed 600 KB of stacks`);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
