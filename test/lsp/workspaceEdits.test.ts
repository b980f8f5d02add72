/**
 * Edits that move cross-file facts without changing them, through the real server process: the
 * documents whose findings point at the moved places are published again, with the new places.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';

const TEMPLATE =
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n</crowd-form>\n';
const WORKTEAM =
  '{\n  "WorkteamName": "reviewers",\n  "Description": "Document reviewers",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["g"] } }]\n}\n';

const presignFinding = (diagnostics: Diagnostic[]) => diagnostics.find((d) => d.code === 'presign-unrestricted-workteam');

describe('edits that move cross-file facts, over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let root: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-moves-lsp-'));
    root = pathToFileURL(folder).href;
    writeFileSync(path.join(folder, 'workteam.json'), WORKTEAM);
    writeFileSync(path.join(folder, 'task.liquid.html'), TEMPLATE);
    client = await LspClient.start({ rootUri: root, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("publishes the template again when the workteam's facts move, with the related location at the new place", async () => {
    const template = `${root}/task.liquid.html`;
    const team = `${root}/workteam.json`;
    const relatedLine = (p: { diagnostics: Diagnostic[] }) => presignFinding(p.diagnostics)?.relatedInformation?.[0].location.range.start.line;
    // One step at a time, so that nothing else is left to validate the template again.
    await client.logged(/^Workspace indexed/);
    client.open(team, 'json', WORKTEAM);
    await client.diagnosticsFor(team, 1);
    client.open(template, 'html', TEMPLATE);
    await client.diagnostics(template, (p) => relatedLine(p) === 1);
    // A blank line above every fact: the workteam's facts are the same, two lines lower.
    client.change(team, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n\n' }]);
    const moved = presignFinding(await client.diagnostics(template, (p) => relatedLine(p) === 3))!;
    assert.equal(moved.relatedInformation![0].location.uri, team);
    assert.deepEqual(moved.relatedInformation![0].location.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 16 } });
  });
});
