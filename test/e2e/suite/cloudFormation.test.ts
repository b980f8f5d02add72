/**
 * CloudFormation templates as a user gets them in the editor: a YAML stack's policy finding and
 * its quick fix written back in YAML, completion and hover inside its policy document, and a file
 * with CloudFormation's own extension, `.template`, which VS Code gives no language (the client
 * sends it by name). The files are emptied afterwards, so the other suites' templates in the folder
 * are compared with nothing of theirs.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CURSOR, applyCodeAction, overwriteAndSave, codeOf, completionLabels, diagnosticsWhen, hoverText, open, seen } from './helpers';

const stack = (cursorInAction = false) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ReviewRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: sagemaker.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read-from-the-office
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ${cursorInAction ? `s3:GetObj${CURSOR}` : 's3:GetObject'}
                Resource: arn:aws:s3:::labeling-input/*
                Condition:
                  StringEquals:
                    aws:SourceIp: 203.0.113.0/24
`;

const MISMATCH = 'condition-operator-mismatch';
const has = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);

const written: vscode.Uri[] = [];

describe('CloudFormation templates', () => {
  after(() => overwriteAndSave(written, ''));

  it('reports a policy finding in a YAML stack on its YAML, and fixes it in YAML', async () => {
    const { document } = await open('infra/review-stack.yaml', stack());
    written.push(document.uri);
    assert.equal(document.languageId, 'yaml');
    const diagnostics = await diagnosticsWhen(document, has(MISMATCH), `${MISMATCH} is reported`);
    assert.deepEqual(seen(document, diagnostics), [[MISMATCH, 'StringEquals']]);
    const diagnostic = diagnostics.find((d) => codeOf(d) === MISMATCH)!;
    const after = await applyCodeAction(document, diagnostic.range, 'Change to IpAddress');
    assert.match(after, /\n {18}IpAddress:\n {20}aws:SourceIp: 203\.0\.113\.0\/24\n/);
    assert.doesNotMatch(after, /StringEquals|"IpAddress"/);
    await diagnosticsWhen(document, (found) => !has(MISMATCH)(found), `${MISMATCH} is gone after the fix`);
  });

  it('completes actions and explains condition keys inside its policy document', async () => {
    const { document, cursor } = await open('infra/typing-stack.yaml', stack(true));
    written.push(document.uri);
    const labels = await completionLabels(document, cursor);
    assert.ok(labels.includes('s3:GetObject'), `labels: ${labels.slice(0, 20).join(', ')}`);
    assert.ok(!labels.some((l) => l.startsWith('sagemaker:')), 'only S3 actions after "s3:"');
    const key = document.getText().indexOf('aws:SourceIp');
    assert.match(await hoverText(document, document.positionAt(key + 4)), /IP address/);
  });

  it('checks a .template file, which VS Code gives no language of its own', async () => {
    const { document } = await open('infra/review.template', stack());
    written.push(document.uri);
    assert.notEqual(document.languageId, 'yaml');
    const diagnostics = await diagnosticsWhen(document, has(MISMATCH), `${MISMATCH} is reported in the .template file`);
    assert.deepEqual(seen(document, diagnostics), [[MISMATCH, 'StringEquals']]);
  });
});
