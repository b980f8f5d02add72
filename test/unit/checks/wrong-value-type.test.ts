import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const FLOW = (taskCount: string) =>
  `{"FlowDefinitionName": "f", "OutputConfig": {"S3OutputPath": "s3://b/p"}, "RoleArn": "arn:aws:iam::111122223333:role/R", "HumanLoopConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/u", "TaskTitle": "t", "TaskDescription": "d", "TaskCount": ${taskCount}}}`;

describe('wrong-value-type', () => {
  it('reports a number written as a string, and fixes it', () => {
    const [seen] = jsonDiagnostics(FLOW('"2"')).filter((d) => d.code === 'wrong-value-type');
    assert.equal(seen.text, '"2"');
    assert.equal(seen.message, 'TaskCount must be a number, not a string.');
    assert.equal(applyJsonFix('wrong-value-type', FLOW('"2"')), FLOW('2'));
  });

  it('reports a single CIDR where the API wants a list, and puts it in one', () => {
    const text = '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": "203.0.113.0/24"}}';
    assert.deepEqual(jsonFlagged('wrong-value-type', text), ['"203.0.113.0/24"']);
    assert.equal(applyJsonFix('wrong-value-type', text), '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]}}');
  });

  it('reports an object where a string belongs', () => {
    assert.deepEqual(jsonFlagged('wrong-value-type', '{"HumanTaskUiName": "u", "UiTemplate": {"Content": {"html": "<p></p>"}}}'), ['{"html": "<p></p>"}']);
  });

  it("does not report IAM's one-value-or-a-list, timestamps as strings, or condition values", () => {
    assert.deepEqual(
      jsonFlagged(
        'wrong-value-type',
        '{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"s3:max-keys": 10}}}}',
      ),
      [],
    );
    assert.deepEqual(jsonFlagged('wrong-value-type', FLOW('3')), []);
  });
});
