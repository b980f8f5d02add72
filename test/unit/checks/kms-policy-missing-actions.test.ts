import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const ROLE = 'arn:aws:iam::111122223333:role/A2IReviewRole';
const KEY = (actions: string[], extra: object[] = []) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Admins',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/KeyAdmin' },
          Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'],
          Resource: '*',
        },
        { Sid: 'Output', Effect: 'Allow', Principal: { AWS: ROLE }, Action: actions, Resource: '*' },
        ...extra,
      ],
    },
    null,
    2,
  );
const FLOW = JSON.stringify({ FlowDefinitionName: 'review', RoleArn: ROLE, OutputConfig: { S3OutputPath: 's3://out/p/', KmsKeyId: 'alias/a2i-output' } });
const setup = { name: 'key-policy.json', files: { 'flow.json': FLOW } };

describe('kms-policy-missing-actions', () => {
  it('reports the execution role of a flow definition missing actions, naming the flow definition', () => {
    const [seen] = jsonDiagnostics(KEY(['kms:Decrypt', 'kms:GenerateDataKey']), setup).filter((d) => d.code === 'kms-policy-missing-actions');
    assert.equal(seen.text, `"${ROLE}"`);
    assert.equal(
      seen.message,
      'The key policy grants role "A2IReviewRole" (the role of flow.json) no kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey: SageMaker cannot encrypt or read the output with this key as that role. Add them.',
    );
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/flow.json');
  });

  it("adds the missing actions to the role's statement", () => {
    const fixed = applyJsonFix('kms-policy-missing-actions', KEY(['kms:Decrypt', 'kms:GenerateDataKey*']), 'Grant', setup);
    assert.deepEqual(JSON.parse(fixed).Statement[1].Action, ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:DescribeKey']);
  });

  it('reports a console-named execution role without a flow definition in the workspace', () => {
    const text = KEY([])
      .replace(ROLE, 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000')
      .replace('"Action": []', '"Action": "kms:Decrypt"');
    assert.equal(jsonFlagged('kms-policy-missing-actions', text).length, 1);
  });

  it('does not report full grants, kms:*, other principals, or a key policy that delegates to IAM', () => {
    assert.deepEqual(
      jsonFlagged('kms-policy-missing-actions', KEY(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']), setup),
      [],
    );
    assert.deepEqual(jsonFlagged('kms-policy-missing-actions', KEY(['kms:*']), setup), []);
    assert.deepEqual(jsonFlagged('kms-policy-missing-actions', KEY(['kms:Decrypt'])), []);
    const root = { Sid: 'EnableIam', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
    assert.deepEqual(jsonFlagged('kms-policy-missing-actions', KEY(['kms:Decrypt'], [root]), setup), []);
  });
});
