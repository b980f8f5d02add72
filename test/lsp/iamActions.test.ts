/**
 * Policies against AWS's list of actions, through the bundled server, which reads the reference
 * data the build copied beside it: the diagnostic and its fix, completion and hover.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const POLICY = (actions: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ${actions},\n      "Resource": "*"\n    }\n  ]\n}\n`;
const ACTION_LINE = 5;

describe('IAM actions over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;
  const uri = (name: string) => `${pathToFileURL(folder).href}/${name}`;
  const at = (text: string, marker: string, within = marker.length) => ({
    line: ACTION_LINE,
    character: text.split('\n')[ACTION_LINE].indexOf(marker) + within,
  });

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-iam-lsp-'));
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports a misspelt action and fixes it to the real one', async () => {
    const text = POLICY('["sagemaker:CreateLabelingJob", "sagemaker:CreateFlowDefiniton"]');
    client.open(uri('a2i-role-policy.json'), 'json', text);
    const diagnostics = await client.diagnostics(uri('a2i-role-policy.json'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['unknown-action'],
    );
    const [diagnostic] = diagnostics;
    const document = TextDocument.create('x', 'json', 1, text);
    assert.equal(document.getText(diagnostic.range), '"sagemaker:CreateFlowDefiniton"');
    assert.equal(
      messageText(diagnostic),
      'sagemaker:CreateFlowDefiniton is not an action of Amazon SageMaker (sagemaker); did you mean sagemaker:CreateFlowDefinition?',
    );
    const actions = await client.codeActions(uri('a2i-role-policy.json'), diagnostic.range, [diagnostic]);
    const fix = actions.find((a) => a.title === 'Change to sagemaker:CreateFlowDefinition')!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const edits = fix.edit!.changes![uri('a2i-role-policy.json')] as TextEdit[];
    assert.equal(TextDocument.applyEdits(document, edits), POLICY('["sagemaker:CreateLabelingJob", "sagemaker:CreateFlowDefinition"]'));
  });

  it('completes the actions of a service inside "Action": "sagemaker:Cr"', async () => {
    const text = POLICY('"sagemaker:Cr"');
    client.open(uri('completion-policy.json'), 'json', text);
    const items = await client.completion(uri('completion-policy.json'), at(text, 'sagemaker:Cr'));
    const labels = items.map((i) => i.label);
    assert.ok(
      labels.includes('sagemaker:CreateFlowDefinition') && labels.includes('sagemaker:CreateLabelingJob') && labels.includes('sagemaker:CreateWorkteam'),
    );
    assert.deepEqual(
      labels.filter((l) => !l.startsWith('sagemaker:')),
      [],
    );
    const item = items.find((i) => i.label === 'sagemaker:CreateLabelingJob')!;
    assert.equal(item.detail, 'Write');
    assert.match((item.documentation as MarkupContent).value, /^Grants permission to start a labeling job/);
  });

  it('explains an action on hover', async () => {
    const text = POLICY('"sagemaker:CreateWorkteam"');
    client.open(uri('hover-policy.json'), 'json', text);
    const hover = await client.hover(uri('hover-policy.json'), at(text, 'CreateWork', 4));
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*sagemaker:CreateWorkteam\*\* \(Amazon SageMaker\)\n\nGrants permission to create a workteam/);
    assert.match(value, /Access level: Write {2}\nResource types: `workteam` \(required\)/);
  });
});
