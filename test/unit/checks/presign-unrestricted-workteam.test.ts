import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, SCRIPT, applyCrossFileFix, applyEdits, diagnostics, jsonDiagnostics, jsonFlagged, serviceWith } from '../../helpers/service';

const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;
const GRANT = TEMPLATE.replace('s3_presign', 'grant_read_access');
const TEAM = '{\n  "WorkteamName": "reviewers",\n  "Description": "d",\n  "MemberDefinitions": [{"OidcMemberDefinition": {"Groups": ["g"]}}]\n}';
const DISABLED = TEAM.replace(
  /\n}$/,
  ',\n  "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"SourceIp": "Disabled", "VpcSourceIp": "Disabled"}}}\n}',
);
const ENABLED = TEAM.replace(/\n}$/, ',\n  "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"SourceIp": "Enabled"}}}\n}');

describe('presign-unrestricted-workteam', () => {
  it('reports on the template, naming the workteam file, with related information', () => {
    const [seen] = diagnostics(TEMPLATE, { files: { 'teams/workteam.json': TEAM } }).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.equal(seen.text, 's3_presign');
    assert.match(seen.message, /workteam "reviewers" in teams\/workteam\.json has no IP restriction/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/teams/workteam.json');
  });

  it('does not report for a file far over the template limit, which takes no part in cross-file checks', () => {
    const huge = TEMPLATE + `<p>${'x'.repeat(1_100_000)}</p>`;
    assert.deepEqual(jsonFlagged('presign-unrestricted-workteam', TEAM, { name: 'workteam.json', files: { 'task.liquid.html': huge } }), []);
  });

  it('reports on the workteam, naming the template', () => {
    const [seen] = jsonDiagnostics(TEAM, { name: 'workteam.json', files: { 'task.liquid.html': GRANT } }).filter(
      (d) => d.code === 'presign-unrestricted-workteam',
    );
    assert.equal(seen.text, '"WorkteamName"');
    assert.match(seen.message, /^Templates presign S3 URLs for this workteam's tasks \(task\.liquid\.html\)/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/task.liquid.html');
  });

  it('reports s3_presign with a workteam whose S3Presign constraints are Disabled', () => {
    const [seen] = diagnostics(TEMPLATE, { files: { 'workteam.json': DISABLED } }).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.match(
      seen.message,
      /^s3_presign URLs follow the workteam's S3Presign constraints, but workteam "reviewers" in workteam\.json sets SourceIp and VpcSourceIp to Disabled/,
    );
    assert.deepEqual(jsonFlagged('presign-unrestricted-workteam', DISABLED, { name: 'workteam.json', files: { 'task.liquid.html': TEMPLATE } }), [
      '"IamPolicyConstraints"',
    ]);
  });

  it('fixes the workteam file from the template in a workspace of many policies, whose trees are not all kept', () => {
    const policies = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `policies/p${i}.json`,
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      ]),
    );
    const fixed = applyCrossFileFix('presign-unrestricted-workteam', TEMPLATE, 'SourceIp: Enabled', 'workteam.json', {
      files: { 'workteam.json': TEAM, ...policies },
    });
    assert.match(fixed, /"SourceIp": "Enabled"/);
  });

  it('fixes the workteam file from the template', () => {
    assert.equal(
      applyCrossFileFix('presign-unrestricted-workteam', TEMPLATE, 'SourceIp: Enabled', 'workteam.json', { files: { 'workteam.json': TEAM } }),
      TEAM.replace(
        /\n}$/,
        ',\n  "WorkerAccessConfiguration": {\n    "S3Presign": {\n      "IamPolicyConstraints": {\n        "SourceIp": "Enabled"\n      }\n    }\n  }\n}',
      ),
    );
  });

  it('fixes the workteam file as it is when the fix is asked for, after edits that change none of its facts', () => {
    const { service, document } = serviceWith(TEMPLATE, { files: { 'workteam.json': TEAM } });
    const uri = `${ROOT}/workteam.json`;
    assert.ok(service.diagnostics(document.uri).some((d) => d.code === 'presign-unrestricted-workteam'));
    const team = service.getDocument(uri)!;
    const at = team.getText().indexOf('"d"') + 2;
    const edited = TextDocument.update(team, [{ range: { start: team.positionAt(at), end: team.positionAt(at) }, text: ' for the pilot labeling job' }], 2);
    service.setDocument(edited);
    const diagnostic = service.diagnostics(document.uri).find((d) => d.code === 'presign-unrestricted-workteam')!;
    const action = service.codeActions(document.uri, diagnostic.range, [diagnostic]).find((a) => a.title.includes('SourceIp: Enabled'))!;
    assert.equal(
      applyEdits(edited, action.edit!.changes![uri]),
      TEAM.replace('"d"', '"d for the pilot labeling job"').replace(
        /\n}$/,
        ',\n  "WorkerAccessConfiguration": {\n    "S3Presign": {\n      "IamPolicyConstraints": {\n        "SourceIp": "Enabled"\n      }\n    }\n  }\n}',
      ),
    );
  });

  it('reports an update whose WorkerAccessConfiguration leaves out the constraints, as workteam-missing-ip-restriction does', () => {
    const update = '{\n  "WorkteamName": "reviewers",\n  "WorkerAccessConfiguration": {"S3Presign": {}}\n}';
    const onTemplate = diagnostics(GRANT, { files: { 'update-workteam.json': update } }).filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.deepEqual(
      onTemplate.map((d) => d.text),
      ['grant_read_access'],
    );
    const onTeam = jsonDiagnostics(update, { name: 'update-workteam.json', files: { 'task.liquid.html': GRANT } });
    assert.deepEqual(onTeam.map((d) => d.code).sort(), ['presign-unrestricted-workteam', 'workteam-missing-ip-restriction']);
  });

  it('does not report restricted workteams, templates that do not presign, or grant_read_access with explicitly disabled constraints', () => {
    assert.deepEqual(
      diagnostics(TEMPLATE, { files: { 'workteam.json': ENABLED } }).filter((d) => d.code === 'presign-unrestricted-workteam'),
      [],
    );
    assert.deepEqual(
      jsonFlagged('presign-unrestricted-workteam', TEAM, {
        name: 'workteam.json',
        files: { 'task.liquid.html': `${SCRIPT}<crowd-form><p>{{ task.input.text }}</p></crowd-form>` },
      }),
      [],
    );
    assert.deepEqual(
      diagnostics(GRANT, { files: { 'workteam.json': DISABLED } }).filter((d) => d.code === 'presign-unrestricted-workteam'),
      [],
    );
    assert.deepEqual(
      diagnostics(TEMPLATE, { files: { 'update-workteam.json': '{"WorkteamName": "reviewers", "Description": "new"}' } }).filter(
        (d) => d.code === 'presign-unrestricted-workteam',
      ),
      [],
    );
  });
});
