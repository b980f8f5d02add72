import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

describe('missing-required-property', () => {
  it('reports the members CreateWorkteam requires, on the object that lacks them', () => {
    const text = '{\n  "WorkteamName": "team",\n  "MemberDefinitions": [{"CognitoMemberDefinition": {"UserPool": "us-east-1_A", "UserGroup": "g"}}]\n}';
    assert.deepEqual(
      jsonDiagnostics(text)
        .filter((d) => d.code === 'missing-required-property')
        .map((d) => [d.text, d.message]),
      [
        ['{', 'A CreateWorkteam request needs "Description".'],
        ['"CognitoMemberDefinition"', 'CognitoMemberDefinition needs "ClientId".'],
      ],
    );
  });

  it('reports a statement without Effect or without Action/NotAction', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Resource": "*"}]}';
    assert.deepEqual(
      jsonDiagnostics(text)
        .filter((d) => d.code === 'missing-required-property')
        .map((d) => d.message),
      ['Statement needs "Effect".', 'Statement needs "Action" or "NotAction".'],
    );
  });

  it('reports what HumanLoopConfig requires in a flow definition', () => {
    const text =
      '{"FlowDefinitionName": "f", "OutputConfig": {"S3OutputPath": "s3://b/p"}, "RoleArn": "arn:aws:iam::111122223333:role/R", "HumanLoopConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/u", "TaskTitle": "t", "TaskDescription": "d"}}';
    assert.deepEqual(jsonFlagged('missing-required-property', text), ['"HumanLoopConfig"']);
  });

  it('does not report an update request that leaves members out', () => {
    assert.deepEqual(jsonFlagged('missing-required-property', '{"WorkteamName": "team", "Description": "new text"}', { name: 'update-workteam.json' }), []);
    assert.deepEqual(
      jsonFlagged('missing-required-property', '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]}}', { name: 'update-workforce.json' }),
      [],
    );
    assert.deepEqual(jsonFlagged('missing-required-property', '{"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}'), []);
  });
});
