import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const members = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ OidcMemberDefinition: { Groups: [`g${i}`] } })));

describe('value-out-of-range', () => {
  it('reports a WorkteamName over 63 characters and more than 10 member definitions', () => {
    const name = 'a'.repeat(64);
    const seen = jsonDiagnostics(`{"WorkteamName": "${name}", "Description": "d", "MemberDefinitions": ${members(11)}}`).filter(
      (d) => d.code === 'value-out-of-range',
    );
    assert.deepEqual(
      seen.map((d) => d.message),
      ['WorkteamName has 64 characters; the API accepts 1 to 63.', 'MemberDefinitions has 11 items; the API accepts 1 to 10.'],
    );
    assert.equal(seen[0].text, `"${name}"`);
  });

  it('reports a TaskCount outside 1 to 3, and too many security groups', () => {
    const flow =
      '{"FlowDefinitionName": "f", "HumanLoopConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/u", "TaskTitle": "t", "TaskDescription": "d", "TaskCount": 5}}';
    assert.deepEqual(
      jsonDiagnostics(flow)
        .filter((d) => d.code === 'value-out-of-range')
        .map((d) => [d.text, d.message]),
      [['5', 'TaskCount is 5; it must be 1 to 3.']],
    );
    const workforce = `{"WorkforceName": "wf", "WorkforceVpcConfig": {"VpcId": "vpc-1", "SecurityGroupIds": ${JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f'])}, "Subnets": ["s"]}}`;
    assert.equal(jsonFlagged('value-out-of-range', workforce).length, 1);
  });

  it('points at the key of a template over 128,000 characters', () => {
    const text = `{"HumanTaskUiName": "u", "UiTemplate": {"Content": ${JSON.stringify('x'.repeat(128_001))}}}`;
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'value-out-of-range');
    assert.equal(seen.text, '"Content"');
    assert.equal(seen.message, 'Content has 128,001 characters; the API accepts 1 to 128,000.');
  });

  it('does not report values within the limits', () => {
    assert.deepEqual(
      jsonFlagged('value-out-of-range', `{"WorkteamName": "${'a'.repeat(63)}", "Description": "${'d'.repeat(200)}", "MemberDefinitions": ${members(10)}}`),
      [],
    );
  });
});
