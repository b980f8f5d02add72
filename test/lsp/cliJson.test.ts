/**
 * `gtlint` on a folder of templates and JSON together, as CI runs it: JSON findings and
 * cross-file findings (naming the other file, with its location) in the three formats.
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

const TEMPLATE = path.join('templates', 'task.liquid.html');
const WORKTEAM = path.join('teams', 'workteam.json');
const POLICY = path.join('policies', 'no-public-crowd.json');

describe('gtlint CLI on templates and JSON', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'gtlint-json-'));
    for (const dir of ['templates', 'teams', 'policies']) mkdirSync(path.join(folder, dir));
    writeFileSync(
      path.join(folder, TEMPLATE),
      `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`,
    );
    writeFileSync(
      path.join(folder, WORKTEAM),
      '{\n  "WorkteamName": "reviewers",\n  "Description": "Document reviewers",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["reviewers"] } }]\n}\n',
    );
    writeFileSync(
      path.join(folder, POLICY),
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Deny",\n      "Action": "sagemaker:CreateLabelingJob",\n      "Resource": "*",\n      "Condition": { "StringEquals": { "sagemaker:WorkteamType": "public" } }\n    }\n  ]\n}\n',
    );
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "labeling", "private": true, }');
    writeFileSync(path.join(folder, 'cors.json'), '{"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('prints JSON and cross-file findings in text, and exits 1 on an error', () => {
    const run = gtlint(folder, '.');
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      `${POLICY}:8:66 error invalid-workteam-type "public" is not a workteam type: sagemaker:WorkteamType is public-crowd, private-crowd or vendor-crowd.`,
      `${WORKTEAM}:2:3 warning workteam-missing-ip-restriction Workteam "reviewers" has no IP restriction on presigned URLs: they work from any address until they expire. Set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled".`,
      `${WORKTEAM}:2:3 warning presign-unrestricted-workteam Templates presign S3 URLs for this workteam's tasks (templates/task.liquid.html), but it has no IP restriction: the URLs work from any address until they expire. Enable SourceIp (or VpcSourceIp).`,
      `${TEMPLATE}:3:40 warning presign-unrestricted-workteam This template presigns S3 URLs (s3_presign), and workteam "reviewers" in teams/workteam.json has no IP restriction: the URLs work from any address until they expire. Enable SourceIp (or VpcSourceIp) in its WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.`,
    ]);
    assert.equal(run.stderr, '');
  });

  it('writes JSON with the other file of a cross-file finding', () => {
    const run = gtlint(folder, '--format', 'json', '.');
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout);
    const template = findings.find((f: { file: string }) => f.file === TEMPLATE);
    assert.deepEqual(template.related, [{ file: WORKTEAM, line: 2, column: 3, message: "The workteam's access configuration in teams/workteam.json" }]);
    assert.deepEqual(findings[0], {
      file: POLICY,
      line: 8,
      column: 66,
      endLine: 8,
      endColumn: 74,
      severity: 'error',
      code: 'invalid-workteam-type',
      message: '"public" is not a workteam type: sagemaker:WorkteamType is public-crowd, private-crowd or vendor-crowd.',
    });
  });

  it('writes SARIF with related locations, and rules for the JSON and cross-file checks', () => {
    const run = gtlint(folder, '--format=sarif', '.');
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules!;
    assert.deepEqual(
      sarifRun.results!.map((r) => [r.ruleId, rules[r.ruleIndex!].id, r.level, r.locations![0].physicalLocation!.artifactLocation!.uri]),
      [
        ['invalid-workteam-type', 'invalid-workteam-type', 'error', 'policies/no-public-crowd.json'],
        ['workteam-missing-ip-restriction', 'workteam-missing-ip-restriction', 'warning', 'teams/workteam.json'],
        ['presign-unrestricted-workteam', 'presign-unrestricted-workteam', 'warning', 'teams/workteam.json'],
        ['presign-unrestricted-workteam', 'presign-unrestricted-workteam', 'warning', 'templates/task.liquid.html'],
      ],
    );
    const related = sarifRun.results![3].relatedLocations![0];
    assert.equal(related.physicalLocation!.artifactLocation!.uri, 'teams/workteam.json');
    assert.equal(related.physicalLocation!.region!.startLine, 2);
    assert.match(related.message!.text!, /teams\/workteam\.json/);
  });

  it('reads gtTemplates.jsonFiles from .vscode/settings.json', () => {
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      '{ "gtTemplates.jsonFiles": { "policies/**": "none" }, "gtTemplates.checks": { "presign-unrestricted-workteam": "off" } }',
    );
    const run = gtlint(folder, '.');
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[2]),
      ['workteam-missing-ip-restriction'],
    );
    writeFileSync(path.join(folder, '.vscode', 'settings.json'), '{ "gtTemplates.jsonFiles": { "x.json": "Workteem" } }');
    const bad = gtlint(folder, '.');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /gtTemplates\.jsonFiles\["x\.json"\] must be one of CreateWorkteam, UpdateWorkteam/);
  });

  it('does not report JSON files that are none of ours, even malformed', () => {
    const run = gtlint(folder, 'package.json', 'cors.json');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
  });
});
