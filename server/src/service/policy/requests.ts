/**
 * The requests whose fate the policy checks ask about, as the IAM User Guide's global condition
 * keys describe them. What the workspace does not say stays unknown (a key left out, or an
 * `UNKNOWN` part of a value), so the evaluation stays undecided wherever it would matter.
 */
import { Cidr, nonPublic, parseCidr } from '../domain/cidr';
import type { WORKTEAM_TYPES } from '../domain/arn';
import { ContextValue, RequestModel, UNKNOWN, Value } from './evaluate';

const ABSENT: ContextValue = { absent: true };
const present = (...values: Value[]): ContextValue => ({ values });
const unknownValue = present([UNKNOWN]);

function context(entries: Record<string, ContextValue>): Map<string, ContextValue> {
  return new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * How a worker's browser reaches S3 with a presigned URL: over the internet from an address in a
 * block (one of the workforce's CIDRs), or through a VPC endpoint of the workforce's VPC.
 */
export type WorkerPath = { via: 'internet'; from: Cidr } | { via: 'vpc-endpoint' };

/** A block of addresses workers reach the public worker portal from, and where the workforce lists it (none: every address). */
export interface PortalBlock {
  value: string;
  cidr: Cidr;
  start?: number;
  end?: number;
}

const EVERY_ADDRESS: PortalBlock = { value: '0.0.0.0/0', cidr: (parseCidr('0.0.0.0/0') as { ok: true; cidr: Cidr }).cidr };

/** What `internetBlocks` reads of a workforce (`WorkforceFacts` in `workspace/facts.ts` has it). */
export interface WorkforcePortal {
  /** An UpdateWorkforce request, which leaves what it does not name as it is. */
  update: boolean;
  /** The SourceIpConfig key, when there is one. */
  sourceIpConfig?: unknown;
  cidrs: { value: string; start: number; end: number }[];
}

/**
 * The blocks workers reach the public portal from: the workforce's public CIDRs, or every address
 * when it has none (SourceIpConfig: "by default, a workforce isn't restricted to specific IP
 * addresses"). A private block admits no one over the internet (with a VPC portal, that is how
 * the public portal is closed); an update that leaves the CIDRs out says nothing of them.
 */
export function internetBlocks(workforce: WorkforcePortal): PortalBlock[] {
  if (!workforce.cidrs.length) return workforce.update && !workforce.sourceIpConfig ? [] : [EVERY_ADDRESS];
  return workforce.cidrs.flatMap((c) => {
    const parsed = parseCidr(c.value);
    return parsed.ok && !nonPublic(parsed.cidr) ? [{ ...c, cidr: parsed.cidr }] : [];
  });
}

/**
 * A worker's browser opening a presigned URL: a direct request (`aws:ViaAWSService` false) over
 * HTTPS (`aws:SecureTransport` true), signed with the task's credentials, which the workspace does
 * not name, for an object of the bucket whose policy is read. Over the internet it carries
 * `aws:SourceIp` and none of the VPC keys; through a VPC endpoint `aws:SourceVpce`,
 * `aws:SourceVpc` and `aws:VpcSourceIp` (values unknown here) and no `aws:SourceIp`.
 */
export function workerRead(path: WorkerPath, action = 's3:GetObject'): RequestModel {
  // Built once per path and action: a check asks for the same request for every policy of a
  // stack (hundreds), and building its context was two fifths of such a check's time.
  const byAction = path.via === 'internet' ? (internetReads.get(path.from) ?? internetReads.set(path.from, new Map()).get(path.from)!) : vpcReads;
  let request = byAction.get(action);
  if (!request) byAction.set(action, (request = Object.freeze(buildWorkerRead(path, action))));
  return request;
}

/** The requests `workerRead` has built: through a VPC endpoint by action, over the internet by block and action. */
const vpcReads = new Map<string, RequestModel>();
const internetReads = new WeakMap<Cidr, Map<string, RequestModel>>();

function buildWorkerRead(path: WorkerPath, action: string): RequestModel {
  const network: Record<string, ContextValue> =
    path.via === 'internet'
      ? { 'aws:SourceIp': { ip: path.from }, 'aws:SourceVpce': ABSENT, 'aws:SourceVpc': ABSENT, 'aws:VpcSourceIp': ABSENT }
      : { 'aws:SourceIp': ABSENT, 'aws:SourceVpce': unknownValue, 'aws:SourceVpc': unknownValue, 'aws:VpcSourceIp': unknownValue };
  return {
    principal: { aws: [UNKNOWN] },
    action,
    resource: { bucketObject: [UNKNOWN] },
    context: context({ ...network, 'aws:ViaAWSService': present(['false']), 'aws:SecureTransport': present(['true']) }),
  };
}

export type WorkteamType = (typeof WORKTEAM_TYPES)[number];
export const JOB_ACTIONS = ['sagemaker:CreateLabelingJob', 'sagemaker:CreateFlowDefinition'] as const;

/**
 * Creating a labeling job or flow definition that sends tasks to a workteam of a type, by a
 * caller the identity policy being read is attached to: `sagemaker:WorkteamType` is the type, and
 * `sagemaker:WorkteamArn` `arn:<partition>:sagemaker:<region>:<account>:workteam/<type>/<name>`
 * with the rest unknown (the partition too, unless the caller knows it).
 */
export function createJob(action: (typeof JOB_ACTIONS)[number], type: WorkteamType, partition: string | typeof UNKNOWN = UNKNOWN): RequestModel {
  return {
    principal: { aws: [UNKNOWN] },
    attached: true,
    action,
    resource: ['arn:', partition, ':sagemaker:', UNKNOWN, ':', UNKNOWN, ':', action.endsWith('LabelingJob') ? 'labeling-job/' : 'flow-definition/', UNKNOWN],
    context: context({
      'sagemaker:WorkteamType': present([type]),
      'sagemaker:WorkteamArn': present(workteamArn(type, partition)),
    }),
  };
}

/** A workteam's ARN, `arn:<partition>:sagemaker:<region>:<account>:workteam/<type>/<name>`, with what is not known left unknown. */
export function workteamArn(type: WorkteamType, partition: string | typeof UNKNOWN = UNKNOWN): Value {
  return ['arn:', partition, ':sagemaker:', UNKNOWN, ':', UNKNOWN, `:workteam/${type}/`, UNKNOWN];
}

/** SageMaker assuming a role (`sts:AssumeRole` by the service principal), as the role's trust policy sees it. */
export function sageMakerAssumesRole(): RequestModel {
  return { principal: { service: 'sagemaker.amazonaws.com' }, action: 'sts:AssumeRole', resource: [UNKNOWN], context: new Map() };
}

/** The job's role acting on a resource (its KMS key, its S3 input and output), as that resource's policy sees it. */
export function roleRequest(roleArn: string, action: string, resource: Value | { bucketObject: Value } = [UNKNOWN]): RequestModel {
  return { principal: { aws: [roleArn] }, action, resource, context: new Map() };
}
