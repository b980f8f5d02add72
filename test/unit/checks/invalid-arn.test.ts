import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const FLOW = (workteam: string, role: string, ui = 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review-ui') =>
  JSON.stringify({
    FlowDefinitionName: 'f',
    OutputConfig: { S3OutputPath: 's3://b/out/' },
    RoleArn: role,
    HumanLoopConfig: { WorkteamArn: workteam, HumanTaskUiArn: ui, TaskTitle: 't', TaskDescription: 'd', TaskCount: 1 },
  });
const TEAM = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/reviewers';
const ROLE = 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-1';

describe('invalid-arn', () => {
  it('reports malformed workteam, role and human task UI ARNs', () => {
    const seen = jsonDiagnostics(
      FLOW(
        'arn:aws:sagemaker:us-east-1:111122223333:workteam/reviewers',
        'arn:aws:iam:us-east-1:111122223333:role/R',
        'arn:aws:sagemaker:us-east-1:11112222333:human-task-ui/u',
      ),
    ).filter((d) => d.code === 'invalid-arn');
    assert.deepEqual(
      seen.map((d) => d.message),
      [
        'Invalid role ARN in RoleArn: IAM ARNs have no region: arn:aws:iam::<account>:role/<name>.',
        'Invalid workteam ARN in WorkteamArn: a workteam ARN ends in workteam/<type>/<name>, where <type> is public-crowd, private-crowd, vendor-crowd.',
        'Invalid human-task-ui ARN in HumanTaskUiArn: "11112222333" is not a 12-digit account ID.',
      ],
    );
  });

  it('reports an ARN of the wrong kind', () => {
    const [seen] = jsonDiagnostics(FLOW(ROLE, ROLE)).filter((d) => d.code === 'invalid-arn');
    assert.equal(seen.message, 'Invalid workteam ARN in WorkteamArn: this is a role ARN, not a workteam ARN.');
  });

  it('checks sagemaker:WorkteamArn conditions and SageMaker resources in policies', () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Action: 'sagemaker:CreateFlowDefinition',
          Resource: 'arn:aws:sagemaker:us-east-1:111122223333:flow-definition/*',
          Condition: { ArnNotEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private/x' } },
        },
        { Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/my-team' },
      ],
    });
    assert.deepEqual(jsonFlagged('invalid-arn', policy), [
      '"arn:aws:sagemaker:us-east-1:111122223333:workteam/private/x"',
      '"arn:aws:sagemaker:us-east-1:111122223333:workteam/my-team"',
    ]);
  });

  it('does not report valid ARNs, the public crowd, other partitions, or wildcards where IAM takes them', () => {
    assert.deepEqual(jsonFlagged('invalid-arn', FLOW('arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default', ROLE)), []);
    assert.deepEqual(
      jsonFlagged('invalid-arn', FLOW('arn:aws-cn:sagemaker:cn-north-1:111122223333:workteam/vendor-crowd/acme', 'arn:aws-cn:iam::111122223333:role/R')),
      [],
    );
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Action: 'sagemaker:CreateLabelingJob',
          Resource: 'arn:aws:sagemaker:*:111122223333:workteam/*',
          Condition: { ArnNotLike: { 'sagemaker:WorkteamArn': ['arn:aws:sagemaker:*:111122223333:workteam/private-crowd/*', TEAM] } },
        },
        { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    });
    assert.deepEqual(jsonFlagged('invalid-arn', policy), []);
  });

  it('does not report IAM policy variables in resources and condition values', () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sagemaker:CreateLabelingJob',
          Resource: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/${aws:username}',
        },
        {
          Effect: 'Allow',
          Action: 'sagemaker:DescribeWorkteam',
          Resource: 'arn:aws:sagemaker:${aws:RequestedRegion}:${aws:PrincipalAccount}:workteam/private-crowd/team-a',
        },
        {
          Effect: 'Deny',
          Action: 'sagemaker:CreateLabelingJob',
          Resource: '*',
          Condition: {
            ArnNotEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:${aws:RequestedRegion}:${aws:PrincipalAccount}:workteam/private-crowd/team-a' },
          },
        },
        {
          Effect: 'Deny',
          Action: 'sagemaker:CreateFlowDefinition',
          Resource: '*',
          Condition: { StringNotEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:us-east-1:${aws:PrincipalAccount}:workteam/private-crowd/team-a' } },
        },
      ],
    });
    assert.deepEqual(jsonFlagged('invalid-arn', policy), []);
  });

  it('still checks the parts written out beside a policy variable, and takes no variable where IAM takes none', () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: 'arn:aws:sagemaker:${aws:RequestedRegion}:1111:workteam/private-crowd/a' },
        {
          Effect: 'Deny',
          Action: 'sagemaker:CreateLabelingJob',
          Resource: '*',
          Condition: { StringEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/*' } },
        },
      ],
    });
    assert.deepEqual(
      jsonDiagnostics(policy)
        .filter((d) => d.code === 'invalid-arn')
        .map((d) => d.message),
      ['Invalid workteam ARN in Resource: "1111" is not a 12-digit account ID.'],
    );
    // A * under StringEquals is literal: condition-operator-mismatch reports it, once.
    assert.deepEqual(
      jsonDiagnostics(policy)
        .filter((d) => d.code === 'condition-operator-mismatch')
        .map((d) => d.text),
      ['"StringEquals"'],
    );
    const flow = FLOW('arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/${aws:username}', ROLE);
    assert.deepEqual(jsonFlagged('invalid-arn', flow), ['"arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/${aws:username}"']);
  });

  it('does not report ARNs of the European Sovereign Cloud', () => {
    assert.deepEqual(
      jsonFlagged(
        'invalid-arn',
        FLOW('arn:aws-eusc:sagemaker:eusc-de-east-1:111122223333:workteam/private-crowd/reviewers', 'arn:aws-eusc:iam::111122223333:role/R'),
      ),
      [],
    );
  });
});
