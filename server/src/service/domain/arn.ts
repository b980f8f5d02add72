/**
 * The ARNs this domain passes around: workteams, workforces, IAM roles, human task UIs and flow
 * definitions. Validation follows the formats in the SageMaker and IAM API references; policy
 * values may use the `*` and `?` wildcards of ARN and string condition operators.
 */
import type { ArnKind } from '../json/sagemakerFacts';

export const WORKTEAM_TYPES = ['public-crowd', 'private-crowd', 'vendor-crowd'] as const;

const PARTITION = /^aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?$/;
/** `us-east-1`, `us-gov-west-1`, `us-isob-east-1`, `eusc-de-east-1` (the European Sovereign Cloud). */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
/** SageMaker resource names: letters, digits and single hyphens between them, up to 63 characters. */
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/** IAM role names and path segments. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const EXAMPLES: Record<ArnKind, string> = {
  workteam: 'arn:aws:sagemaker:<region>:<account>:workteam/private-crowd/<name>',
  workforce: 'arn:aws:sagemaker:<region>:<account>:workforce/<name>',
  role: 'arn:aws:iam::<account>:role/<name>',
  'human-task-ui': 'arn:aws:sagemaker:<region>:<account>:human-task-ui/<name>',
  'flow-definition': 'arn:aws:sagemaker:<region>:<account>:flow-definition/<name>',
};

/** Where an ARN is written, which decides what may stand for the parts not written out. */
export interface ArnContext {
  /** `*` and `?` match any characters: policy resources, ARN condition operators, `StringLike`. */
  wildcards?: boolean;
  /** IAM policy variables (`${aws:username}`) stand for values of the request: policy resources and condition values. */
  variables?: boolean;
}

/** What a policy variable becomes before an ARN is split: its value is only known when the request is made, and may hold ":" or "/". */
const VARIABLE = '\u0000';

function withoutVariables(arn: string, context: ArnContext): string {
  return context.variables && arn.includes('${') ? arn.replace(/\$\{[^}]*\}/g, VARIABLE) : arn;
}

/**
 * The six colon-separated parts of an ARN, the last with its own colons (`arn:aws:logs:r:1:log-group:g:*`):
 * undefined for text of fewer than six.
 */
export function arnParts(text: string): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return undefined;
    parts.push(text.slice(from, colon));
    from = colon + 1;
  }
  parts.push(text.slice(from));
  return parts;
}

/** Whether a part holds a wildcard or a policy variable where the context allows them: it stands for values not written out. */
function isWild(part: string, context: ArnContext): boolean {
  return (!!context.wildcards && (part.includes('*') || part.includes('?'))) || (!!context.variables && part.includes(VARIABLE));
}

/** Which kind a resource part names (`workteam/...` → workteam), for "this is a role ARN, not ...". */
export function arnKindOf(arn: string, context: ArnContext = {}): ArnKind | undefined {
  // Most ARNs are other services' (a policy's S3 objects): told apart by the service part, with nothing split.
  if (!arn.includes('${')) {
    const second = arn.startsWith('arn:') ? arn.indexOf(':', 4) : -1;
    if (second < 0 || !(arn.startsWith('iam:', second + 1) || arn.startsWith('sagemaker:', second + 1))) return undefined;
  }
  const parts = arnParts(withoutVariables(arn, context));
  if (!parts || parts[0] !== 'arn') return undefined;
  const resource = parts[5];
  if (parts[2] === 'iam' && resource.startsWith('role/')) return 'role';
  if (parts[2] !== 'sagemaker') return undefined;
  const type = resource.split('/')[0];
  return (['workteam', 'workforce', 'human-task-ui', 'flow-definition'] as ArnKind[]).find((k) => k === type);
}

/**
 * What is wrong with `arn` as an ARN of `kind`, or undefined when it is right. Parts holding a
 * wildcard or a policy variable (where `context` allows them) stand for values not written out,
 * so only the other parts are checked.
 */
export function arnProblem(original: string, kind: ArnKind, context: ArnContext = {}): string | undefined {
  const arn = withoutVariables(original, context);
  if (isWild(arn, context) && !arn.startsWith('arn:')) return undefined;
  const parts = arnParts(arn);
  if (!parts || parts[0] !== 'arn') return `not an ARN: expected ${EXAMPLES[kind]}`;
  const [, partition, service, region, account, resource] = parts;
  const expectedService = kind === 'role' ? 'iam' : 'sagemaker';
  if (!isWild(partition, context) && !PARTITION.test(partition)) return `"${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov...)`;
  if (!isWild(service, context) && service !== expectedService) {
    const other = arnKindOf(original, context);
    return other ? `this is a ${other} ARN, not a ${kind} ARN` : `the service must be "${expectedService}" for a ${kind} ARN, not "${service}"`;
  }
  if (kind === 'role') {
    if (region !== '' && !isWild(region, context)) return 'IAM ARNs have no region: arn:aws:iam::<account>:role/<name>';
  } else if (!isWild(region, context) && !REGION.test(region)) return `"${region}" is not a region (such as us-east-1)`;
  if (!isWild(account, context) && !ACCOUNT.test(account)) return `"${account}" is not a 12-digit account ID`;
  if (isWild(resource, context)) return undefined;
  const segments = resource.split('/');
  const type = segments[0];
  if (kind === 'role') {
    if (type !== 'role') return `the resource must be role/<name>, not "${resource}"`;
    const names = segments.slice(1);
    if (!names.length || names.some((n) => !ROLE_NAME.test(n)))
      return `"${names.join('/')}" is not a role name (letters, digits and +=,.@_-, up to 64 characters)`;
    return undefined;
  }
  if (type !== kind) {
    const other = arnKindOf(original, context);
    return other ? `this is a ${other} ARN, not a ${kind} ARN` : `the resource must start with ${kind}/, not "${resource}"`;
  }
  if (kind === 'workteam') {
    if (segments.length !== 3) return `a workteam ARN ends in workteam/<type>/<name>, where <type> is ${WORKTEAM_TYPES.join(', ')}`;
    if (!(WORKTEAM_TYPES as readonly string[]).includes(segments[1])) return `"${segments[1]}" is not a workteam type: use ${WORKTEAM_TYPES.join(', ')}`;
  } else if (segments.length !== 2) return `the resource must be ${kind}/<name>`;
  const name = segments[segments.length - 1];
  if (!SAGEMAKER_NAME.test(name))
    return `"${name}" is not a valid name (letters, digits and hyphens, up to 63 characters, not starting or ending with a hyphen)`;
  return undefined;
}

/** The role name of a role ARN (`arn:aws:iam::1:role/path/Name` → `Name`). */
export function roleNameOf(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}
