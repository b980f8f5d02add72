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

  it('reports the bucket allow-list, A2I CORS and key policy checks across files, naming the other file', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'gtlint-cross-'));
    try {
      const files: Record<string, unknown> = {
        'teams/workforce.json': {
          WorkforceName: 'wf',
          CognitoConfig: { UserPool: 'us-east-1_AbCdEfGhI', ClientId: 'client' },
          SourceIpConfig: { Cidrs: ['203.0.113.0/24', '198.51.100.0/24'] },
        },
        'policies/bucket.json': {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::a2i-input/*',
              Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
            },
          ],
        },
        'policies/key.json': {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ReviewRole' }, Action: 'kms:Decrypt', Resource: '*' }],
        },
        'flow.json': {
          FlowDefinitionName: 'review',
          RoleArn: 'arn:aws:iam::111122223333:role/ReviewRole',
          OutputConfig: { S3OutputPath: 's3://a2i-output/', KmsKeyId: 'alias/review' },
          HumanLoopConfig: {
            WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/reviewers',
            HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review',
            TaskTitle: 'Review',
            TaskDescription: 'Review the form',
            TaskCount: 1,
          },
        },
        'cors.a2i-input.json': { CORSRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: ['*'] }] },
        'review.input.json': { aiServiceRequest: { document: { s3Object: { bucket: 'a2i-input', name: 's3://a2i-input/forms/1.png' } } } },
      };
      for (const [name, value] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(other, name)), { recursive: true });
        writeFileSync(path.join(other, name), JSON.stringify(value, null, 2));
      }
      writeFileSync(
        path.join(other, 'review.liquid.html'),
        `${SCRIPT}<crowd-form>\n  <crowd-textract-analyze-document src="{{ task.input.aiServiceRequest.document.s3Object.name | grant_read_access }}" header="Review"></crowd-textract-analyze-document>\n</crowd-form>\n`,
      );
      const run = gtlint(other, '.');
      const cross = run.stdout
        .trim()
        .split('\n')
        .filter((line) => / (bucket-ip-allowlist-mismatch|a2i-bucket-missing-cors|kms-policy-missing-actions) /.test(line));
      assert.deepEqual(cross, [
        "policies/bucket.json:11:11 warning bucket-ip-allowlist-mismatch The workforce in teams/workforce.json admits workers from 198.51.100.0/24, outside this aws:SourceIp allow-list: those workers are denied the task data. Add the workforce's CIDR blocks here, or narrow the workforce.",
        'policies/key.json:7:16 error kms-policy-missing-actions The key policy grants role "ReviewRole" (the role of flow.json) no kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey: SageMaker cannot encrypt or read the output with this key as that role. Add them.',
        'review.liquid.html:3:4 warning a2i-bucket-missing-cors This Augmented AI template reads from bucket "a2i-input", whose CORS configuration in cors.a2i-input.json allows no GET from the worker portal: the worker\'s browser cannot load the image. Add a rule with "AllowedMethods": ["GET"] and "AllowedOrigins": ["*"].',
        'teams/workforce.json:10:7 warning bucket-ip-allowlist-mismatch 198.51.100.0/24 is outside the aws:SourceIp allow-list of the bucket policy in policies/bucket.json of bucket "a2i-input": workers from there get tasks whose data is denied to them.',
      ]);
      const related = (JSON.parse(gtlint(other, '--format', 'json', '.').stdout) as { file: string; code: string; related?: { file: string }[] }[])
        .filter((f) => /bucket-ip-allowlist-mismatch|a2i-bucket-missing-cors|kms-policy-missing-actions/.test(f.code))
        .map((f) => [f.file, f.code, f.related?.map((r) => r.file)]);
      assert.deepEqual(related, [
        // The bucket findings name the statement that denies too: its policy file.
        ['policies/bucket.json', 'bucket-ip-allowlist-mismatch', ['teams/workforce.json', 'policies/bucket.json']],
        ['policies/key.json', 'kms-policy-missing-actions', ['flow.json']],
        ['review.liquid.html', 'a2i-bucket-missing-cors', ['cors.a2i-input.json']],
        ['teams/workforce.json', 'bucket-ip-allowlist-mismatch', ['policies/bucket.json', 'policies/bucket.json']],
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('does not report JSON files that are none of ours, even malformed', () => {
    const run = gtlint(folder, 'package.json', 'cors.json');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
  });
});
