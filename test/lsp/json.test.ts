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
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
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
    // Too deep to read, so not recognised as a policy: left alone, and every request on it is answered.
    const deep = `{"Statement": ${'['.repeat(100_000)}`;
    client.open(uri('deep.json'), 'json', deep);
    assert.deepEqual(await client.diagnostics(uri('deep.json')), []);
    assert.deepEqual(await client.completion(uri('deep.json'), { line: 0, character: 5 }), []);
    assert.deepEqual(await client.completion(uri('deep.json'), { line: 0, character: deep.length }), []);
    assert.equal(await client.hover(uri('deep.json'), { line: 0, character: 5 }), null);
    // The server is still whole: the next edit of another file is checked, and completion there is right.
    const version = client.change(uri('workforce.json'), [{ text: broken.replace('/33', '/24') }]);
    assert.deepEqual(
      (await client.diagnosticsFor(uri('workforce.json'), version)).map((d) => d.code),
      ['json-syntax', 'json-syntax'],
    );
    const text = '{\n  "WorkteamName": "t",\n  "WorkerAccessConfiguration": { "S3Presign": { "IamPolicyConstraints": { "SourceIp":  } } }\n}';
    client.open(uri('teams/after-deep.json'), 'json', text);
    const character = text.split('\n')[2].indexOf('"SourceIp": ') + '"SourceIp": '.length;
    assert.deepEqual((await client.completion(uri('teams/after-deep.json'), { line: 2, character })).map((i) => i.label).sort(), ['"Disabled"', '"Enabled"']);
  });

  it('says so when a file set in gtTemplates.jsonFiles is nested too deeply to read', async () => {
    client.setSettings({ gtTemplates: { jsonFiles: { 'deep.json': 'Policy' } } });
    const [diagnostic] = await client.diagnostics(uri('deep.json'), has('json-syntax'));
    assert.equal(messageText(diagnostic), 'The JSON is nested too deeply to read.');
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    client.setSettings({ gtTemplates: {} });
    await client.diagnostics(uri('deep.json'), lacks('json-syntax'));
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

  it('keeps out the files of a folder removed while it was still being indexed', async () => {
    const third = mkdtempSync(path.join(tmpdir(), 'gt-folders-c-'));
    try {
      mkdirSync(path.join(third, 'teams'));
      // Enough files that listing and reading them takes several turns of the server's event loop.
      for (let i = 0; i < 60; i++) writeFileSync(path.join(third, 'teams', `team-${i}.json`), WORKTEAM.replace('"reviewers"', `"reviewers-${i}"`));
      const root = pathToFileURL(third).href;
      const indexed = () => client.logs.filter((l) => /Workspace indexed/.test(l)).length;
      const before = indexed();
      // Added, then removed before the index of the addition is through.
      client.changeFolders([root], []);
      client.changeFolders([], [root]);
      for (const start = Date.now(); indexed() < before + 2;) {
        assert.ok(Date.now() - start < 15_000, `the server logged ${indexed() - before} indexes of 2`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // A template that presigns, beside the removed folder's workteams: none of them may still answer for it.
      const template = `${root}/task.liquid.html`;
      client.open(template, 'html', TEMPLATE);
      assert.deepEqual(await client.diagnostics(template), []);
    } finally {
      rmSync(third, { recursive: true, force: true });
    }
  });
});

/** A workspace folder on disk with its own server: the cross-file checks below must not see each other's files. */
async function workspaceOnDisk(files: Record<string, string>) {
  const folder = mkdtempSync(path.join(tmpdir(), 'gt-cross-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  const root = pathToFileURL(folder).href;
  const client = await LspClient.start({ rootUri: root, settings: { gtTemplates: {} } });
  await client.logged(/^Workspace indexed/);
  return {
    client,
    uri: (name: string) => `${root}/${name}`,
    write(name: string, text: string, type: 1 | 2) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
      client.filesChanged([{ uri: `${root}/${name}`, type }]);
    },
    remove(name: string) {
      rmSync(path.join(folder, name));
      client.filesChanged([{ uri: `${root}/${name}`, type: 3 }]);
    },
    async dispose() {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The text a range covers in a file's text. */
const textAt = (text: string, range: Range) => TextDocument.create('x', 'json', 1, text).getText(range);

interface Expected {
  /** The text of the document the finding is on. */
  text: string;
  highlighted: string;
  message: RegExp;
  /** The other file: its uri, its text, and what the related location points at in it. */
  other: { uri: string; text: string; highlighted: string };
  /** The statement that decides, when the finding names one. */
  deciding?: { uri: string; text: string; highlighted: string };
}

function assertCrossFile(diagnostics: Diagnostic[], code: string, expected: Expected): Diagnostic {
  const findings = diagnostics.filter((d) => d.code === code);
  assert.equal(findings.length, 1, `one ${code}: ${JSON.stringify(diagnostics.map(messageText))}`);
  const [finding] = findings;
  assert.equal(textAt(expected.text, finding.range), expected.highlighted);
  assert.match(messageText(finding), expected.message);
  assert.equal(finding.relatedInformation?.length, expected.deciding ? 2 : 1);
  const [related, deciding] = finding.relatedInformation!;
  assert.equal(related.location.uri, expected.other.uri);
  assert.equal(textAt(expected.other.text, related.location.range), expected.other.highlighted);
  if (expected.deciding) {
    assert.equal(deciding.location.uri, expected.deciding.uri);
    assert.equal(textAt(expected.deciding.text, deciding.location.range), expected.deciding.highlighted);
  }
  return finding;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const COGNITO = { UserPool: 'us-east-1_AbCdEfGhI', ClientId: '1example23456789abcdefghij' };

describe('the other cross-file checks over LSP, with files open and only on disk', function () {
  this.timeout(60_000);

  describe('bucket-ip-allowlist-mismatch', () => {
    const WORKFORCE = json({ WorkforceName: 'review-workforce', CognitoConfig: COGNITO, SourceIpConfig: { Cidrs: ['203.0.113.0/24', '198.51.100.0/24'] } });
    const POLICY = json({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyReadsFromOutsideTheOffice',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::review-bucket/*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        },
      ],
    });
    let ws: Awaited<ReturnType<typeof workspaceOnDisk>>;
    before(async () => (ws = await workspaceOnDisk({ 'teams/workforce.json': WORKFORCE, 'policies/review-bucket.json': POLICY })));
    after(() => ws.dispose());

    it('reports on the open bucket policy the workforce block it leaves out, from the workforce on disk', async () => {
      ws.client.open(ws.uri('policies/review-bucket.json'), 'json', POLICY);
      const diagnostics = await ws.client.diagnostics(ws.uri('policies/review-bucket.json'), has('bucket-ip-allowlist-mismatch'));
      assertCrossFile(diagnostics, 'bucket-ip-allowlist-mismatch', {
        text: POLICY,
        highlighted: '"aws:SourceIp"',
        message: /^The workforce in teams\/workforce\.json admits workers from 198\.51\.100\.0\/24, outside this aws:SourceIp allow-list/,
        other: { uri: ws.uri('teams/workforce.json'), text: WORKFORCE, highlighted: '"198.51.100.0/24"' },
        deciding: { uri: ws.uri('policies/review-bucket.json'), text: POLICY, highlighted: '"DenyReadsFromOutsideTheOffice"' },
      });
    });

    it('reports on the open workforce the block, naming the bucket policy, once the policy is closed', async () => {
      ws.client.close(ws.uri('policies/review-bucket.json'));
      ws.client.open(ws.uri('teams/workforce.json'), 'json', WORKFORCE);
      const diagnostics = await ws.client.diagnostics(ws.uri('teams/workforce.json'), has('bucket-ip-allowlist-mismatch'));
      assertCrossFile(diagnostics, 'bucket-ip-allowlist-mismatch', {
        text: WORKFORCE,
        highlighted: '"198.51.100.0/24"',
        message: /^198\.51\.100\.0\/24 is outside the aws:SourceIp allow-list of the bucket policy in policies\/review-bucket\.json of bucket "review-bucket"/,
        other: { uri: ws.uri('policies/review-bucket.json'), text: POLICY, highlighted: '"aws:SourceIp"' },
        deciding: { uri: ws.uri('policies/review-bucket.json'), text: POLICY, highlighted: '"DenyReadsFromOutsideTheOffice"' },
      });
    });

    it('drops the finding when the policy on disk admits the block', async () => {
      ws.write('policies/review-bucket.json', POLICY.replace('"203.0.113.0/24"', '"203.0.113.0/24",\n            "198.51.100.0/24"'), 2);
      await ws.client.diagnostics(ws.uri('teams/workforce.json'), lacks('bucket-ip-allowlist-mismatch'));
    });
  });

  describe('a2i-bucket-missing-cors', () => {
    const TEMPLATE = `${SCRIPT}<crowd-form>\n  <crowd-textract-analyze-document\n    src="{{ task.input.aiServiceRequest.document.s3Object.name | grant_read_access }}"\n    initial-value="{{ task.input.selectedAiServiceResponse.blocks }}"\n    header="Review the key-value pairs"\n  ></crowd-textract-analyze-document>\n</crowd-form>\n`;
    const SAMPLE = json({ aiServiceRequest: { document: { s3Object: { bucket: 'a2i-input', name: 's3://a2i-input/forms/1.png' } } } });
    const CORS = (methods: string[]) => json({ Bucket: 'a2i-input', CORSConfiguration: { CORSRules: [{ AllowedMethods: methods, AllowedOrigins: ['*'] }] } });
    let ws: Awaited<ReturnType<typeof workspaceOnDisk>>;
    before(
      async () => (ws = await workspaceOnDisk({ 'review/forms.liquid.html': TEMPLATE, 'review/forms.input.json': SAMPLE, 's3/cors.json': CORS(['PUT']) })),
    );
    after(() => ws.dispose());

    it('reports on the open A2I template the CORS configuration on disk of the bucket its sample input names', async () => {
      ws.client.open(ws.uri('review/forms.liquid.html'), 'html', TEMPLATE);
      const diagnostics = await ws.client.diagnostics(ws.uri('review/forms.liquid.html'), has('a2i-bucket-missing-cors'));
      assertCrossFile(diagnostics, 'a2i-bucket-missing-cors', {
        text: TEMPLATE,
        highlighted: 'crowd-textract-analyze-document',
        message: /^This Augmented AI template reads from bucket "a2i-input", whose CORS configuration in s3\/cors\.json allows no GET from the worker portal/,
        other: { uri: ws.uri('s3/cors.json'), text: CORS(['PUT']), highlighted: '"CORSRules"' },
      });
    });

    it('drops the finding when the CORS configuration on disk allows GET', async () => {
      ws.write('s3/cors.json', CORS(['GET', 'PUT']), 2);
      await ws.client.diagnostics(ws.uri('review/forms.liquid.html'), lacks('a2i-bucket-missing-cors'));
    });
  });

  describe('kms-policy-missing-actions', () => {
    const FLOW_WITH_KEY = json({
      FlowDefinitionName: 'review',
      RoleArn: 'arn:aws:iam::111122223333:role/A2IReviewRole',
      HumanLoopConfig: JSON.parse(FLOW).HumanLoopConfig,
      OutputConfig: { S3OutputPath: 's3://example-a2i-output/review/', KmsKeyId: 'alias/a2i-output' },
    });
    const KEY_POLICY = json({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReviewOutput',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/A2IReviewRole' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
        },
      ],
    });
    let ws: Awaited<ReturnType<typeof workspaceOnDisk>>;
    before(async () => (ws = await workspaceOnDisk({ 'flows/review.json': FLOW_WITH_KEY, 'kms/key-policy.json': KEY_POLICY })));
    after(() => ws.dispose());

    it('reports on the open key policy the flow definition on disk that encrypts with the key, and the fix grants what is missing', async () => {
      ws.client.open(ws.uri('kms/key-policy.json'), 'json', KEY_POLICY);
      const diagnostics = await ws.client.diagnostics(ws.uri('kms/key-policy.json'), has('kms-policy-missing-actions'));
      const finding = assertCrossFile(diagnostics, 'kms-policy-missing-actions', {
        text: KEY_POLICY,
        highlighted: '"arn:aws:iam::111122223333:role/A2IReviewRole"',
        message:
          /^The key policy grants role "A2IReviewRole" \(the role of flows\/review\.json\) no kms:Encrypt, kms:ReEncrypt\*, kms:GenerateDataKey\*, kms:DescribeKey/,
        other: { uri: ws.uri('flows/review.json'), text: FLOW_WITH_KEY, highlighted: '"alias/a2i-output"' },
      });
      const [fix] = await ws.client.codeActions(ws.uri('kms/key-policy.json'), finding.range, [finding]);
      const fixed = TextDocument.applyEdits(TextDocument.create('x', 'json', 1, KEY_POLICY), fix.edit!.changes![ws.uri('kms/key-policy.json')] as TextEdit[]);
      assert.deepEqual(JSON.parse(fixed).Statement[0].Action, [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:Encrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ]);
      const version = ws.client.change(ws.uri('kms/key-policy.json'), [{ text: fixed }]);
      assert.deepEqual(
        (await ws.client.diagnosticsFor(ws.uri('kms/key-policy.json'), version)).filter((d) => d.code === 'kms-policy-missing-actions'),
        [],
      );
    });

    it('does not report once the flow definition on disk no longer encrypts its output', async () => {
      ws.client.change(ws.uri('kms/key-policy.json'), [{ text: KEY_POLICY }]);
      await ws.client.diagnostics(ws.uri('kms/key-policy.json'), has('kms-policy-missing-actions'));
      ws.write('flows/review.json', FLOW_WITH_KEY.replace(',\n    "KmsKeyId": "alias/a2i-output"', ''), 2);
      await ws.client.diagnostics(ws.uri('kms/key-policy.json'), lacks('kms-policy-missing-actions'));
    });
  });

  describe('source-ip-with-vpc-portal', () => {
    const WORKTEAM_SOURCE_IP = json({
      WorkteamName: 'reviewers',
      WorkforceName: 'vpc-portal',
      Description: 'Document reviewers',
      MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, UserGroup: 'reviewers' } }],
      WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } },
    });
    const VPC = { VpcId: 'vpc-0a1b2c3d4e5f67890', SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] };
    const WORKFORCE_VPC = json({ WorkforceName: 'vpc-portal', CognitoConfig: COGNITO, WorkforceVpcConfig: VPC });
    let ws: Awaited<ReturnType<typeof workspaceOnDisk>>;
    before(async () => (ws = await workspaceOnDisk({ 'teams/workteam.json': WORKTEAM_SOURCE_IP, 'workforce.json': WORKFORCE_VPC })));
    after(() => ws.dispose());

    it('reports on the open workteam the VPC portal of its workforce on disk, and the fix switches to VpcSourceIp', async () => {
      ws.client.open(ws.uri('teams/workteam.json'), 'json', WORKTEAM_SOURCE_IP);
      const diagnostics = await ws.client.diagnostics(ws.uri('teams/workteam.json'), has('source-ip-with-vpc-portal'));
      const finding = assertCrossFile(diagnostics, 'source-ip-with-vpc-portal', {
        text: WORKTEAM_SOURCE_IP,
        highlighted: '"Enabled"',
        message: /^The workforce "vpc-portal" in workforce\.json has its worker portal in a VPC, where source-IP restriction is not supported/,
        other: { uri: ws.uri('workforce.json'), text: WORKFORCE_VPC, highlighted: '"WorkforceVpcConfig"' },
      });
      const actions = await ws.client.codeActions(ws.uri('teams/workteam.json'), finding.range, [finding]);
      const fix = actions.find((a) => a.title === 'Use VpcSourceIp instead of SourceIp')!;
      const fixed = TextDocument.applyEdits(
        TextDocument.create('x', 'json', 1, WORKTEAM_SOURCE_IP),
        fix.edit!.changes![ws.uri('teams/workteam.json')] as TextEdit[],
      );
      assert.equal(fixed, WORKTEAM_SOURCE_IP.replace('"SourceIp": "Enabled"', '"VpcSourceIp": "Enabled"'));
      const version = ws.client.change(ws.uri('teams/workteam.json'), [{ text: fixed }]);
      assert.deepEqual(
        (await ws.client.diagnosticsFor(ws.uri('teams/workteam.json'), version)).map((d) => d.code),
        [],
      );
    });

    it('follows the workforce on disk: a portal that leaves the VPC ends the finding', async () => {
      ws.client.change(ws.uri('teams/workteam.json'), [{ text: WORKTEAM_SOURCE_IP }]);
      await ws.client.diagnostics(ws.uri('teams/workteam.json'), has('source-ip-with-vpc-portal'));
      ws.write('workforce.json', json({ WorkforceName: 'vpc-portal', CognitoConfig: COGNITO, SourceIpConfig: { Cidrs: ['203.0.113.0/24'] } }), 2);
      await ws.client.diagnostics(ws.uri('teams/workteam.json'), lacks('source-ip-with-vpc-portal'));
    });
  });

  describe('source-vpc-blocks-workers', () => {
    const POLICY = json({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyReadsFromOutsideTheVpc',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::labeling-bucket/*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } },
        },
      ],
    });
    const WORKTEAM_VPC = json({
      WorkteamName: 'reviewers',
      Description: 'Document reviewers',
      MemberDefinitions: [{ OidcMemberDefinition: { Groups: ['reviewers'] } }],
      WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { VpcSourceIp: 'Enabled' } } },
    });
    let ws: Awaited<ReturnType<typeof workspaceOnDisk>>;
    before(async () => (ws = await workspaceOnDisk({ 'policies/labeling-bucket.json': POLICY })));
    after(() => ws.dispose());

    it('reports the VPC-only Deny of the open bucket policy, at its condition key', async () => {
      ws.client.open(ws.uri('policies/labeling-bucket.json'), 'json', POLICY);
      const diagnostics = await ws.client.diagnostics(ws.uri('policies/labeling-bucket.json'), has('source-vpc-blocks-workers'));
      const [finding] = diagnostics.filter((d) => d.code === 'source-vpc-blocks-workers');
      assert.equal(textAt(POLICY, finding.range), '"aws:SourceVpce"');
      assert.match(
        messageText(finding),
        /^This Deny refuses S3 reads that do not come through the VPC \(aws:SourceVpce\): workers open presigned URLs from their own networks/,
      );
    });

    it('goes quiet while a workteam on disk sends workers through the VPC (VpcSourceIp), and comes back when it is deleted', async () => {
      ws.write('teams/workteam.json', WORKTEAM_VPC, 1);
      await ws.client.diagnostics(ws.uri('policies/labeling-bucket.json'), lacks('source-vpc-blocks-workers'));
      ws.remove('teams/workteam.json');
      await ws.client.diagnostics(ws.uri('policies/labeling-bucket.json'), has('source-vpc-blocks-workers'));
    });
  });
});
