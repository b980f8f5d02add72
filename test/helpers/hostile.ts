/** Files a careless or hostile repository can hold, shared by the server's and gtlint's tests. */

/** Policies whose wildcards a backtracking (regex) matcher takes minutes over. */
export const STARRY_POLICIES = {
  /** Deny reads from outside an allow-list, for an action of 24 stars. */
  bucket: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: `s3:${'*'.repeat(24)}Z`,
        Resource: 'arn:aws:s3:::review-bucket/*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      },
    ],
  },
  workteamType: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: 'sagemaker:CreateLabelingJob',
        Resource: '*',
        Condition: { StringNotLike: { 'sagemaker:WorkteamType': `p${'*'.repeat(24)}Z` } },
      },
    ],
  },
  /** A role's trust policy (Lambda may assume it) whose SageMaker statement has 20 stars that never match sts:AssumeRole. */
  trust: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: `sts:${'*'.repeat(20)}Z` },
    ],
  },
};

/** A workteam with a property the request does not have, on line 5: what gtlint reports shows the file was read whole. */
export const WORKTEAM =
  '{\n  "WorkteamName": "équipe",\n  "Description": "d",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["g"] } }],\n  "NotAMember": 1\n}\n';

/** A flow definition running as ReviewRole, whose trust policy is `STARRY_POLICIES.trust`. */
export const FLOW = JSON.stringify(
  {
    FlowDefinitionName: 'review',
    OutputConfig: { S3OutputPath: 's3://review-output/' },
    RoleArn: 'arn:aws:iam::111122223333:role/ReviewRole',
    HumanLoopConfig: {
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/reviewers',
      HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review-ui',
      TaskTitle: 'Review',
      TaskDescription: 'Review',
      TaskCount: 1,
    },
  },
  null,
  2,
);
