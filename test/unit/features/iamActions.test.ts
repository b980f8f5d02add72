import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { iamDataFrom } from '../../../server/src/iamData';
import { createLanguageService } from '../../../server/src/service/languageService';
import { CURSOR, PACKAGE_DATA, acceptJsonCompletion, jsonCompletionLabels, jsonHoverText, jsonServiceWith } from '../../helpers/service';

const POLICY = (action: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${action}, "Resource": "*"}]}`;

function itemAt(textWithCursor: string, label: string) {
  const offset = textWithCursor.indexOf(CURSOR);
  const { service, document } = jsonServiceWith(textWithCursor.replace(CURSOR, ''));
  return service.completions(document.uri, document.positionAt(offset))?.items.find((i) => i.label === label);
}

describe('IAM actions in policies', () => {
  describe('completion', () => {
    it("offers the service's actions after its prefix, and only them", () => {
      const labels = jsonCompletionLabels(POLICY('"sagemaker:Cr█"'));
      assert.ok(labels.includes('sagemaker:CreateFlowDefinition'));
      assert.ok(labels.includes('sagemaker:CreateLabelingJob'));
      assert.ok(labels.length > 300, `${labels.length} actions`);
      assert.deepEqual(
        labels.filter((l) => !l.startsWith('sagemaker:')),
        [],
      );
    });

    it('gives each action its access level and description, and replaces what was typed', () => {
      const item = itemAt(POLICY('["s3:GetObject", "sagemaker:Cr█"]'), 'sagemaker:CreateFlowDefinition')!;
      assert.equal(item.detail, 'Write');
      assert.match((item.documentation as MarkupContent).value, /^Grants permission to create a flow definition/);
      assert.equal(
        acceptJsonCompletion(POLICY('["s3:GetObject", "sagemaker:Cr█"]'), 'sagemaker:CreateFlowDefinition'),
        POLICY('["s3:GetObject", "sagemaker:CreateFlowDefinition"]'),
      );
    });

    it('offers service prefixes before the colon, with the schema examples', () => {
      const labels = jsonCompletionLabels(POLICY('["sage█"]'));
      assert.ok(labels.includes('sagemaker'));
      assert.ok(labels.includes('s3'));
      assert.ok(labels.includes('"sagemaker:CreateFlowDefinition"'));
      assert.equal(acceptJsonCompletion(POLICY('"sage█"'), 'sagemaker'), POLICY('"sagemaker:"'));
    });

    it('answers on a file set to be a policy that is nested too deeply to read', () => {
      const deep = `{"Statement": [{"Action": ${'['.repeat(100_000)}"s3:█`;
      assert.deepEqual(jsonCompletionLabels(deep, { name: 'deep.json', settings: { jsonFiles: { 'deep.json': 'Policy' } } }), []);
      assert.equal(jsonHoverText(deep, { name: 'deep.json', settings: { jsonFiles: { 'deep.json': 'Policy' } } }), undefined);
    });

    it('offers nothing of the kind outside Action and NotAction', () => {
      assert.ok(
        !jsonCompletionLabels(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "sagemaker:█"}]}`).includes('sagemaker:CreateFlowDefinition'),
      );
      assert.ok(!jsonCompletionLabels(`{"Statement": [{"Effect": "Allow", "Action": "*", "Sid": "s█"}]}`).includes('sagemaker'));
    });
  });

  describe('hover', () => {
    it('explains an action: description, access level, resource types, condition keys', () => {
      assert.equal(
        jsonHoverText(POLICY('"sagemaker:CreateFlow█Definition"')),
        '**sagemaker:CreateFlowDefinition** (Amazon SageMaker)\n\nGrants permission to create a flow definition, which defines settings for a human workflow.\n\nAccess level: Write  \nResource types: `flow-definition` (required)  \nCondition keys: `aws:RequestTag/${TagKey}`, `aws:ResourceTag/${TagKey}`, `aws:TagKeys`, `sagemaker:ResourceTag/${TagKey}`, `sagemaker:WorkteamArn`, `sagemaker:WorkteamType` (and the global `aws:` keys)',
      );
    });

    it('counts the actions a wildcard matches', () => {
      assert.match(
        jsonHoverText(POLICY('"sagemaker:CreateFlow*█"'))!,
        /^`sagemaker:CreateFlow\*` matches 1 action of Amazon SageMaker: `CreateFlowDefinition`\.$/,
      );
    });

    it('leaves an action that does not exist to the schema and the diagnostic', () => {
      assert.match(jsonHoverText(POLICY('"sagemaker:CreateFlowDefini█ton"'))!, /^Actions as `service:Action`/);
    });
  });
});

describe('IAM reference data loading', () => {
  it('reads the services a policy names (actions, condition keys, resource types) when it is prepared, so completion and hover read nothing', () => {
    const data = iamDataFrom(PACKAGE_DATA);
    const read: string[] = [];
    const service = createLanguageService({
      iamData: {
        ...data,
        serviceActions: (prefix) => (read.push(`actions ${prefix}`), data.serviceActions(prefix)),
        serviceConditionKeys: (prefix) => (read.push(`keys ${prefix}`), data.serviceConditionKeys(prefix)),
        serviceResourceTypes: (prefix) => (read.push(`resources ${prefix}`), data.serviceResourceTypes(prefix)),
      },
    });
    // With the checks off, nothing else loads the data before the first request.
    const off = ['unknown-action', 'unknown-condition-key', 'unsupported-condition-key', 'resource-type-mismatch', 'condition-operator-mismatch'];
    service.configure({ checks: Object.fromEntries(off.map((code) => [code, 'off'])) });
    const text = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "sagemaker:CreateFlowDefinition"], "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag/team": "x"}}}]}`;
    const document = TextDocument.create('file:///ws/role-policy.json', 'json', 1, text);
    service.setDocument(document);
    service.diagnostics(document.uri);
    service.prepareFeatures(document.uri);
    const prepared = ['actions s3', 'actions sagemaker', 'keys s3', 'keys sagemaker', 'resources s3', 'resources sagemaker'];
    assert.deepEqual([...read].sort(), prepared);
    service.completions(document.uri, document.positionAt(text.indexOf('CreateFlow')));
    service.completions(document.uri, document.positionAt(text.indexOf('ExistingObjectTag')));
    service.hover(document.uri, document.positionAt(text.indexOf('GetObject')));
    service.hover(document.uri, document.positionAt(text.indexOf('ExistingObjectTag')));
    assert.deepEqual([...read].sort(), prepared);
  });
});
