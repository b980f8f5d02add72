import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { CURSOR, acceptJsonCompletion, applyEdits, jsonCompletionLabels, jsonServiceWith } from '../../helpers/service';

const UPDATE = { name: 'update-workteam.json' };
const access = (inner: string) => `{"WorkteamName": "t", "WorkerAccessConfiguration": ${inner}}`;
const condition = (inner: string) => `{"Statement": [{"Effect": "Deny", "Action": "sagemaker:CreateLabelingJob", "Resource": "*", "Condition": ${inner}}]}`;

describe('JSON completion', () => {
  describe('SageMaker shapes', () => {
    it('walks WorkerAccessConfiguration down to SourceIp / VpcSourceIp and their values', () => {
      assert.deepEqual(jsonCompletionLabels(access('{ █ }'), UPDATE), ['S3Presign']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { █ } }'), UPDATE), ['IamPolicyConstraints']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { "IamPolicyConstraints": { █ } } }'), UPDATE), ['SourceIp', 'VpcSourceIp']);
      assert.deepEqual(jsonCompletionLabels(access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": █ } } }'), UPDATE), ['"Disabled"', '"Enabled"']);
    });

    it('inserts the value with the member', () => {
      assert.equal(
        acceptJsonCompletion(access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": █ } } }'), '"Enabled"', UPDATE),
        access('{ "S3Presign": { "IamPolicyConstraints": { "SourceIp": "Enabled" } } }'),
      );
      assert.equal(acceptJsonCompletion(access('{ █ }'), 'S3Presign', UPDATE), access('{ "S3Presign": {} }'));
    });

    it('offers the members not written yet, from the SDK shape', () => {
      assert.deepEqual(jsonCompletionLabels('{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": []}, █}'), [
        'CognitoConfig',
        'IpAddressType',
        'OidcConfig',
        'Tags',
        'WorkforceVpcConfig',
      ]);
      const flow = jsonCompletionLabels('{"FlowDefinitionName": "f", "RoleArn": "arn:aws:iam::111122223333:role/R", "HumanLoopConfig": { █ }}');
      assert.deepEqual(flow, [
        'HumanTaskUiArn',
        'PublicWorkforceTaskPrice',
        'TaskAvailabilityLifetimeInSeconds',
        'TaskCount',
        'TaskDescription',
        'TaskKeywords',
        'TaskTimeLimitInSeconds',
        'TaskTitle',
        'WorkteamArn',
      ]);
    });

    it('completes a file that gtTemplates.jsonFiles names, from the first brace', () => {
      const labels = jsonCompletionLabels('{ █ }', { name: 'teams/new.json', settings: { jsonFiles: { 'teams/*.json': 'CreateWorkteam' } } });
      assert.deepEqual(labels, [
        'Description',
        'MemberDefinitions',
        'NotificationConfiguration',
        'Tags',
        'WorkerAccessConfiguration',
        'WorkforceName',
        'WorkteamName',
      ]);
    });
  });

  describe('IAM policies', () => {
    it("offers condition operators, and under each the keys of its family: the statement's actions' keys first, then the global ones", () => {
      const operators = jsonCompletionLabels(condition('{ █ }'));
      assert.ok(['IpAddress', 'NotIpAddress', 'StringEquals', 'ArnLike', 'Null'].every((o) => operators.includes(o)));
      assert.deepEqual(jsonCompletionLabels(condition('{ "NotIpAddress": { █ } }')), ['aws:Ec2InstanceSourcePrivateIPv4', 'aws:SourceIp', 'aws:VpcSourceIp']);
      const strings = jsonCompletionLabels(condition('{ "StringEquals": { █ } }'));
      assert.deepEqual(strings.slice(0, 5), [
        'aws:RequestTag/${TagKey}',
        'aws:ResourceTag/${TagKey}',
        'aws:TagKeys',
        'sagemaker:ResourceTag/${TagKey}',
        'sagemaker:WorkteamType',
      ]);
      assert.ok(strings.includes('aws:SourceVpc') && strings.includes('aws:SourceVpce'));
      assert.ok(!strings.includes('sagemaker:WorkteamArn') && !strings.includes('aws:SourceIp') && !strings.includes('s3:prefix'));
      assert.deepEqual(jsonCompletionLabels(condition('{ "ArnNotLike": { █ } }')), [
        'sagemaker:OutputKmsKeyArn',
        'sagemaker:VolumeKmsKeyArn',
        'sagemaker:WorkteamArn',
        'aws:PrincipalArn',
        'aws:SourceArn',
        'aws:SourceVpcArn',
      ]);
      const prefixed = jsonCompletionLabels(condition('{ "ForAnyValue:StringNotEqualsIfExists": { █ } }'));
      assert.ok(prefixed.includes('sagemaker:WorkteamType') && prefixed.includes('aws:SourceVpce'));
    });

    it('offers the workteam types as values, and a list for IP blocks', () => {
      assert.deepEqual(jsonCompletionLabels(condition('{ "StringEquals": { "sagemaker:WorkteamType": ["█"] } }')), [
        '"private-crowd"',
        '"public-crowd"',
        '"vendor-crowd"',
      ]);
      assert.equal(acceptJsonCompletion(condition('{ "IpAddress": { █ } }'), 'aws:SourceIp'), condition('{ "IpAddress": { "aws:SourceIp": [] } }'));
    });

    it('offers statement elements, effects, actions and the SageMaker service principal', () => {
      assert.deepEqual(jsonCompletionLabels('{"Statement": [{ █ }]}'), [
        'Action',
        'Condition',
        'Effect',
        'NotAction',
        'NotPrincipal',
        'NotResource',
        'Principal',
        'Resource',
        'Sid',
      ]);
      assert.deepEqual(jsonCompletionLabels('{"Statement": [{"Effect": █}]}'), ['"Allow"', '"Deny"']);
      assert.ok(jsonCompletionLabels('{"Statement": [{"Effect": "Allow", "Action": ["█"]}]}').includes('"sagemaker:CreateFlowDefinition"'));
      assert.ok(jsonCompletionLabels('{"Statement": [{"Effect": "Allow", "Principal": {"Service": █}}]}').includes('"sagemaker.amazonaws.com"'));
    });
  });

  it('in a long policy, answers for the statement under the cursor, with ranges in the whole document', () => {
    const statement = (n: number) =>
      `    {"Sid": "S${n}", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.${n}/32"]}}}`;
    const statements = Array.from({ length: 100 }, (_, n) => statement(n));
    statements[60] = '    {"Sid": "Here", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {█}}}';
    const withCursor = `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
    const offset = withCursor.indexOf(CURSOR);
    const { service, document } = jsonServiceWith(withCursor.replace(CURSOR, ''));
    // The checks' tree of this version is what lets completion leave the other statements out.
    service.diagnostics(document.uri);
    const position = document.positionAt(offset);
    const item = service.completions(document.uri, position)!.items.find((i) => i.label === 'aws:VpcSourceIp')!;
    const edit = item.textEdit as TextEdit;
    assert.deepEqual(edit.range.start, position);
    const accepted = applyEdits(document, [{ range: edit.range, newText: edit.newText.replace(/\$\d/g, '') }]);
    assert.ok(accepted.includes('"Condition": {"IpAddress": {"aws:VpcSourceIp": []}}'));
    const keyOffset = document.getText().indexOf('"aws:SourceIp"', document.getText().indexOf('"S80"'));
    const hover = service.hover(document.uri, document.positionAt(keyOffset + 3))!;
    assert.equal(document.getText(hover.range), '"aws:SourceIp"');
    assert.match((hover.contents as { value: string }).value, /public IP address the request comes from/);
  });

  it('offers CORS methods and VPC endpoint types', () => {
    assert.deepEqual(jsonCompletionLabels('{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": [█]}]}'), [
      '"DELETE"',
      '"GET"',
      '"HEAD"',
      '"POST"',
      '"PUT"',
    ]);
    assert.deepEqual(jsonCompletionLabels('{"ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": █}'), [
      '"Gateway"',
      '"GatewayLoadBalancer"',
      '"Interface"',
      '"Resource"',
      '"ServiceNetwork"',
    ]);
  });

  it('offers nothing in JSON files that are none of ours', () => {
    assert.deepEqual(jsonCompletionLabels('{"name": "pkg", █}', { name: 'package.json' }), []);
    assert.deepEqual(
      jsonCompletionLabels('{"WorkteamName": "t", "Description": "d", █}', { name: 'x.json', settings: { jsonFiles: { 'x.json': 'none' } } }),
      [],
    );
  });
});
