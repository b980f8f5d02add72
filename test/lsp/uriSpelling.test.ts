/**
 * File names that URIs spell in more than one way (`( ) ' ! *`, spaces): VS Code sends
 * `forms%20%28v2%29`, Node's `pathToFileURL` writes `forms%20(v2)`. The server must see one file
 * under one name, whichever way it learnt of it (the editor, its own index, settings, a client
 * that spells URIs differently).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;
const workteam = (name: string) =>
  `{\n  "WorkteamName": "${name}",\n  "Description": "d",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["g"] } }]\n}\n`;

const unrestricted = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'presign-unrestricted-workteam');

describe('URIs spelt differently over LSP (a folder named "forms (v2)")', function () {
  this.timeout(60_000);
  let parent: string;
  let folder: string;
  let client: LspClient;
  /** What VS Code sends for a file of the folder. */
  const vscodeUri = (name: string) => URI.file(path.join(folder, name)).toString();

  before(async () => {
    parent = mkdtempSync(path.join(tmpdir(), 'gt-uri-'));
    folder = path.join(parent, 'forms (v2)');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'team (prod).json'), workteam('reviewers'));
    writeFileSync(path.join(folder, 'form (v2).input.json'), '{ "a": 1 }');
    client = await LspClient.start({ rootUri: URI.file(folder).toString(), settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('sees the workteam it indexed from disk from a template the editor opened', async () => {
    await client.logged(/^Workspace indexed: 2 templates and JSON files/);
    client.open(vscodeUri('task.liquid.html'), 'html', TEMPLATE);
    const diagnostics = await client.diagnostics(vscodeUri('task.liquid.html'), (p) => unrestricted(p.diagnostics).length > 0);
    const [finding] = unrestricted(diagnostics);
    assert.match(messageText(finding), /workteam "reviewers" in team \(prod\)\.json has no IP restriction/);
    assert.equal(finding.relatedInformation?.[0].location.uri, vscodeUri('team (prod).json'));
  });

  it('follows the sample input of "form (v2).liquid.html" as the editor changes it', async () => {
    const template = vscodeUri('form (v2).liquid.html');
    client.open(template, 'html', `${SCRIPT}<p>{{ task.input.b }}</p>`);
    const before = await client.diagnostics(template, (p) => p.diagnostics.some((d) => d.code === 'undefined-input-field'));
    assert.match(messageText(before.find((d) => d.code === 'undefined-input-field')!), /form \(v2\)\.input\.json/);
    client.open(vscodeUri('form (v2).input.json'), 'json', '{ "a": 1 }');
    client.change(vscodeUri('form (v2).input.json'), [{ text: '{ "a": 1, "b": 2 }' }]);
    await client.diagnostics(template, (p) => !p.diagnostics.some((d) => d.code === 'undefined-input-field'));
  });

  it("answers a client that spells URIs like Node under that client's spelling", async () => {
    const nodeUri = pathToFileURL(path.join(folder, 'other (1).liquid.html')).href;
    assert.notEqual(nodeUri, vscodeUri('other (1).liquid.html'));
    client.open(nodeUri, 'html', TEMPLATE);
    const diagnostics = await client.diagnostics(nodeUri, (p) => unrestricted(p.diagnostics).length > 0);
    assert.equal(unrestricted(diagnostics).length, 1);
    const items = await client.completion(nodeUri, { line: 2, character: '  <img src="{{ task.input.'.length });
    assert.ok(items.some((i) => i.label === 'taskObject'));
  });
});

describe('a file named "team (prod).json" open in the editor and indexed from disk', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;
  const vscodeUri = (name: string) => URI.file(path.join(folder, name)).toString();

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-uri-'));
    writeFileSync(path.join(folder, 'team (prod).json'), workteam('reviewers'));
    client = await LspClient.start({ rootUri: URI.file(folder).toString(), settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps one copy of the file: the one the editor changes', async () => {
    await client.logged(/^Workspace indexed: 1 templates and JSON files/);
    client.open(vscodeUri('task.liquid.html'), 'html', TEMPLATE);
    await client.diagnostics(vscodeUri('task.liquid.html'), (p) => unrestricted(p.diagnostics).length > 0);
    client.open(vscodeUri('team (prod).json'), 'json', workteam('reviewers'));
    client.change(vscodeUri('team (prod).json'), [{ text: workteam('editors') }]);
    const diagnostics = await client.diagnostics(vscodeUri('task.liquid.html'), (p) =>
      unrestricted(p.diagnostics).some((d) => messageText(d).includes('"editors"')),
    );
    // A disk copy under another spelling would still report "reviewers" next to it.
    assert.deepEqual(
      unrestricted(diagnostics).map((d) => /workteam "(\w+)"/.exec(messageText(d))?.[1]),
      ['editors'],
    );
  });
});
