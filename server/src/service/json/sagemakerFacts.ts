/**
 * The SageMaker facts the SDK's runtime schemas do not carry, in one table: which request and
 * response shapes are read, which members take which enum, their length and count limits, and
 * what kind of ARN a member holds. Everything else (member names, nesting, required members,
 * enum values) is generated from `@aws-sdk/client-sagemaker` by `scripts/gen-sagemaker-shapes.mjs`
 * into `generated/sagemakerShapes.ts`; a test fails when that file and the installed SDK differ.
 *
 * Keys are `Structure.Member`, with the SDK's structure names (`CreateWorkteamRequest`,
 * `Workteam`, `WorkforceVpcConfigRequest`...). Sources: the SageMaker API reference for each shape.
 */

/** The shapes the extension recognises in JSON files; the generator walks everything they reach. */
export const SAGEMAKER_ROOTS = [
  'CreateWorkteamRequest',
  'UpdateWorkteamRequest',
  'DescribeWorkteamResponse',
  'CreateWorkforceRequest',
  'UpdateWorkforceRequest',
  'DescribeWorkforceResponse',
  'CreateFlowDefinitionRequest',
  'CreateHumanTaskUiRequest',
  'CreateLabelingJobRequest',
] as const;

/** Members whose string value is one of an SDK enum export's values. */
export const ENUM_MEMBERS: Readonly<Record<string, string>> = {
  'IamPolicyConstraints.SourceIp': 'EnabledOrDisabled',
  'IamPolicyConstraints.VpcSourceIp': 'EnabledOrDisabled',
  'CreateWorkforceRequest.IpAddressType': 'WorkforceIpAddressType',
  'UpdateWorkforceRequest.IpAddressType': 'WorkforceIpAddressType',
  'Workforce.IpAddressType': 'WorkforceIpAddressType',
  'Workforce.Status': 'WorkforceStatus',
  'HumanLoopRequestSource.AwsManagedHumanLoopRequestSource': 'AwsManagedHumanLoopRequestSource',
  'LabelingJobDataAttributes.ContentClassifiers': 'ContentClassifier',
};

export interface Limit {
  /** Characters for strings, items for lists, the value for numbers. */
  min?: number;
  max?: number;
}

const WORKTEAMS = ['CreateWorkteamRequest', 'UpdateWorkteamRequest', 'Workteam'];
const WORKFORCE_VPC = ['WorkforceVpcConfigRequest', 'WorkforceVpcConfigResponse'];

function each(structures: string[], member: string, limit: Limit): [string, Limit][] {
  return structures.map((s) => [`${s}.${member}`, limit]);
}

/**
 * Length, count and range limits. `SourceIpConfig.Cidrs` (at most 10) is not here: the
 * `workforce-cidr-limit` check owns it, with `MAX_WORKFORCE_CIDRS`.
 */
export const LIMITS: Readonly<Record<string, Limit>> = Object.fromEntries([
  ...each(WORKTEAMS, 'WorkteamName', { min: 1, max: 63 }),
  ...each(WORKTEAMS, 'Description', { min: 1, max: 200 }),
  ...each(WORKTEAMS, 'MemberDefinitions', { min: 1, max: 10 }),
  ...each(WORKFORCE_VPC, 'SecurityGroupIds', { min: 1, max: 5 }),
  ...each(WORKFORCE_VPC, 'Subnets', { min: 1, max: 16 }),
  ['HumanLoopConfig.TaskCount', { min: 1, max: 3 }],
  ['UiTemplate.Content', { min: 1, max: 128_000 }],
]);

/** `SourceIpConfig.Cidrs`: one to ten CIDR blocks. */
export const MAX_WORKFORCE_CIDRS = 10;

export type ArnKind = 'workteam' | 'workforce' | 'role' | 'human-task-ui' | 'flow-definition';

/** Members that hold an ARN of one kind (checked by `invalid-arn`). */
export const ARN_MEMBERS: Readonly<Record<string, ArnKind>> = {
  'HumanLoopConfig.WorkteamArn': 'workteam',
  'HumanTaskConfig.WorkteamArn': 'workteam',
  'Workteam.WorkteamArn': 'workteam',
  'Workteam.WorkforceArn': 'workforce',
  'Workforce.WorkforceArn': 'workforce',
  'CreateFlowDefinitionRequest.RoleArn': 'role',
  'CreateLabelingJobRequest.RoleArn': 'role',
  'HumanLoopConfig.HumanTaskUiArn': 'human-task-ui',
  'UiConfig.HumanTaskUiArn': 'human-task-ui',
};
