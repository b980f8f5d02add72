/**
 * Policies against AWS's condition keys and resource types, through the bundled server and the
 * reference data the build copied beside it: each diagnostic with what it highlights and the
 * document after its fix, completion inside a `Condition`, hover on a key.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';
import { CURSOR, messageText } from '../helpers/service';

const STATEMENT = (action: string, resource: string, condition?: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Deny",\n      "Principal": "*",\n      "Action": ${action},\n      "Resource": ${resource}${
    condition ? `,\n      "Condition": ${condition}` : ''
  }\n    }\n  ]\n}\n`;

describe('IAM condition keys and resources over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;
  let opened = 0;
  const uri = (name: string) => `${pathToFileURL(folder).href}/${name}`;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-iam-conditions-lsp-'));
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Opens a policy and waits for its first non-empty diagnostics; the cursor marker, if any, is taken out. */
  async function open(textWithCursor: string) {
    const name = `policy-${++opened}.json`;
    const text = textWithCursor.replace(CURSOR, '');
    client.open(uri(name), 'json', text);
    const document = TextDocument.create(uri(name), 'json', 1, text);
    const at = textWithCursor.indexOf(CURSOR);
    return { name, text, document, position: at >= 0 ? document.positionAt(at) : undefined };
  }

  async function diagnosticOf(text: string, code: string): Promise<{ diagnostic: Diagnostic; document: TextDocument; name: string }> {
    const { name, document } = await open(text);
    const diagnostics = await client.diagnostics(uri(name), (p) => p.diagnostics.length > 0);
    const diagnostic = diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `no ${code} among ${diagnostics.map((d) => d.code).join(', ')}`);
    return { diagnostic, document, name };
  }

  async function fixed(name: string, document: TextDocument, diagnostic: Diagnostic, title: string): Promise<string> {
    const actions = await client.codeActions(uri(name), diagnostic.range, [diagnostic]);
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    return TextDocument.applyEdits(document, fix.edit!.changes![uri(name)] as TextEdit[]);
  }

  it('reports a misspelt condition key and fixes it to the key the action supports', async () => {
    const text = STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', '{ "StringEquals": { "s3:ExistingObjectTags/Project": "blue" } }');
    const { diagnostic, document, name } = await diagnosticOf(text, 'unknown-condition-key');
    assert.equal(document.getText(diagnostic.range), '"s3:ExistingObjectTags/Project"');
    assert.equal(messageText(diagnostic), 's3:ExistingObjectTags/Project is not a condition key of Amazon S3 (s3); did you mean s3:ExistingObjectTag/Project?');
    assert.equal(
      await fixed(name, document, diagnostic, 'Change to s3:ExistingObjectTag/Project'),
      STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', '{ "StringEquals": { "s3:ExistingObjectTag/Project": "blue" } }'),
    );
  });

  it("reports another service's key on an S3 action: the Deny never applies", async () => {
    const text = STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', '{ "StringEquals": { "sagemaker:WorkteamType": "public-crowd" } }');
    const { diagnostic, document } = await diagnosticOf(text, 'unknown-condition-key');
    assert.equal(document.getText(diagnostic.range), '"sagemaker:WorkteamType"');
    assert.match(messageText(diagnostic), /never carry it, so this condition never holds: this Deny never applies\.$/);
  });

  it("reports a key of the service that the statement's action does not support", async () => {
    const text = STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', '{ "StringLike": { "s3:prefix": "home/*" } }');
    const { diagnostic, document } = await diagnosticOf(text, 'unsupported-condition-key');
    assert.equal(document.getText(diagnostic.range), '"s3:prefix"');
    assert.equal(diagnostic.severity, 2);
  });

  it('reports an operator that does not suit the key, and fixes it to the one that does', async () => {
    const text = STATEMENT('"s3:ListBucket"', '"arn:aws:s3:::example-gt-input"', '{ "StringEquals": { "s3:max-keys": "10" } }');
    const { diagnostic, document, name } = await diagnosticOf(text, 'condition-operator-mismatch');
    assert.equal(document.getText(diagnostic.range), '"StringEquals"');
    assert.equal(
      await fixed(name, document, diagnostic, 'Change to NumericEquals'),
      STATEMENT('"s3:ListBucket"', '"arn:aws:s3:::example-gt-input"', '{ "NumericEquals": { "s3:max-keys": "10" } }'),
    );
  });

  it('reports an object ARN for s3:ListBucket and fixes it to the bucket', async () => {
    const text = STATEMENT('"s3:ListBucket"', '"arn:aws:s3:::example-gt-input/*"');
    const { diagnostic, document, name } = await diagnosticOf(text, 'resource-type-mismatch');
    assert.equal(document.getText(diagnostic.range), '"arn:aws:s3:::example-gt-input/*"');
    assert.equal(
      await fixed(name, document, diagnostic, 'Change to arn:aws:s3:::example-gt-input'),
      STATEMENT('"s3:ListBucket"', '"arn:aws:s3:::example-gt-input"'),
    );
  });

  it("completes the keys of the statement's actions and the global keys inside a Condition block", async () => {
    const { name, position } = await open(STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', `{ "StringEquals": { "${CURSOR}" } }`));
    const labels = (await client.completion(uri(name), position!)).map((i) => i.label);
    assert.ok(labels.includes('s3:ExistingObjectTag/<key>'), labels.join(', '));
    assert.ok(labels.includes('aws:SourceVpce'));
    assert.ok(!labels.includes('sagemaker:WorkteamType'));
    const ip = await open(STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', `{ "NotIpAddress": { ${CURSOR} } }`));
    const ipLabels = (await client.completion(uri(ip.name), ip.position!)).map((i) => i.label);
    assert.ok(ipLabels.includes('aws:SourceIp') && ipLabels.includes('aws:VpcSourceIp'), ipLabels.join(', '));
    assert.ok(!ipLabels.includes('s3:ExistingObjectTag/<key>'));
  });

  it('completes the operators that suit the keys under an operator', async () => {
    const { name, position } = await open(
      STATEMENT('"s3:GetObject"', '"arn:aws:s3:::example-gt-input/*"', `{ "${CURSOR}": { "aws:SourceIp": ["203.0.113.0/24"] } }`),
    );
    const labels = (await client.completion(uri(name), position!)).map((i) => i.label);
    assert.deepEqual(labels, ['IpAddress', 'IpAddressIfExists', 'NotIpAddress', 'NotIpAddressIfExists', 'Null']);
  });

  it('explains a condition key on hover', async () => {
    const { name, position } = await open(
      STATEMENT('"sagemaker:CreateLabelingJob"', '"*"', `{ "StringEquals": { "sagemaker:Workteam${CURSOR}Type": "public-crowd" } }`),
    );
    const hover = await client.hover(uri(name), position!);
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*sagemaker:WorkteamType\*\* \(Amazon SageMaker\)\n\nFilters access by the workteam type/);
    assert.match(value, /Type: String \(single-valued\)/);
  });
});
