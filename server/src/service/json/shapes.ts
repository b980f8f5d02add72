/**
 * The shapes JSON files are checked and completed against: the SageMaker requests built from the
 * generated SDK data plus `sagemakerFacts.ts`, and small hand-written shapes for the documents the
 * SageMaker SDK does not describe (IAM policies, S3 CORS, EC2 VPC endpoints, IAM roles).
 */
import { KeptAnswers } from '../util/keptAnswers';
import { ENUMS, STRUCTURES } from './generated/sagemakerShapes';
import type { GeneratedType } from './generatedTypes';
import { ARN_MEMBERS, ArnKind, ENUM_MEMBERS, LIMITS, Limit } from './sagemakerFacts';

export interface StructureShape {
  type: 'structure';
  name: string;
  members: Record<string, Shape>;
  required: string[];
  /** Groups of which at least one member must be present (`Action` or `NotAction`). */
  oneOfRequired?: string[][];
  /**
   * Hand-written shapes that list only the members the checks read: other members are not
   * reported as unknown.
   */
  open?: boolean;
}

export interface ListShape {
  type: 'list';
  member: Shape;
  limit?: Limit;
}

export interface MapShape {
  type: 'map';
  value: Shape;
  /** Known keys, when the map's keys are a closed set (IAM condition operators). */
  keys?: { isKnown(key: string): boolean; names: readonly string[]; what: string };
}

export interface StringShape {
  type: 'string';
  /**
   * `sdk`: the values the SageMaker SDK lists, which AWS extends without every SDK knowing
   * (AwsManagedHumanLoopRequestSource gains `AWS/Bedrock/...` sources): another value may be valid.
   */
  enum?: { name: string; values: readonly string[]; sdk?: boolean };
  limit?: Limit;
  arn?: ArnKind;
  /** The API wants a serialised JSON document in this string. */
  json?: boolean;
}

export interface ScalarShape {
  type: 'number' | 'boolean' | 'timestamp' | 'any';
  limit?: Limit;
}

/** Alternatives told apart by JSON type (IAM's "a string or a list of strings"). */
export interface OneOfShape {
  type: 'oneOf';
  options: Shape[];
}

export type Shape = StructureShape | ListShape | MapShape | StringShape | ScalarShape | OneOfShape;

// SageMaker, from the generated data ---------------------------------------------------------

const built = new Map<string, StructureShape>();

/** A SageMaker structure by its SDK name (`CreateWorkteamRequest`), with the facts table applied. */
export function sagemakerStructure(name: string): StructureShape {
  const cached = built.get(name);
  if (cached) return cached;
  const generated = STRUCTURES[name];
  if (!generated) throw new Error(`no generated SageMaker structure ${name}`);
  const shape: StructureShape = { type: 'structure', name, members: {}, required: generated.required };
  built.set(name, shape);
  for (const [member, type] of Object.entries(generated.members)) shape.members[member] = memberShape(`${name}.${member}`, type);
  return shape;
}

function memberShape(path: string, type: GeneratedType): Shape {
  const limit = LIMITS[path];
  if (typeof type === 'object') {
    if ('structure' in type) return sagemakerStructure(type.structure);
    if ('list' in type) {
      const member = memberShape(path, type.list);
      // A limit on a list of strings counts items, not characters.
      if (member.type === 'string') delete member.limit;
      return { type: 'list', member, limit };
    }
    return { type: 'map', value: memberShape(path, type.map) };
  }
  switch (type) {
    case 'string':
    case 'json': {
      const enumName = ENUM_MEMBERS[path];
      const shape: StringShape = { type: 'string', limit };
      if (enumName) shape.enum = { name: enumName, values: ENUMS[enumName], sdk: true };
      if (ARN_MEMBERS[path]) shape.arn = ARN_MEMBERS[path];
      if (type === 'json') shape.json = true;
      return shape;
    }
    case 'number':
    case 'boolean':
    case 'timestamp':
      return { type, limit };
    default:
      return { type: 'any' };
  }
}

// Hand-written shapes -------------------------------------------------------------------------

const string = (extra: Partial<StringShape> = {}): StringShape => ({ type: 'string', ...extra });
const stringOrList = (extra: Partial<StringShape> = {}): OneOfShape => ({ type: 'oneOf', options: [string(extra), { type: 'list', member: string(extra) }] });
const any: ScalarShape = { type: 'any' };

/** IAM condition operators, with the `ForAnyValue:`/`ForAllValues:` prefixes and the `IfExists` suffix. */
export const CONDITION_OPERATOR_BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

const OPERATOR = /^(ForAnyValue:|ForAllValues:)?([A-Za-z]+?)(IfExists)?$/;
/** Parsed operators by name (a policy writes the same few in every statement), each shared, so frozen. */
const PARSED_OPERATORS = new KeptAnswers<string, ParsedOperator | undefined>(256, (name) => {
  const parsed = parseOperator(name);
  return parsed && Object.freeze(parsed);
});

export interface ParsedOperator {
  base: (typeof CONDITION_OPERATOR_BASES)[number];
  prefix?: 'ForAnyValue:' | 'ForAllValues:';
  ifExists: boolean;
  /** `*` and `?` in its values match any characters: the Like string operators and every ARN operator. */
  wildcards: boolean;
  /** Compares strings without regard to case (`StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`). */
  ignoreCase: boolean;
}

export function parseConditionOperator(name: string): ParsedOperator | undefined {
  return PARSED_OPERATORS.get(name);
}

function parseOperator(name: string): ParsedOperator | undefined {
  const m = OPERATOR.exec(name);
  if (!m) return undefined;
  const base = CONDITION_OPERATOR_BASES.find((b) => b === m[2]);
  // `Null` tests whether the key exists, so it takes no IfExists.
  if (!base || (base === 'Null' && m[3])) return undefined;
  return {
    base,
    prefix: m[1] as ParsedOperator['prefix'],
    ifExists: !!m[3],
    wildcards: base === 'StringLike' || base === 'StringNotLike' || base.startsWith('Arn'),
    ignoreCase: base.endsWith('IgnoreCase'),
  };
}

const PRINCIPAL: Shape = {
  type: 'oneOf',
  options: [
    string(),
    {
      type: 'structure',
      name: 'Principal',
      members: { AWS: stringOrList(), Service: stringOrList(), Federated: stringOrList(), CanonicalUser: stringOrList() },
      required: [],
    },
  ],
};

const STATEMENT: StructureShape = {
  type: 'structure',
  name: 'Statement',
  members: {
    Sid: string(),
    Effect: string({ enum: { name: 'Effect', values: ['Allow', 'Deny'] } }),
    Principal: PRINCIPAL,
    NotPrincipal: PRINCIPAL,
    Action: stringOrList(),
    NotAction: stringOrList(),
    Resource: stringOrList(),
    NotResource: stringOrList(),
    Condition: {
      type: 'map',
      keys: {
        isKnown: (key) => !!parseConditionOperator(key),
        names: CONDITION_OPERATOR_BASES,
        what: 'condition operator',
      },
      // Values may be strings, numbers or booleans, alone or in a list; the policy checks read them.
      value: { type: 'map', value: any },
    },
  },
  required: ['Effect'],
  oneOfRequired: [['Action', 'NotAction']],
};

export const POLICY: StructureShape = {
  type: 'structure',
  name: 'PolicyDocument',
  members: {
    Version: string({ enum: { name: 'Version', values: ['2012-10-17', '2008-10-17'] } }),
    Id: string(),
    Statement: { type: 'oneOf', options: [{ type: 'list', member: STATEMENT }, STATEMENT] },
  },
  required: ['Statement'],
};

/** A policy in a JSON string (the CLI's `--cli-input-json` form) or inline. */
const POLICY_OR_STRING: Shape = { type: 'oneOf', options: [string({ json: true }), POLICY] };

export const CORS_RULE: StructureShape = {
  type: 'structure',
  name: 'CORSRule',
  members: {
    ID: string(),
    AllowedHeaders: { type: 'list', member: string() },
    AllowedMethods: { type: 'list', member: string({ enum: { name: 'AllowedMethods', values: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] } }) },
    AllowedOrigins: { type: 'list', member: string() },
    ExposeHeaders: { type: 'list', member: string() },
    MaxAgeSeconds: { type: 'number' },
  },
  required: ['AllowedMethods', 'AllowedOrigins'],
};

const CORS_RULES: ListShape = { type: 'list', member: CORS_RULE, limit: { min: 1, max: 100 } };

/** `aws s3api get-bucket-cors` output, or the `--cors-configuration` file of put-bucket-cors. */
export const CORS_CONFIGURATION: StructureShape = { type: 'structure', name: 'CORSConfiguration', members: { CORSRules: CORS_RULES }, required: ['CORSRules'] };

/** `aws s3api put-bucket-cors --cli-input-json`. */
export const PUT_BUCKET_CORS: StructureShape = {
  type: 'structure',
  name: 'PutBucketCorsRequest',
  members: {
    Bucket: string(),
    CORSConfiguration: CORS_CONFIGURATION,
    ContentMD5: string(),
    ChecksumAlgorithm: string(),
    ExpectedBucketOwner: string(),
  },
  required: ['Bucket', 'CORSConfiguration'],
};

export const CORS_RULE_LIST: ListShape = CORS_RULES;

const VPC_ENDPOINT_TYPE = string({ enum: { name: 'VpcEndpointType', values: ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'] } });

/** EC2 CreateVpcEndpoint input, or one item of DescribeVpcEndpoints output. */
export const VPC_ENDPOINT: StructureShape = {
  type: 'structure',
  name: 'VpcEndpoint',
  members: {
    VpcEndpointType: VPC_ENDPOINT_TYPE,
    ServiceName: string(),
    VpcId: string(),
    PolicyDocument: POLICY_OR_STRING,
    RouteTableIds: { type: 'list', member: string() },
    SubnetIds: { type: 'list', member: string() },
    SecurityGroupIds: { type: 'list', member: string() },
    PrivateDnsEnabled: { type: 'boolean' },
  },
  required: [],
  open: true,
};

/** EC2 CreateVpcEndpoint's response: the endpoint under `VpcEndpoint`. */
export const CREATE_VPC_ENDPOINT_RESULT: StructureShape = {
  type: 'structure',
  name: 'CreateVpcEndpointResult',
  members: { VpcEndpoint: VPC_ENDPOINT, ClientToken: string() },
  required: [],
  open: true,
};

export const DESCRIBE_VPC_ENDPOINTS: StructureShape = {
  type: 'structure',
  name: 'DescribeVpcEndpointsResult',
  members: { VpcEndpoints: { type: 'list', member: VPC_ENDPOINT } },
  required: [],
  open: true,
};

const ROLE: StructureShape = {
  type: 'structure',
  name: 'Role',
  members: { RoleName: string(), Arn: string({ arn: 'role' }), Path: string(), AssumeRolePolicyDocument: POLICY_OR_STRING },
  required: [],
  open: true,
};

/** `aws iam create-role --cli-input-json`. */
export const CREATE_ROLE: StructureShape = { ...ROLE, name: 'CreateRoleRequest', required: ['RoleName', 'AssumeRolePolicyDocument'] };

/** `aws iam get-role` output. */
export const GET_ROLE: StructureShape = { type: 'structure', name: 'GetRoleResponse', members: { Role: ROLE }, required: ['Role'], open: true };

// CloudFormation -------------------------------------------------------------------------------
// The members CloudFormation's resource types spell otherwise than the APIs (CloudFormation
// Template Reference: AWS::S3::Bucket CorsRule, AWS::SageMaker::Workteam).

/** An `AWS::S3::Bucket` `CorsConfiguration.CorsRules` item: `ExposedHeaders`, `Id` and `MaxAge` where the S3 API has `ExposeHeaders`, `ID` and `MaxAgeSeconds`. */
const CLOUDFORMATION_CORS_RULE: StructureShape = {
  type: 'structure',
  name: 'CorsRule',
  members: {
    Id: string({ limit: { max: 255 } }),
    AllowedHeaders: { type: 'list', member: string() },
    AllowedMethods: { type: 'list', member: string({ enum: { name: 'AllowedMethods', values: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] } }) },
    AllowedOrigins: { type: 'list', member: string() },
    ExposedHeaders: { type: 'list', member: string() },
    MaxAge: { type: 'number', limit: { min: 0 } },
  },
  required: ['AllowedMethods', 'AllowedOrigins'],
};

export const CLOUDFORMATION_CORS_RULES: ListShape = { type: 'list', member: CLOUDFORMATION_CORS_RULE, limit: { min: 1, max: 100 } };

/** The `S3 API` name of each CloudFormation CORS rule member that is spelt otherwise. */
export const CLOUDFORMATION_CORS_NAMES: Readonly<Record<string, string>> = { ExposeHeaders: 'ExposedHeaders', ID: 'Id', MaxAgeSeconds: 'MaxAge' };

/** `AWS::SageMaker::Workteam`'s properties: no `WorkerAccessConfiguration`, and member definitions spelt `CognitoUserPool`... */
export const CLOUDFORMATION_WORKTEAM: StructureShape = {
  type: 'structure',
  name: 'AWS::SageMaker::Workteam',
  members: {
    Description: string({ limit: { min: 1, max: 200 } }),
    MemberDefinitions: {
      type: 'list',
      limit: { min: 1, max: 10 },
      member: {
        type: 'structure',
        name: 'MemberDefinition',
        members: {
          CognitoMemberDefinition: {
            type: 'structure',
            name: 'CognitoMemberDefinition',
            members: { CognitoUserPool: string(), CognitoUserGroup: string(), CognitoClientId: string() },
            required: ['CognitoUserPool', 'CognitoUserGroup', 'CognitoClientId'],
          },
          OidcMemberDefinition: {
            type: 'structure',
            name: 'OidcMemberDefinition',
            members: { OidcGroups: { type: 'list', member: string(), limit: { min: 1, max: 10 } } },
            required: ['OidcGroups'],
          },
        },
        required: [],
      },
    },
    NotificationConfiguration: {
      type: 'structure',
      name: 'NotificationConfiguration',
      members: { NotificationTopicArn: string() },
      required: ['NotificationTopicArn'],
    },
    Tags: { type: 'list', member: { type: 'structure', name: 'Tag', members: { Key: string(), Value: string() }, required: ['Key', 'Value'] } },
    WorkforceName: string({ limit: { min: 1, max: 63 } }),
    WorkteamName: string({ limit: { min: 1, max: 63 } }),
  },
  required: [],
};
