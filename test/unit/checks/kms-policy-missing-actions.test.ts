import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
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

  it('reports the execution role of a CreateLabelingJob request that encrypts its output, naming the job and pointing at its KmsKeyId', () => {
    const job = JSON.stringify({
      LabelingJobName: 'street-objects',
      LabelAttributeName: 'street-objects',
      RoleArn: ROLE,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://in/street.manifest' } } },
      OutputConfig: { S3OutputPath: 's3://out/street/', KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      HumanTaskConfig: {
        WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t',
        UiConfig: { UiTemplateS3Uri: 's3://in/template.liquid.html' },
        TaskTitle: 't',
        TaskDescription: 'd',
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 600,
      },
    });
    const [seen] = jsonDiagnostics(KEY(['kms:Encrypt', 'kms:Decrypt']), { name: 'key-policy.json', files: { 'jobs/street.json': job } }).filter(
      (d) => d.code === 'kms-policy-missing-actions',
    );
    assert.equal(seen.text, `"${ROLE}"`);
    assert.match(
      seen.message,
      /^The key policy grants role "A2IReviewRole" \(the role of jobs\/street\.json\) no kms:ReEncrypt\*, kms:GenerateDataKey\*, kms:DescribeKey:/,
    );
    const [related] = seen.diagnostic.relatedInformation!;
    assert.equal(related.location.uri, 'file:///ws/jobs/street.json');
    assert.equal(related.message, 'jobs/street.json encrypts its output with KmsKeyId');
    assert.equal(
      TextDocument.create('x', 'json', 1, job).getText(related.location.range),
      '"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    );
    const unencrypted = job.replace(/,"KmsKeyId":"[^"]*"/, '');
    assert.deepEqual(
      jsonFlagged('kms-policy-missing-actions', KEY(['kms:Encrypt', 'kms:Decrypt']), { name: 'key-policy.json', files: { 'jobs/street.json': unencrypted } }),
      [],
    );
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

  // IAM: an explicit Deny wins over the Allow; a Deny whose condition the workspace cannot decide decides nothing.
  it('counts an action an explicit Deny refuses as missing, naming the Deny, and not one a conditional Deny might', () => {
    const all = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
    const deny = { Sid: 'NoDecrypt', Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' };
    const [seen] = jsonDiagnostics(KEY(all, [deny]), setup).filter((d) => d.code === 'kms-policy-missing-actions');
    assert.match(seen.message, /grants role "A2IReviewRole" \(the role of flow\.json\) no kms:Decrypt:/);
    assert.deepEqual(
      seen.diagnostic.relatedInformation?.map((r) => r.message),
      ['flow.json encrypts its output with KmsKeyId', 'The statement that denies it'],
    );
    const conditional = { ...deny, Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } };
    assert.deepEqual(jsonFlagged('kms-policy-missing-actions', KEY(all, [conditional]), setup), []);
  });
});
