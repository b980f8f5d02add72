/**
 * JSON files and cross-file findings through the real server process, in a workspace folder on
 * disk: files the editor has not opened are found by the server's own index, findings are
 * published on both sides with related information, and they follow edits and file events.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | s3_presign }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;
const WORKTEAM =
  '{\n  "WorkteamName": "reviewers",\n  "Description": "Document reviewers",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["reviewers"] } }]\n}\n';
const FLOW = JSON.stringify(
  {
    FlowDefinitionName: 'review',
    OutputConfig: { S3OutputPath: 's3://example-a2i-output/review/' },
    RoleArn: 'arn:aws:iam::111122223333:role/A2IReviewRole',
    HumanLoopConfig: {
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/reviewers',
      HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review-ui',
      TaskTitle: 'Review',
      TaskDescription: 'Review the document',
      TaskCount: 1,
    },
  },
  null,
  2,
);
const LAMBDA_TRUST = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  null,
  2,
);

const has = (code: string) => (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (p: { diagnostics: Diagnostic[] }) => !p.diagnostics.some((d) => d.code === code);

describe('JSON and cross-file findings over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let root: string;
  let client: LspClient;
  const uri = (name: string) => `${root}/${name}`;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-json-lsp-'));
    root = pathToFileURL(folder).href;
    mkdirSync(path.join(folder, 'teams'));
    mkdirSync(path.join(folder, 'templates'));
    mkdirSync(path.join(folder, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(folder, 'teams', 'workteam.json'), WORKTEAM);
    writeFileSync(path.join(folder, 'templates', 'review.liquid.html'), TEMPLATE);
    writeFileSync(path.join(folder, 'templates', 'second.liquid.html'), TEMPLATE.replace('s3_presign', 'grant_read_access'));
    writeFileSync(path.join(folder, 'flow.json'), FLOW);
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "labeling", "private": true }');
    writeFileSync(path.join(folder, 'node_modules', 'pkg', 'workteam.json'), WORKTEAM);
    client = await LspClient.start({ rootUri: root, initializationOptions: { docsBaseUri: 'https://example.test/checks' }, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports on a template the workteam the server found on disk, naming it, with related information', async () => {
    client.open(uri('templates/review.liquid.html'), 'html', TEMPLATE);
    await client.logged(/^Workspace indexed: 5 templates and JSON files/);
    const diagnostics = await client.diagnostics(uri('templates/review.liquid.html'), has('presign-unrestricted-workteam'));
    const findings = diagnostics.filter((d) => d.code === 'presign-unrestricted-workteam');
    // One workteam: the copy under node_modules is not part of the workspace's configuration.
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(TextDocument.create('x', 'html', 1, TEMPLATE).getText(finding.range), 's3_presign');
    assert.match(messageText(finding), /workteam "reviewers" in teams\/workteam\.json has no IP restriction/);
    assert.equal(finding.relatedInformation?.[0].location.uri, uri('teams/workteam.json'));
    assert.equal(finding.codeDescription?.href, 'https://example.test/checks/presign-unrestricted-workteam.md');
  });

  it('reports on the workteam the templates, open or only on disk', async () => {
    client.open(uri('teams/workteam.json'), 'json', WORKTEAM);
    const diagnostics = await client.diagnostics(
      uri('teams/workteam.json'),
      (p) => has('presign-unrestricted-workteam')(p) && has('workteam-missing-ip-restriction')(p),
    );
    const finding = diagnostics.find((d) => d.code === 'presign-unrestricted-workteam')!;
    assert.match(messageText(finding), /\(templates\/review\.liquid\.html and 1 more\)/);
    assert.deepEqual(finding.relatedInformation!.map((r) => r.location.uri).sort(), [uri('templates/review.liquid.html'), uri('templates/second.liquid.html')]);
  });

  it("applies the workteam fix, and the template's finding goes once the workteam changes", async () => {
    const diagnostics = await client.diagnostics(uri('teams/workteam.json'));
    const diagnostic = diagnostics.find((d) => d.code === 'workteam-missing-ip-restriction')!;
    const actions = await client.codeActions(uri('teams/workteam.json'), diagnostic.range, [diagnostic]);
    const fix = actions.find((a) => a.title.includes('SourceIp: Enabled'))!;
    const edits = fix.edit!.changes![uri('teams/workteam.json')] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create('x', 'json', 1, WORKTEAM), edits);
    assert.equal(
      fixed,
      '{\n  "WorkteamName": "reviewers",\n  "Description": "Document reviewers",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["reviewers"] } }],\n  "WorkerAccessConfiguration": {\n    "S3Presign": {\n      "IamPolicyConstraints": {\n        "SourceIp": "Enabled"\n      }\n    }\n  }\n}\n',
    );
    const version = client.change(uri('teams/workteam.json'), [{ text: fixed }]);
    assert.deepEqual(
      (await client.diagnosticsFor(uri('teams/workteam.json'), version)).map((d) => d.code),
      [],
    );
    await client.diagnostics(uri('templates/review.liquid.html'), lacks('presign-unrestricted-workteam'));
  });

  it('follows files created on disk: a trust policy that does not trust SageMaker', async () => {
    client.open(uri('flow.json'), 'json', FLOW);
    assert.deepEqual(
      (await client.diagnostics(uri('flow.json'))).map((d) => d.code),
      [],
    );
    writeFileSync(path.join(folder, 'A2IReviewRole-trust.json'), LAMBDA_TRUST);
    client.filesChanged([{ uri: uri('A2IReviewRole-trust.json'), type: 1 }]);
    const diagnostics = await client.diagnostics(uri('flow.json'), has('trust-policy-missing-sagemaker'));
    const finding = diagnostics.find((d) => d.code === 'trust-policy-missing-sagemaker')!;
    assert.match(messageText(finding), /in A2IReviewRole-trust\.json does not let sagemaker\.amazonaws\.com assume it/);
    assert.equal(finding.relatedInformation?.[0].location.uri, uri('A2IReviewRole-trust.json'));
    const actions = await client.codeActions(uri('flow.json'), finding.range, [finding]);
    const edits = actions[0].edit!.changes![uri('A2IReviewRole-trust.json')] as TextEdit[];
    assert.match(TextDocument.applyEdits(TextDocument.create('x', 'json', 1, LAMBDA_TRUST), edits), /"Service": "sagemaker\.amazonaws\.com"/);
  });

  it('keeps a closed file in the index, read back from disk', async () => {
    client.close(uri('teams/workteam.json'));
    // On disk the workteam still has no restriction: closing the edited buffer brings the finding back.
    await client.diagnostics(uri('templates/review.liquid.html'), has('presign-unrestricted-workteam'));
  });

  it('completes and explains JSON over the protocol, and leaves other JSON alone', async () => {
    const text =
      '{\n  "WorkteamName": "t",\n  "WorkerAccessConfiguration": { "S3Presign": { "IamPolicyConstraints": { "SourceIp": "Enabled", "VpcSourceIp":  } } }\n}';
    client.open(uri('teams/update-workteam.json'), 'json', text);
    const line = text.split('\n')[2];
    const character = line.indexOf('"VpcSourceIp": ') + '"VpcSourceIp": '.length;
    const items = await client.completion(uri('teams/update-workteam.json'), { line: 2, character });
    assert.deepEqual(items.map((i) => i.label).sort(), ['"Disabled"', '"Enabled"']);
    const hover = await client.hover(uri('teams/update-workteam.json'), { line: 2, character: line.indexOf('SourceIp') + 2 });
    assert.match((hover!.contents as { value: string }).value, /split-tunnel VPN/);
    client.open(uri('package.json'), 'json', '{ "name": "labeling", "private": true }');
    assert.deepEqual(await client.completion(uri('package.json'), { line: 0, character: 2 }), []);
    assert.deepEqual(await client.diagnostics(uri('package.json')), []);
  });

  it('publishes JSON syntax errors without hiding the other findings, and survives hostile JSON', async () => {
    const broken = '{\n  "WorkforceName": "wf"\n  "SourceIpConfig": { "Cidrs": ["203.0.113.0/33"] },\n}';
    client.open(uri('workforce.json'), 'json', broken);
    const diagnostics = await client.diagnostics(uri('workforce.json'), has('invalid-cidr'));
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['invalid-cidr', 'json-syntax', 'json-syntax']);
    client.open(uri('deep.json'), 'json', `{"Statement": ${'['.repeat(100_000)}`);
    await client.diagnostics(uri('deep.json'));
    const items = await client.completion(uri('deep.json'), { line: 0, character: 5 });
    assert.ok(Array.isArray(items));
  });
});

describe('workspace folders added and removed while the server runs', function () {
  this.timeout(60_000);
  let first: string;
  let second: string;
  let client: LspClient;

  before(async () => {
    first = mkdtempSync(path.join(tmpdir(), 'gt-folders-a-'));
    second = mkdtempSync(path.join(tmpdir(), 'gt-folders-b-'));
    mkdirSync(path.join(second, 'teams'));
    writeFileSync(path.join(second, 'teams', 'workteam.json'), WORKTEAM);
    client = await LspClient.start({ rootUri: pathToFileURL(first).href, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  it('indexes an added folder, and forgets it when it is removed', async () => {
    const root = pathToFileURL(second).href;
    const template = `${root}/review.liquid.html`;
    client.open(template, 'html', TEMPLATE);
    assert.deepEqual(await client.diagnostics(template), []);
    client.changeFolders([root], []);
    await client.diagnostics(template, has('presign-unrestricted-workteam'));
    client.changeFolders([], [root]);
    await client.diagnostics(template, lacks('presign-unrestricted-workteam'));
  });
});
