import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, applyEdits, applyJsonFix, jsonDiagnostics, jsonFlagged, jsonServiceWith } from '../../helpers/service';

const FLOW = JSON.stringify({
  FlowDefinitionName: 'review',
  OutputConfig: { S3OutputPath: 's3://out/review/' },
  RoleArn: 'arn:aws:iam::111122223333:role/A2IReviewRole',
  HumanLoopConfig: {
    WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t',
    HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/u',
    TaskTitle: 't',
    TaskDescription: 'd',
    TaskCount: 1,
  },
});
const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "lambda.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}`;

const JOB = JSON.stringify(
  {
    LabelingJobName: 'street-objects',
    LabelAttributeName: 'street-objects',
    RoleArn: 'arn:aws:iam::111122223333:role/GroundTruthLabelingRole',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://in/street.manifest' } } },
    OutputConfig: { S3OutputPath: 's3://out/street/' },
    HumanTaskConfig: {
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t',
      UiConfig: { UiTemplateS3Uri: 's3://in/template.liquid.html' },
      TaskTitle: 't',
      TaskDescription: 'd',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 600,
    },
  },
  null,
  2,
);

describe('trust-policy-missing-sagemaker', () => {
  it('reports on the flow definition, naming the trust policy file', () => {
    const [seen] = jsonDiagnostics(FLOW, { name: 'flow.json', files: { 'iam/A2IReviewRole-trust.json': TRUST } }).filter(
      (d) => d.code === 'trust-policy-missing-sagemaker',
    );
    assert.equal(seen.text, '"arn:aws:iam::111122223333:role/A2IReviewRole"');
    assert.match(seen.message, /^The trust policy of role "A2IReviewRole" in iam\/A2IReviewRole-trust\.json does not let sagemaker\.amazonaws\.com assume it/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/iam/A2IReviewRole-trust.json');
  });

  it('reports on the trust policy and adds the statement', () => {
    const setup = { name: 'A2IReviewRole-trust.json', files: { 'flow.json': FLOW } };
    const [seen] = jsonDiagnostics(TRUST, setup).filter((d) => d.code === 'trust-policy-missing-sagemaker');
    assert.match(seen.message, /^Role "A2IReviewRole" is the RoleArn of flow\.json/);
    assert.equal(
      applyJsonFix('trust-policy-missing-sagemaker', TRUST, 'Let SageMaker assume', setup),
      TRUST.replace(
        '\n  ]\n}',
        ',\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Service": "sagemaker.amazonaws.com"\n      },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}',
      ),
    );
  });

  it('fixes the trust policy from the flow definition', () => {
    const fixed = applyJsonFix('trust-policy-missing-sagemaker', FLOW, 'Let SageMaker assume', {
      name: 'flow.json',
      files: { 'A2IReviewRole-trust.json': TRUST },
      otherFile: 'A2IReviewRole-trust.json',
    });
    assert.match(fixed, /"Service": "sagemaker\.amazonaws\.com"/);
  });

  it('fixes the trust policy as it is when the fix is asked for, after edits that change none of its facts', () => {
    const { service, document } = jsonServiceWith(FLOW, { name: 'flow.json', files: { 'A2IReviewRole-trust.json': TRUST } });
    const uri = `${ROOT}/A2IReviewRole-trust.json`;
    assert.ok(service.diagnostics(document.uri).some((d) => d.code === 'trust-policy-missing-sagemaker'));
    const trust = service.getDocument(uri)!;
    const at = trust.getText().indexOf('"Effect"');
    const edited = TextDocument.update(
      trust,
      [{ range: { start: trust.positionAt(at), end: trust.positionAt(at) }, text: '"Sid": "LambdaInvokes",\n      ' }],
      2,
    );
    service.setDocument(edited);
    const diagnostic = service.diagnostics(document.uri).find((d) => d.code === 'trust-policy-missing-sagemaker')!;
    const [action] = service.codeActions(document.uri, diagnostic.range, [diagnostic]);
    const fixed = applyEdits(edited, action.edit!.changes![uri]);
    assert.deepEqual(JSON.parse(fixed).Statement, [
      { Sid: 'LambdaInvokes', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('finds the role by its name in a GetRole response', () => {
    const role = JSON.stringify({
      Role: { RoleName: 'A2IReviewRole', Arn: 'arn:aws:iam::111122223333:role/A2IReviewRole', AssumeRolePolicyDocument: JSON.parse(TRUST) },
    });
    assert.equal(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files: { 'role.json': role } }).length, 1);
  });

  it('reports on a CreateLabelingJob request, naming the trust policy, and on the trust policy, naming the job', () => {
    const [seen] = jsonDiagnostics(JOB, { name: 'jobs/create-labeling-job.json', files: { 'iam/GroundTruthLabelingRole-trust.json': TRUST } }).filter(
      (d) => d.code === 'trust-policy-missing-sagemaker',
    );
    assert.equal(seen.text, '"arn:aws:iam::111122223333:role/GroundTruthLabelingRole"');
    assert.match(
      seen.message,
      /^The trust policy of role "GroundTruthLabelingRole" in iam\/GroundTruthLabelingRole-trust\.json does not let sagemaker\.amazonaws\.com assume it/,
    );
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/iam/GroundTruthLabelingRole-trust.json');
    const [onTrust] = jsonDiagnostics(TRUST, { name: 'GroundTruthLabelingRole-trust.json', files: { 'jobs/create-labeling-job.json': JOB } }).filter(
      (d) => d.code === 'trust-policy-missing-sagemaker',
    );
    assert.equal(onTrust.text, '"Statement"');
    assert.match(
      onTrust.message,
      /^Role "GroundTruthLabelingRole" is the RoleArn of jobs\/create-labeling-job\.json, but this trust policy does not let sagemaker\.amazonaws\.com assume it/,
    );
    assert.equal(onTrust.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/jobs/create-labeling-job.json');
  });

  it('does not report a labeling job whose role trusts SageMaker, or whose trust policy is for another role', () => {
    const ok = TRUST.replace('lambda.amazonaws.com', 'sagemaker.amazonaws.com');
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', JOB, { name: 'job.json', files: { 'GroundTruthLabelingRole-trust.json': ok } }), []);
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', JOB, { name: 'job.json', files: { 'A2IReviewRole-trust.json': TRUST } }), []);
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', ok, { name: 'GroundTruthLabelingRole-trust.json', files: { 'job.json': JOB } }), []);
  });

  it('does not report a trust policy that trusts SageMaker, or one that belongs to another role', () => {
    const ok = TRUST.replace('lambda.amazonaws.com', 'sagemaker.amazonaws.com');
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files: { 'A2IReviewRole-trust.json': ok } }), []);
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files: { 'LambdaRole-trust.json': TRUST } }), []);
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files: { 'OldA2IReviewRoleBackup-trust.json': TRUST } }), []);
    const both = TRUST.replace('"lambda.amazonaws.com"', '["lambda.amazonaws.com", "sagemaker.amazonaws.com"]');
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', both, { name: 'A2IReviewRole-trust.json', files: { 'flow.json': FLOW } }), []);
  });

  it('does not take a bucket policy named after the role for its trust policy', () => {
    // A TLS-only Deny with "Action": "*" covers sts:AssumeRole, but a statement with a Resource is never a trust statement.
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TLSOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: ['arn:aws:s3:::input', 'arn:aws:s3:::input/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/A2IReviewRole' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::input/*' },
      ],
    });
    const files = { 'A2IReviewRole-input-bucket-policy.json': bucketPolicy };
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files }), []);
    assert.deepEqual(
      jsonFlagged('trust-policy-missing-sagemaker', bucketPolicy, { name: 'A2IReviewRole-input-bucket-policy.json', files: { 'flow.json': FLOW } }),
      [],
    );
  });

  // IAM: an explicit Deny wins over the Allow; a condition on a key the workspace does not know leaves it undecided.
  it('reports an explicit Deny, naming it, and not an Allow whose condition the workspace cannot decide', () => {
    const trust = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    const allow = { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' };
    const denied = trust([allow, { Sid: 'NoSageMaker', Effect: 'Deny', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:*' }]);
    const [seen] = jsonDiagnostics(FLOW, { name: 'flow.json', files: { 'iam/A2IReviewRole-trust.json': denied } }).filter(
      (d) => d.code === 'trust-policy-missing-sagemaker',
    );
    assert.equal(seen.text, '"arn:aws:iam::111122223333:role/A2IReviewRole"');
    assert.deepEqual(
      seen.diagnostic.relatedInformation?.map((r) => r.message),
      ['The trust policy in iam/A2IReviewRole-trust.json', 'The statement that denies it, in iam/A2IReviewRole-trust.json'],
    );
    const confusedDeputy = trust([{ ...allow, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }]);
    assert.deepEqual(jsonFlagged('trust-policy-missing-sagemaker', FLOW, { name: 'flow.json', files: { 'iam/A2IReviewRole-trust.json': confusedDeputy } }), []);
  });
});
