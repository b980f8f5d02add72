/**
 * Which JSON files the extension understands, recognised by their content (top-level members),
 * or by the file-name patterns users set in `gtTemplates.jsonFiles`. Unrecognised JSON
 * (package.json, data files) is left alone: no diagnostics, completion or hover.
 */
import type { Node } from 'jsonc-parser';
import {
  CLOUDFORMATION_CORS_RULES,
  CLOUDFORMATION_WORKTEAM,
  CORS_CONFIGURATION,
  CORS_RULE_LIST,
  CREATE_ROLE,
  DESCRIBE_VPC_ENDPOINTS,
  CREATE_VPC_ENDPOINT_RESULT,
  GET_ROLE,
  POLICY,
  PUT_BUCKET_CORS,
  Shape,
  VPC_ENDPOINT,
  sagemakerStructure,
} from './shapes';
import { member, memberNames } from './members';

export type JsonKind = 'workteam' | 'workforce' | 'flow-definition' | 'human-task-ui' | 'labeling-job' | 'policy' | 'cors' | 'vpc-endpoint' | 'role';

export interface JsonShapeInfo {
  /** The name users give in `gtTemplates.jsonFiles`, and the one messages use. */
  id: JsonShapeId;
  kind: JsonKind;
  /** "a CreateWorkteam request", for messages. */
  label: string;
  shape: () => Shape;
  /** An update leaves out what it does not change. */
  update?: boolean;
  /** The member a response puts the workteam or workforce in (DescribeWorkteam's `Workteam`). */
  wrapper?: string;
}

export const JSON_SHAPES = {
  CreateWorkteam: { kind: 'workteam', label: 'a CreateWorkteam request', shape: () => sagemakerStructure('CreateWorkteamRequest') },
  UpdateWorkteam: { kind: 'workteam', label: 'an UpdateWorkteam request', shape: () => sagemakerStructure('UpdateWorkteamRequest'), update: true },
  DescribeWorkteam: {
    kind: 'workteam',
    label: 'a DescribeWorkteam response',
    shape: () => sagemakerStructure('DescribeWorkteamResponse'),
    wrapper: 'Workteam',
  },
  Workteam: { kind: 'workteam', label: 'a workteam description', shape: () => sagemakerStructure('Workteam') },
  CreateWorkforce: { kind: 'workforce', label: 'a CreateWorkforce request', shape: () => sagemakerStructure('CreateWorkforceRequest') },
  UpdateWorkforce: { kind: 'workforce', label: 'an UpdateWorkforce request', shape: () => sagemakerStructure('UpdateWorkforceRequest'), update: true },
  DescribeWorkforce: {
    kind: 'workforce',
    label: 'a DescribeWorkforce response',
    shape: () => sagemakerStructure('DescribeWorkforceResponse'),
    wrapper: 'Workforce',
  },
  CreateFlowDefinition: { kind: 'flow-definition', label: 'a CreateFlowDefinition request', shape: () => sagemakerStructure('CreateFlowDefinitionRequest') },
  CreateHumanTaskUi: { kind: 'human-task-ui', label: 'a CreateHumanTaskUi request', shape: () => sagemakerStructure('CreateHumanTaskUiRequest') },
  CreateLabelingJob: { kind: 'labeling-job', label: 'a CreateLabelingJob request', shape: () => sagemakerStructure('CreateLabelingJobRequest') },
  Policy: { kind: 'policy', label: 'an IAM policy', shape: () => POLICY },
  CorsConfiguration: { kind: 'cors', label: 'an S3 CORS configuration', shape: () => CORS_CONFIGURATION },
  CorsRules: { kind: 'cors', label: 'a list of S3 CORS rules', shape: () => CORS_RULE_LIST },
  PutBucketCors: { kind: 'cors', label: 'a PutBucketCors request', shape: () => PUT_BUCKET_CORS },
  VpcEndpoint: { kind: 'vpc-endpoint', label: 'a VPC endpoint', shape: () => VPC_ENDPOINT },
  CreateVpcEndpointResult: { kind: 'vpc-endpoint', label: 'a CreateVpcEndpoint response', shape: () => CREATE_VPC_ENDPOINT_RESULT },
  DescribeVpcEndpoints: { kind: 'vpc-endpoint', label: 'a DescribeVpcEndpoints response', shape: () => DESCRIBE_VPC_ENDPOINTS },
  CreateRole: { kind: 'role', label: 'a CreateRole request', shape: () => CREATE_ROLE },
  GetRole: { kind: 'role', label: 'a GetRole response', shape: () => GET_ROLE },
} satisfies Record<string, Omit<JsonShapeInfo, 'id'>>;

/**
 * The documents inside a CloudFormation template (`cfn/`) whose members CloudFormation spells
 * otherwise than the API; not a file of their own, so not for `gtTemplates.jsonFiles`.
 */
export const CLOUDFORMATION_SHAPES = {
  CloudFormationWorkteam: { kind: 'workteam', label: 'an AWS::SageMaker::Workteam', shape: () => CLOUDFORMATION_WORKTEAM },
  CloudFormationCorsRules: { kind: 'cors', label: 'a list of CloudFormation CORS rules', shape: () => CLOUDFORMATION_CORS_RULES },
} satisfies Record<string, Omit<JsonShapeInfo, 'id'>>;

export type JsonShapeId = keyof typeof JSON_SHAPES | keyof typeof CLOUDFORMATION_SHAPES;

/** The value of a `gtTemplates.jsonFiles` entry that turns recognition off for matching files. */
export const NOT_RECOGNISED = 'none';

export function shapeInfo(id: JsonShapeId): JsonShapeInfo {
  return { id, ...(id in JSON_SHAPES ? JSON_SHAPES[id as keyof typeof JSON_SHAPES] : CLOUDFORMATION_SHAPES[id as keyof typeof CLOUDFORMATION_SHAPES]) };
}

/** A request that creates or updates a workteam: a fix may edit it (a response describes what AWS has; UpdateWorkteam changes that). */
export function isWorkteamRequest(id: JsonShapeId | undefined): boolean {
  return id === 'CreateWorkteam' || id === 'UpdateWorkteam';
}

/** A shape users may name in `gtTemplates.jsonFiles`. */
export function isShapeId(value: string): value is JsonShapeId {
  return Object.prototype.hasOwnProperty.call(JSON_SHAPES, value);
}

/**
 * Recognises a document by its top-level members. `fileName` only decides between a create and
 * an update request when the content fits both.
 */
export function recognise(root: Node | undefined, fileName: string): JsonShapeId | undefined {
  if (root?.type === 'array') {
    const rule = memberNames(root.children?.[0]);
    return rule.has('AllowedMethods') || rule.has('AllowedOrigins') ? 'CorsRules' : undefined;
  }
  // A member still being typed counts, so completion works in it.
  const top = memberNames(root);
  if (!top.size) return undefined;
  const has = (...names: string[]) => names.some((n) => top.has(n));
  const update = /update/i.test(fileName);
  const create = /create/i.test(fileName);

  if (memberNames(member(root, 'Workteam')).has('WorkteamName')) return 'DescribeWorkteam';
  if (memberNames(member(root, 'Workforce')).has('WorkforceName')) return 'DescribeWorkforce';
  if (top.has('WorkteamName')) {
    if (top.has('WorkteamArn')) return 'Workteam';
    if (!has('MemberDefinitions', 'WorkerAccessConfiguration', 'Description', 'NotificationConfiguration', 'WorkforceName', 'Tags')) return undefined;
    if (update) return 'UpdateWorkteam';
    if (create || has('WorkforceName', 'Tags') || top.has('MemberDefinitions')) return 'CreateWorkteam';
    return 'UpdateWorkteam';
  }
  if (top.has('WorkforceName')) {
    if (!has('SourceIpConfig', 'CognitoConfig', 'OidcConfig', 'WorkforceVpcConfig', 'IpAddressType', 'Tags')) return undefined;
    if (update && !has('CognitoConfig', 'Tags')) return 'UpdateWorkforce';
    return 'CreateWorkforce';
  }
  if (top.has('FlowDefinitionName') && has('HumanLoopConfig', 'OutputConfig', 'RoleArn')) return 'CreateFlowDefinition';
  if (top.has('HumanTaskUiName') && top.has('UiTemplate')) return 'CreateHumanTaskUi';
  if (top.has('LabelingJobName') && has('HumanTaskConfig', 'InputConfig', 'RoleArn')) return 'CreateLabelingJob';
  if (top.has('Statement')) return 'Policy';
  if (top.has('CORSRules')) return 'CorsConfiguration';
  if (memberNames(member(root, 'CORSConfiguration')).has('CORSRules')) return 'PutBucketCors';
  if (top.has('ServiceName') && top.has('VpcEndpointType')) return 'VpcEndpoint';
  if (member(root, 'VpcEndpoints')?.type === 'array') return 'DescribeVpcEndpoints';
  const endpoint = memberNames(member(root, 'VpcEndpoint'));
  if (endpoint.has('ServiceName') && endpoint.has('VpcEndpointType')) return 'CreateVpcEndpointResult';
  if (memberNames(member(root, 'Role')).has('AssumeRolePolicyDocument')) return 'GetRole';
  if (top.has('RoleName') && top.has('AssumeRolePolicyDocument')) return 'CreateRole';
  return undefined;
}
