/**
 * CloudFormation templates through the real server process, in a workspace folder on disk: a
 * YAML template and a CDK-synthesized JSON one get the policy, CORS, endpoint and workteam checks
 * on their own spans, quick fixes in their own syntax, nothing where they import a value, and a
 * worker template is told about the workteam a template creates.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LABELING_YAML_CODES, gtlintFolder } from '../helpers/cloudFormation';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cfn');
const YAML = readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const CDK = readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8');
const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_access }}">\n  <crowd-input name="answer" label="Answer"></crowd-input>\n</crowd-form>\n`;

const has = (code: string) => (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === code);

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), edits);
}

describe('CloudFormation templates over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let root: string;
  let client: LspClient;
  const uri = (name: string) => `${root}/${name}`;
  const seen = (text: string, diagnostics: Diagnostic[]) =>
    diagnostics.map((d) => [String(d.code), TextDocument.create('x', 'yaml', 1, text).getText(d.range)]).sort((a, b) => a.join().localeCompare(b.join()));

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-cfn-lsp-'));
    root = pathToFileURL(folder).href;
    for (const sub of ['infra', 'cdk.out', 'templates']) mkdirSync(path.join(folder, sub));
    writeFileSync(path.join(folder, 'infra', 'labeling.yaml'), YAML);
    writeFileSync(path.join(folder, 'cdk.out', 'LabelingStack.template.json'), CDK);
    writeFileSync(path.join(folder, 'templates', 'task.liquid.html'), TEMPLATE);
    writeFileSync(path.join(folder, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    client = await LspClient.start({ rootUri: root, initializationOptions: { docsBaseUri: 'https://example.test/checks' }, settings: { gtTemplates: {} } });
    await client.logged(/^Workspace indexed: 4 templates and JSON files/);
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('tells a worker template that the workteam a CloudFormation template creates has no IP restriction', async () => {
    client.open(uri('templates/task.liquid.html'), 'html', TEMPLATE);
    const diagnostics = await client.diagnostics(uri('templates/task.liquid.html'), has('presign-unrestricted-workteam'));
    const [finding] = diagnostics.filter((d) => d.code === 'presign-unrestricted-workteam');
    assert.equal(TextDocument.create('x', 'html', 1, TEMPLATE).getText(finding.range), 'grant_read_access');
    assert.match(
      messageText(finding),
      /workteam "labelers" in infra\/labeling\.yaml has no IP restriction.*with UpdateWorkteam \(CloudFormation cannot set it\)/,
    );
    const related = finding.relatedInformation![0];
    assert.equal(related.location.uri, uri('infra/labeling.yaml'));
    assert.equal(TextDocument.create('x', 'yaml', 1, YAML).getText(related.location.range), 'WorkteamName');
  });

  it('reports each check on its span in a YAML template, and the workteam across files', async () => {
    client.open(uri('infra/labeling.yaml'), 'yaml', YAML);
    const diagnostics = await client.diagnostics(uri('infra/labeling.yaml'), has('presign-unrestricted-workteam'));
    assert.deepEqual(seen(YAML, diagnostics), [
      ['cors-missing-get', 'CorsRules'],
      ['interface-endpoint', 'Interface'],
      ['invalid-cidr', '!Ref AllowedCidr'],
      ['invalid-enum-value', '!Ref EffectParam'],
      ['invalid-enum-value', 'allow'],
      ['invalid-workteam-type', 'public_crowd'],
      ['presign-unrestricted-workteam', 'WorkteamName'],
      ['unknown-action', 's3:GetObjekt'],
      ['unknown-property', 'ExposeHeaders'],
      ['workteam-missing-ip-restriction', 'WorkteamName'],
    ]);
    const team = diagnostics.find((d) => d.code === 'workteam-missing-ip-restriction')!;
    assert.match(messageText(team), /AWS::SageMaker::Workteam has no WorkerAccessConfiguration property.*with UpdateWorkteam\.$/);
    assert.equal(team.codeDescription?.href, 'https://example.test/checks/workteam-missing-ip-restriction.md');
  });

  it('fixes in YAML, keeping the style around, and the finding goes away', async () => {
    const diagnostics = client.latestFor(uri('infra/labeling.yaml'))!.diagnostics;
    const cors = diagnostics.find((d) => d.code === 'cors-missing-get')!;
    const [action] = await client.codeActions(uri('infra/labeling.yaml'), cors.range, [cors]);
    assert.equal(action.title, 'Add a rule allowing GET from any origin');
    const fixed = apply(YAML, action.edit!.changes![uri('infra/labeling.yaml')]);
    assert.ok(
      fixed.includes(
        '            ExposeHeaders: [ETag]\n          - AllowedHeaders: []\n            AllowedMethods:\n              - GET\n            AllowedOrigins:\n              - "*"\n            ExposedHeaders:\n              - Access-Control-Allow-Origin\n  InputBucketPolicy:\n',
      ),
      fixed,
    );
    const enumeration = diagnostics.find(
      (d) => d.code === 'invalid-enum-value' && d.range.start.line === YAML.slice(0, YAML.indexOf('Effect: allow')).split('\n').length - 1,
    )!;
    const [change] = await client.codeActions(uri('infra/labeling.yaml'), enumeration.range, [enumeration]);
    // Both fixes at once, as offsets of the text they were given for.
    const both = apply(YAML, [...action.edit!.changes![uri('infra/labeling.yaml')], ...change.edit!.changes![uri('infra/labeling.yaml')]]);
    assert.ok(both.includes('          - Effect: Allow\n'));
    const version = client.change(uri('infra/labeling.yaml'), [{ text: both }]);
    const after = await client.diagnosticsFor(uri('infra/labeling.yaml'), version);
    assert.ok(!after.some((d) => d.code === 'cors-missing-get'));
    assert.deepEqual(
      after.filter((d) => d.code === 'invalid-enum-value').map((d) => TextDocument.create('x', 'yaml', 1, both).getText(d.range)),
      ['!Ref EffectParam'],
    );
  });

  it('reports nothing on a value the template imports', async () => {
    const imported = YAML.replace('aws:SourceIp: !Ref AllowedCidr', 'aws:SourceIp: !ImportValue OfficeCidr')
      .replace('sagemaker:WorkteamType: public_crowd', 'sagemaker:WorkteamType: !ImportValue TeamType')
      .replace('Action: s3:GetObjekt', 'Action: !ImportValue ReadAction');
    const version = client.change(uri('infra/labeling.yaml'), [{ text: imported }]);
    const diagnostics = await client.diagnosticsFor(uri('infra/labeling.yaml'), version);
    for (const code of ['invalid-cidr', 'invalid-workteam-type', 'unknown-action']) assert.ok(!diagnostics.some((d) => d.code === code), code);
    assert.ok(diagnostics.some((d) => d.code === 'cors-missing-get'));
  });

  it("reads the policies of a streaming job's SNS topics and SQS queues", async () => {
    const policy = (type: string, action: string) =>
      `  ${type.split('::')[1]}Policy:\n    Type: AWS::${type}Policy\n    Properties:\n      ${type === 'SNS::Topic' ? 'Topics' : 'Queues'}: [!Ref Resource]\n` +
      `      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: { Service: sagemaker.amazonaws.com }\n` +
      `            Action: ${action}\n            Resource: "*"\n`;
    const stack = (publish: string, send: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${policy('SNS::Topic', publish)}${policy('SQS::Queue', send)}`;
    const streaming = uri('infra/streaming.yaml');
    const text = stack('sns:Publsh', 'sqs:SendMesage');
    client.open(streaming, 'yaml', text);
    const diagnostics = await client.diagnostics(streaming, has('unknown-action'));
    assert.deepEqual(
      seen(text, diagnostics).filter(([code]) => code === 'unknown-action'),
      [
        ['unknown-action', 'sns:Publsh'],
        ['unknown-action', 'sqs:SendMesage'],
      ],
    );
    const fixed = stack('sns:Publish', 'sqs:SendMessage');
    const version = client.change(streaming, [{ text: fixed }]);
    assert.deepEqual(seen(fixed, await client.diagnosticsFor(streaming, version)), []);
    client.close(streaming);
  });

  it('keeps every finding on its span while keys are typed into one resource, the stack broken and mended on the way', async () => {
    // Each key re-reads only the resource it lands in (`yamlReuse.ts`); the findings of the
    // resources after it move with the text, and a line typed half-way breaks the YAML for a while.
    let text = YAML;
    let version = client.change(uri('infra/labeling.yaml'), [{ text }]);
    const expected = seen(text, await client.diagnosticsFor(uri('infra/labeling.yaml'), version));
    assert.ok(expected.length >= 8, JSON.stringify(expected));
    // At the end of the first resource's last line: every state on the way reads as the stack with a note, or not at all.
    const at = YAML.indexOf('\n', YAML.indexOf('ExposeHeaders: [ETag]'));
    const typed = '\n    Metadata:\n      Note: "typed [here]"';
    const broken: string[] = [];
    for (let i = 0; i < typed.length; i += 3) {
      const piece = typed.slice(i, i + 3);
      const position = TextDocument.create('x', 'yaml', 1, text).positionAt(at + i);
      text = text.slice(0, at + i) + piece + text.slice(at + i);
      version = client.change(uri('infra/labeling.yaml'), [{ range: { start: position, end: position }, text: piece }]);
      const diagnostics = await client.diagnosticsFor(uri('infra/labeling.yaml'), version);
      if (diagnostics.some((d) => d.code === 'yaml-syntax')) broken.push(piece);
      else assert.deepEqual(seen(text, diagnostics), expected, `after ${JSON.stringify(text.slice(at, at + i + 3))}`);
    }
    assert.ok(broken.length > 0, 'the YAML was broken on the way');
    assert.equal(text, YAML.slice(0, at) + typed + YAML.slice(at));
    assert.deepEqual(seen(text, client.latestFor(uri('infra/labeling.yaml'))!.diagnostics), expected);
  });

  it('reports on a CDK-synthesized template and fixes it in JSON', async () => {
    client.open(uri('cdk.out/LabelingStack.template.json'), 'json', CDK);
    const diagnostics = await client.diagnostics(uri('cdk.out/LabelingStack.template.json'), has('interface-endpoint'));
    assert.deepEqual(seen(CDK, diagnostics), [
      ['condition-operator-mismatch', '"StringNotEquals"'],
      ['cors-missing-get', '"CorsRules"'],
      ['interface-endpoint', '"Interface"'],
    ]);
    const mismatch = diagnostics.find((d) => d.code === 'condition-operator-mismatch')!;
    const [action] = await client.codeActions(uri('cdk.out/LabelingStack.template.json'), mismatch.range, [mismatch]);
    const fixed = apply(CDK, action.edit!.changes![uri('cdk.out/LabelingStack.template.json')]);
    assert.equal(fixed, CDK.replace('"StringNotEquals": {\n         "aws:SourceIp"', '"NotIpAddress": {\n         "aws:SourceIp"'));
  });

  it('is read by gtlint too, cross-file findings included', () => {
    const run = gtlintFolder(folder);
    const of = run.codesOf;
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.deepEqual(of('infra/labeling.yaml'), LABELING_YAML_CODES);
    assert.deepEqual(of('cdk.out/LabelingStack.template.json'), ['condition-operator-mismatch', 'cors-missing-get', 'interface-endpoint']);
    assert.deepEqual(of('templates/task.liquid.html'), ['presign-unrestricted-workteam']);
    assert.deepEqual(of('docker-compose.yml'), []);
  });

  it('leaves other YAML alone', async () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    client.open(uri('docker-compose.yml'), 'yaml', text);
    assert.deepEqual(await client.diagnostics(uri('docker-compose.yml')), []);
  });
});
