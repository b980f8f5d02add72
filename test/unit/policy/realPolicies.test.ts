/**
 * Policies as AWS's documentation and common practice write them: the checks that read AWS's
 * Service Authorization Reference must find nothing wrong in any of them (no false alarm).
 */
import * as assert from 'node:assert/strict';
import { jsonDiagnostics } from '../../helpers/service';

const REFERENCE_CHECKS = ['unknown-action', 'unknown-condition-key', 'unsupported-condition-key', 'resource-type-mismatch', 'condition-operator-mismatch'];

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const POLICIES: Record<string, string> = {
  'bucket policy: TLS only, on the bucket and its objects': policy({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::example-gt-input', 'arn:aws:s3:::example-gt-input/*'],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }),
  'bucket policy: reads only through one VPC endpoint, or from the labeling role': policy({
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: 'arn:aws:s3:::example-gt-input/*',
    Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/GroundTruth*' } },
  }),
  'Ground Truth execution role: objects, listing under a prefix, output with encryption': policy(
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::example-gt-input/*' },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example-gt-input', Condition: { StringLike: { 's3:prefix': ['jobs/*'] } } },
    {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::example-gt-output/*',
      Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: ['arn:aws:s3:::example-gt-input', 'arn:aws:s3:::example-gt-output'] },
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: 'arn:aws:logs:*:*:log-group:/aws/sagemaker/LabelingJobs:*',
    },
    { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: 'arn:aws:logs:*:*:*' },
    { Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: 'arn:aws:sagemaker:*:*:workteam/private-crowd/*' },
  ),
  'identity policy: no public crowd, only our workteams': policy(
    {
      Effect: 'Deny',
      Action: ['sagemaker:CreateLabelingJob', 'sagemaker:CreateFlowDefinition'],
      Resource: '*',
      Condition: { StringEquals: { 'sagemaker:WorkteamType': 'public-crowd' } },
    },
    {
      Effect: 'Allow',
      Action: 'sagemaker:CreateLabelingJob',
      Resource: 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*',
      Condition: { ArnLike: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/*' } },
    },
    {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
  ),
  'key policy: decrypt through S3 only, for this account, with an encryption context': policy(
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/GroundTruthLabelingRole' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': '111122223333' },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::example-gt-output/*' },
      },
    },
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/GroundTruthLabelingRole' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ),
  'trust policies: SageMaker for this account, an external id, GitHub OIDC, Cognito, SAML': policy(
    {
      Effect: 'Allow',
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111122223333:*' } },
    },
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example/labeling:*' },
      },
    },
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    },
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ),
  'tags and requested regions': policy(
    {
      Effect: 'Allow',
      Action: ['sagemaker:CreateTrainingJob', 'sagemaker:AddTags'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:RequestTag/team': 'labeling', 'aws:RequestedRegion': 'us-east-1' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] },
      },
    },
    {
      Effect: 'Allow',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
      Condition: { StringEquals: { 'ec2:InstanceType': 't3.micro', 'aws:ResourceTag/team': 'labeling' } },
    },
    {
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'GroundTruth' } },
    },
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
      Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Labels',
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:userid}'] } },
    },
  ),
  'credentials of an EC2 instance, the MFA age, the time': policy({
    Effect: 'Deny',
    Action: 's3:*',
    Resource: '*',
    Condition: {
      StringNotEquals: { 'aws:Ec2InstanceSourceVpc': '${aws:SourceVpc}' },
      Null: { 'ec2:SourceInstanceARN': 'false' },
      NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' },
      DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
    },
  }),
};

describe("real policies, against AWS's list", () => {
  for (const [name, text] of Object.entries(POLICIES)) {
    it(`${name}: does not report`, () => {
      const seen = jsonDiagnostics(text).filter((d) => REFERENCE_CHECKS.includes(d.code));
      assert.deepEqual(
        seen.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }
});
