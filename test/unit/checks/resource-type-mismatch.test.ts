import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (action: unknown, resource: unknown, element = 'Resource') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, [element]: resource }] }, null, 2);

describe('resource-type-mismatch', () => {
  // Service Authorization Reference: s3:ListBucket's resource types are bucket and accesspoint; an object ARN is neither.
  it('reports an object ARN for s3:ListBucket, naming what it takes, and changes it to the bucket', () => {
    const text = POLICY('s3:ListBucket', 'arn:aws:s3:::example-gt-input/*');
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'resource-type-mismatch');
    assert.equal(seen.text, '"arn:aws:s3:::example-gt-input/*"');
    assert.equal(
      seen.message,
      'arn:aws:s3:::example-gt-input/* is no resource that s3:ListBucket takes: bucket (arn:${Partition}:s3:::${BucketName}) or accesspoint (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}). The statement grants or denies nothing on it.',
    );
    assert.equal(
      applyJsonFix('resource-type-mismatch', text, 'Change to arn:aws:s3:::example-gt-input'),
      POLICY('s3:ListBucket', 'arn:aws:s3:::example-gt-input'),
    );
  });

  it('reports a bucket ARN for s3:GetObject, and changes it to its objects', () => {
    const text = POLICY('s3:GetObject', 'arn:aws:s3:::example-gt-input');
    assert.deepEqual(jsonFlagged('resource-type-mismatch', text), ['"arn:aws:s3:::example-gt-input"']);
    assert.equal(
      applyJsonFix('resource-type-mismatch', text, 'Change to arn:aws:s3:::example-gt-input/*'),
      POLICY('s3:GetObject', 'arn:aws:s3:::example-gt-input/*'),
    );
  });

  it('reports the action that no resource of the statement serves, when each resource serves another', () => {
    const seen = jsonDiagnostics(POLICY(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::example-gt-input/*')).filter(
      (d) => d.code === 'resource-type-mismatch',
    );
    assert.deepEqual(
      seen.map((d) => d.text),
      ['"s3:ListBucket"'],
    );
    assert.match(
      seen[0].message,
      /^s3:ListBucket takes bucket \(arn:\$\{Partition\}:s3:::\$\{BucketName\}\) or accesspoint .*, and no Resource of this statement is one/,
    );
  });

  it("reports another service's ARN", () => {
    assert.deepEqual(jsonFlagged('resource-type-mismatch', POLICY('sagemaker:CreateLabelingJob', 'arn:aws:s3:::example-gt-input/*')), [
      '"arn:aws:s3:::example-gt-input/*"',
    ]);
  });

  it('does not report resources some action takes, wildcards that run across parts, paths, or what the list cannot decide', () => {
    const quiet = [
      POLICY(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::example-gt-input', 'arn:aws:s3:::example-gt-input/*']),
      POLICY(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::example-gt-input*'),
      POLICY('s3:Get*', 'arn:aws:s3:::example-gt-input/*'),
      POLICY('iam:PassRole', 'arn:aws:iam::111122223333:role/service-role/GroundTruth'),
      POLICY(['logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/LabelingJobs:*'),
      POLICY('logs:CreateLogGroup', 'arn:aws:logs:us-east-1:111122223333:*'),
      POLICY('ecr:BatchGetImage', 'arn:aws:ecr:us-east-1:111122223333:repository/team/labeling-ui'),
      POLICY('s3:GetObject', 'arn:aws:s3:::${aws:username}/*'),
      POLICY('s3:GetObject', '*'),
      POLICY('s3:GetObject', 'arn:aws:s3:::example-gt-input', 'NotResource'),
      POLICY('*', 'arn:aws:s3:::example-gt-input'),
      // sts:GetCallerIdentity takes no resource type: only "*", which the list does not weigh against an ARN.
      POLICY(['sts:GetCallerIdentity', 's3:GetObject'], 'arn:aws:s3:::example-gt-input/*'),
      POLICY('s3:GetObjekt', 'arn:aws:s3:::example-gt-input'),
    ];
    for (const text of quiet) assert.deepEqual(jsonFlagged('resource-type-mismatch', text), [], text);
  });
});
