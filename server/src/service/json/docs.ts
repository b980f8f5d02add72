/**
 * What hover and completion say about JSON members, in this domain's terms. Keys are
 * `Structure.Member` (SDK structure names for SageMaker shapes), or a bare member name that means
 * the same wherever it appears.
 */
import { MAX_WORKFORCE_CIDRS } from './sagemakerFacts';

const IP_RESTRICTION_FAILS =
  'IP restriction turns away honest workers when Ground Truth is reached over the internet but S3 over a VPC endpoint (or the reverse), behind a NAT with several public addresses, or on a split-tunnel VPN. Presigned URLs do not work through S3 **interface** endpoints: use an S3 gateway endpoint.';

const ROLE =
  'The IAM role SageMaker assumes. Its trust policy must let `sagemaker.amazonaws.com` call `sts:AssumeRole`; it needs `s3:GetObject` on the input objects (every object the template presigns) and `s3:PutObject` on the output prefix.';

export const MEMBER_DOCS: Readonly<Record<string, string>> = {
  // Workteams
  WorkteamName: "The workteam's name: 1 to 63 letters, digits and hyphens. Its ARN is `arn:aws:sagemaker:<region>:<account>:workteam/private-crowd/<name>`.",
  'CreateWorkteamRequest.Description': 'What the workteam is for: 1 to 200 characters.',
  'UpdateWorkteamRequest.Description': 'What the workteam is for: 1 to 200 characters.',
  'Workteam.Description': 'What the workteam is for: 1 to 200 characters.',
  MemberDefinitions:
    'Who is in the workteam: 1 to 10 definitions, each an Amazon Cognito user group (`CognitoMemberDefinition`) or groups of your OIDC identity provider (`OidcMemberDefinition`), whichever the workforce uses. Do not mix the two in one workteam.',
  CognitoMemberDefinition: "An Amazon Cognito user group of the workforce's user pool: `UserPool`, `UserGroup` and `ClientId` are all required.",
  OidcMemberDefinition: "Groups of the workforce's OIDC identity provider, as they appear in the `groups` claim.",
  'CreateWorkteamRequest.WorkforceName':
    'The private workforce the workteam belongs to (one per account and region). Its `SourceIpConfig.Cidrs` is where the IP allow-list lives.',
  NotificationConfiguration: 'Notifies workers when new tasks are available.',
  NotificationTopicArn: 'An Amazon SNS topic; workers subscribed to it are told when new tasks are available.',
  WorkerAccessConfiguration:
    "How workers may use the presigned S3 URLs that `grant_read_access` / `s3_presign` make for this workteam's tasks. The list of allowed CIDR blocks is **not** set here: it is the workforce's `SourceIpConfig.Cidrs`.",
  S3Presign: 'Constraints on the presigned S3 URLs handed to workers.',
  IamPolicyConstraints:
    'IAM conditions added to every presigned URL a worker receives. `SourceIp: "Enabled"` ties the URL to the worker\'s public IP address; `VpcSourceIp: "Enabled"` to the worker\'s VPC source address when the worker reaches S3 through a VPC endpoint.',
  'IamPolicyConstraints.SourceIp': `\`Enabled\`: a presigned URL handed to a worker works only from the IP address from which that worker opened the task (an \`aws:SourceIp\` condition), so a leaked URL is useless elsewhere. \`Disabled\` or absent: it works from anywhere until it expires.\n\n${IP_RESTRICTION_FAILS}`,
  'IamPolicyConstraints.VpcSourceIp': `\`Enabled\`: a presigned URL handed to a worker works only from the VPC source IP address (\`aws:VpcSourceIp\`) from which the worker opened the task: for workers whose traffic reaches S3 through a VPC gateway endpoint.\n\n${IP_RESTRICTION_FAILS}`,
  WorkteamArn:
    "The workteam's ARN: `arn:aws:sagemaker:<region>:<account>:workteam/<type>/<name>`, where `<type>` is `private-crowd`, `public-crowd` (Amazon Mechanical Turk) or `vendor-crowd`.",

  // Workforces
  WorkforceName: "The workforce's name. There is one private workforce per account and region; its workteams share its sign-in and its IP allow-list.",
  SourceIpConfig:
    'Restricts the worker portal and tasks to workers whose public IP address is in `Cidrs`. Not supported when the worker portal is in a VPC (`WorkforceVpcConfig`).',
  Cidrs: `1 to ${MAX_WORKFORCE_CIDRS} CIDR blocks (IPv4 or IPv6) of the public addresses workers connect from. Private ranges never match: workers reach the portal over the internet. A NAT with several public addresses needs all of them. An empty list removes the restriction.`,
  CognitoConfig: 'The Amazon Cognito user pool and app client that sign workers in.',
  OidcConfig: 'Your own OIDC identity provider, which signs workers in; workteams then list its groups.',
  WorkforceVpcConfig:
    "Puts the worker portal in your VPC, reached through an interface VPC endpoint: workers must connect through the VPC. Source-IP restriction (`SourceIpConfig`) is not supported then; restrict presigned URLs with the workteam's `VpcSourceIp` instead.",
  VpcId: 'The VPC of the worker portal.',
  'WorkforceVpcConfigRequest.SecurityGroupIds': "1 to 5 security groups for the worker portal's VPC endpoint.",
  'WorkforceVpcConfigRequest.Subnets': "1 to 16 subnets, in different Availability Zones, for the worker portal's VPC endpoint.",
  IpAddressType: '`ipv4`, or `dualstack` for IPv4 and IPv6 worker access.',
  WorkforceArn: "The workforce's ARN: `arn:aws:sagemaker:<region>:<account>:workforce/<name>`.",

  // Flow definitions, human task UIs, labeling jobs
  FlowDefinitionName: "The flow definition's name: lower-case letters, digits and hyphens.",
  'FlowDefinitionOutputConfig.S3OutputPath': 'Where Augmented AI writes the human loop results (`s3://bucket/prefix`). The role needs `s3:PutObject` there.',
  KmsKeyId:
    "The KMS key that encrypts the output. Its key policy (or, when the key policy delegates to IAM, the role's policies) must let the role `kms:Encrypt`, `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*` and `kms:DescribeKey`.",
  RoleArn: ROLE,
  HumanLoopConfig: 'Who reviews and how: the workteam, the worker task template (`HumanTaskUiArn`) and what workers are told.',
  HumanTaskUiArn: 'The worker task template, created with CreateHumanTaskUi: `arn:aws:sagemaker:<region>:<account>:human-task-ui/<name>`.',
  TaskCount: 'How many workers review each object: 1 to 3.',
  TaskTitle: 'The title workers see in the task list.',
  TaskDescription: 'The description workers see in the task list.',
  AwsManagedHumanLoopRequestSource:
    'A built-in integration that starts human loops: Amazon Rekognition `DetectModerationLabels` or Amazon Textract `AnalyzeDocument`. Leave it out for a custom task type.',
  HumanLoopActivationConditions: 'A JSON **string** (serialised, not an object) with the conditions that start a human loop for the built-in integrations.',
  HumanTaskUiName: "The worker task template's name: lower-case letters, digits and hyphens.",
  'UiTemplate.Content':
    "The worker task template (HTML, Liquid and crowd-* elements), at most 128,000 characters. `grant_read_access` / `s3_presign` in it make presigned URLs subject to the workteam's `WorkerAccessConfiguration`.",
  UiTemplateS3Uri: 'The worker task template in S3 (`s3://bucket/key`).',
  'HumanTaskConfig.WorkteamArn':
    'The workteam that labels: a private workteam, a vendor, or the public crowd (`workteam/public-crowd/default`, which needs `PublicWorkforceTaskPrice`).',

  // IAM policies
  'PolicyDocument.Version': 'The policy language version. Use `2012-10-17`; `2008-10-17` has no policy variables.',
  Statement:
    'One statement or a list of them. Each needs `Effect` and `Action` (or `NotAction`); resource policies (bucket, key and trust policies) also name a `Principal`.',
  Sid: 'An optional identifier for the statement.',
  Effect: '`Allow` or `Deny`. An explicit Deny wins over any Allow.',
  Principal:
    'Who the statement applies to, in resource policies: `{"AWS": "<account ID or role ARN>"}`, `{"Service": "sagemaker.amazonaws.com"}` (trust policies of roles SageMaker assumes), or `"*"`. Identity policies have none.',
  NotPrincipal: 'Everyone except these principals. Rarely what is wanted; prefer `Principal` with a condition.',
  Action:
    'Actions as `service:Action`, case-insensitive, with `*` and `?` wildcards: `s3:GetObject`, `sagemaker:CreateLabelingJob`, `kms:GenerateDataKey*`, `sts:AssumeRole`.',
  NotAction: 'Every action except these.',
  Resource: 'ARNs the statement covers (`arn:aws:s3:::bucket/*`); `*` in key policies, which apply to their own key.',
  NotResource: 'Every resource except these.',
  Condition:
    '`{ "<operator>": { "<key>": <value or list of values> } }`. The operator must suit the key\'s type: `IpAddress` for `aws:SourceIp`, string operators for `aws:SourceVpc`, ARN operators for `sagemaker:WorkteamArn`. Operators may carry a `ForAnyValue:` or `ForAllValues:` prefix (multivalued keys) and an `IfExists` suffix.',
  AWS: 'Accounts (`111122223333`, `arn:aws:iam::111122223333:root`), roles or users by ARN, or `*`.',
  Service: 'AWS services by principal name: `sagemaker.amazonaws.com` for roles that SageMaker Ground Truth and Augmented AI assume.',
  AssumeRolePolicyDocument:
    'The trust policy: who may assume the role. Roles for labeling jobs and flow definitions trust `sagemaker.amazonaws.com` with `sts:AssumeRole`.',

  // S3 CORS
  CORSRules:
    'Which web origins may read the bucket from a browser. Augmented AI tasks with image input need a rule allowing `GET` from `*`; without it, the image does not load in the worker task.',
  AllowedMethods: '`GET`, `PUT`, `HEAD`, `POST`, `DELETE` (upper case). Worker tasks read objects with `GET`.',
  AllowedOrigins: 'Origins allowed, with at most one `*` wildcard each. `*` covers the worker portal (`https://<id>.labeling.<region>.sagemaker.aws`).',
  AllowedHeaders: 'Request headers allowed in preflight requests; `*` allows any.',
  ExposeHeaders: "Response headers the browser may read. Ground Truth's own rule exposes `Access-Control-Allow-Origin`.",
  MaxAgeSeconds: 'How long the browser may cache the preflight response.',
  ID: 'An optional identifier for the rule.',
  Bucket: 'The bucket the configuration applies to.',

  // EC2 VPC endpoints
  VpcEndpointType:
    '`Gateway` or `Interface` (and `GatewayLoadBalancer`, `Resource`, `ServiceNetwork`). For S3 that workers read task data from, use a **Gateway** endpoint: presigned URLs from `grant_read_access` / `s3_presign` do not work through S3 interface endpoints.',
  ServiceName: 'The service: `com.amazonaws.<region>.s3` for Amazon S3.',
  PolicyDocument: 'The endpoint policy: which requests may use the endpoint.',
};

/** What each enum value means, where it needs saying. */
export const VALUE_DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'IamPolicyConstraints.SourceIp': {
    Enabled: 'Presigned URLs work only from the IP address the worker opened the task from.',
    Disabled: 'Presigned URLs work from any address until they expire.',
  },
  'IamPolicyConstraints.VpcSourceIp': {
    Enabled: 'Presigned URLs work only from the VPC source IP address the worker opened the task from.',
    Disabled: 'No VPC source IP condition on presigned URLs.',
  },
  VpcEndpointType: {
    Gateway: 'A route-table entry; presigned S3 URLs work through it.',
    Interface:
      'A network interface in your subnets (PrivateLink). Presigned URLs from grant_read_access / s3_presign do not work through S3 interface endpoints.',
  },
  Effect: { Allow: 'Grants the actions.', Deny: 'Refuses the actions, whatever any Allow says.' },
  AllowedMethods: { GET: 'Reading objects: what worker tasks do.' },
};

/** Values completion proposes for members without an enumeration. */
export const VALUE_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  Action: [
    's3:GetObject',
    's3:PutObject',
    's3:ListBucket',
    'sagemaker:CreateLabelingJob',
    'sagemaker:CreateFlowDefinition',
    'sagemaker:CreateHumanTaskUi',
    'sagemaker:CreateWorkteam',
    'sagemaker:UpdateWorkteam',
    'sagemaker:RenderUiTemplate',
    'iam:PassRole',
    'sts:AssumeRole',
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
    'kms:DescribeKey',
  ],
  Service: ['sagemaker.amazonaws.com'],
  AllowedOrigins: ['*'],
};

export function memberDocs(structure: string, name: string): string | undefined {
  return MEMBER_DOCS[`${structure}.${name}`] ?? MEMBER_DOCS[name];
}

export function valueDocs(structure: string, name: string): Readonly<Record<string, string>> | undefined {
  return VALUE_DOCS[`${structure}.${name}`] ?? VALUE_DOCS[name];
}

/** Condition operator families, for hover on an operator. */
export const OPERATOR_DOCS: Readonly<Record<string, string>> = {
  string: 'String comparison (`StringLike` and `StringNotLike` accept `*` and `?`). For `aws:SourceVpc`, `aws:SourceVpce` and `sagemaker:WorkteamType`.',
  numeric: 'Numeric comparison.',
  date: 'Date comparison (ISO 8601 or epoch seconds).',
  bool: '`true` or `false` (`aws:SecureTransport`, `aws:ViaAWSService`...).',
  binary: 'Compares base64-encoded binary values.',
  ip: 'IP address comparison against CIDR blocks: the only operators for `aws:SourceIp` and `aws:VpcSourceIp`.',
  arn: 'ARN comparison, component by component (`ArnLike` accepts `*` and `?` in each component). For `sagemaker:WorkteamArn`, `aws:SourceArn`, `aws:PrincipalArn`.',
  null: '`true`: the key is absent from the request; `false`: it is present.',
};

export const OPERATOR_AFFIXES =
  '`ForAnyValue:` (some value of a multivalued key matches) and `ForAllValues:` (every value does) prefix operators for multivalued keys; `IfExists` (suffix) makes the condition true when the key is absent.';
