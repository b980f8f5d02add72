/**
 * What each file contributes to the cross-file checks, reduced to small plain objects (with the
 * offsets they point at): the index compares them between versions, offsets aside, so an edit
 * that changes no fact re-checks nothing else.
 */
import { Node, getNodeValue, parseTree } from 'jsonc-parser';
import { PRESIGN_FILTERS } from '../domain/liquid';
import { roleNameOf } from '../domain/arn';
import { corsRules, rulesAllowWorkerGet } from '../domain/cors';
import { coversAction, bucketsOf, statementsOf, StatementView, conditionKey, statementAnchor } from '../domain/iam';
import { bucketOf, isS3Reference } from '../domain/s3';
import { JsonDocument, anchorOf, member, recordRoot, stringValue, valuesOf } from '../json/document';
import { isWorkteamRequest } from '../json/kinds';
import { hasUnknown } from '../domain/unknown';
import { runSteps, stepEvery } from '../util/steps';
import { evaluate } from '../policy/evaluate';
import { sageMakerAssumesRole } from '../policy/requests';
import type { SampleInput } from '../sampleInput';
import type { TemplateDocument } from '../template/document';
import { allFilterCalls } from '../template/queries';
import { inputReferences } from '../template/scope';

export interface Span {
  start: number;
  end: number;
}

export interface TemplateFacts {
  /** The first use of a presigning filter, and how many there are. */
  presign?: Span & { filter: string; count: number };
  /** The first `s3_presign`: its URLs are, by name, subject to the workteam's S3Presign constraints. */
  s3Presign?: Span;
  /** Why this is an Augmented AI template. */
  a2i?: Span & { why: string };
  /** Buckets the task reads, from S3 references in the template (its sample input's are in `sampleBuckets`). */
  buckets: string[];
}

export interface WorkteamFacts {
  name?: string;
  anchor: Span;
  /** An update request: what it leaves out stays as it is. */
  update: boolean;
  /** A CreateWorkteam or UpdateWorkteam request, which a fix may edit. */
  request: boolean;
  /** The workforce a CreateWorkteam request names. */
  workforceName?: string;
  /**
   * What the presigned URLs of the workteam's tasks are held to. `unchanged`: an update without
   * WorkerAccessConfiguration leaves the current configuration in place; `absent`: no
   * IamPolicyConstraints (also when an update's WorkerAccessConfiguration leaves them out, which
   * replaces the configuration); `unrestricted`: constraints with neither Enabled; `restricted`:
   * SourceIp or VpcSourceIp Enabled.
   */
  access: 'unchanged' | 'absent' | 'unrestricted' | 'restricted';
  /** Where the constraints are (or the WorkerAccessConfiguration, or the anchor). */
  accessAnchor: Span;
  /** `SourceIp: "Enabled"`, where it is. */
  sourceIp?: Span;
  vpcSourceIp: boolean;
  /** An `AWS::SageMaker::Workteam` of a CloudFormation template, which cannot set WorkerAccessConfiguration: UpdateWorkteam must. */
  cloudFormation?: true;
}

export interface WorkforceFacts {
  name?: string;
  anchor: Span;
  update: boolean;
  /** The SourceIpConfig key, when there is one. */
  sourceIpConfig?: Span;
  cidrs: (Span & { value: string })[];
  /** The WorkforceVpcConfig member: the worker portal is in a VPC. */
  vpc?: Span;
}

export interface JobFacts {
  role?: Span & { arn: string; name: string };
  kmsKeyId?: Span & { value: string };
}

export interface TrustFacts {
  /** The role this trust policy belongs to, when the document says (CreateRole, GetRole). */
  roleName?: string;
  anchor: Span;
  /** Whether IAM lets sagemaker.amazonaws.com call sts:AssumeRole under this trust policy; undefined when the workspace does not decide (a condition on the caller). */
  sagemaker: boolean | undefined;
  /** The Deny statement that refuses it, when one does. */
  denied?: Span;
  /** Path of the policy's Statement list, where a fix adds a statement; absent when the policy is a JSON string or Statement is not a list. */
  statementPath?: (string | number)[];
}

/**
 * A Deny statement of a bucket policy with an `aws:SourceIp` condition: the IP allow-list. Kept as
 * its text, so that the workforce's checks can evaluate it (`policy/evaluate.ts`) for their
 * workers' requests.
 */
export interface IpGate {
  buckets: string[];
  /** The `aws:SourceIp` key. */
  anchor: Span;
  /** The statement, by its Sid or its Effect: where a finding says which statement denies. */
  statement: Span;
  /** The statement as JSON. */
  text: string;
}

export interface CorsFacts {
  bucket?: string;
  anchor: Span;
  allowsWorkerGet: boolean;
}

/**
 * A loose file has at most one workteam, trust policy or CORS rule set; a CloudFormation template
 * may have several (two buckets with CORS rules, two workteams): those kinds are lists.
 */
export interface DocumentFacts {
  template?: TemplateFacts;
  workteams?: WorkteamFacts[];
  workforce?: WorkforceFacts;
  job?: JobFacts;
  trusts?: TrustFacts[];
  ipGates?: IpGate[];
  cors?: CorsFacts[];
}

/**
 * The fact of a list that belongs to one document: the one whose anchor is inside it (the
 * documents a CloudFormation template embeds share its facts).
 */
export function factOf<F extends { anchor: Span }>(facts: readonly F[] | undefined, document: JsonDocument): F | undefined {
  const root = document.root;
  if (!facts?.length || !root) return undefined;
  // A document's anchor may be the key it is the value of (`CorsRules:`, `Properties:`).
  const start = root.parent?.type === 'property' ? root.parent.offset : root.offset;
  return facts.find((f) => f.anchor.start >= start && f.anchor.end <= root.offset + root.length);
}

const span = (node: Node): Span => ({ start: node.offset, end: node.offset + node.length });

/** A string value the file decides wholly (`domain/unknown.ts`), or undefined. */
function knownString(node: Node | undefined): string | undefined {
  const value = stringValue(node);
  return value === undefined || hasUnknown(value) ? undefined : value;
}

// Templates -----------------------------------------------------------------------------------

const A2I_ELEMENTS = new Set(['crowd-rekognition-detect-moderation-labels', 'crowd-textract-analyze-document']);
const A2I_INPUT_KEYS = new Set(['aiServiceRequest', 'aiServiceResponse', 'selectedAiServiceResponse', 'humanLoopContext']);
const S3_URI = /s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^\s"'<>{}]*/gi;
/** A sample input is data, not configuration: only this much of it is searched for buckets. */
const SAMPLE_NODE_LIMIT = 10_000;

export function templateFacts(document: TemplateDocument): TemplateFacts {
  const facts: TemplateFacts = { buckets: [] };
  let count = 0;
  for (const { call } of allFilterCalls(document)) {
    if (!PRESIGN_FILTERS.has(call.name)) continue;
    count++;
    facts.presign ??= { start: call.nameStart, end: call.nameEnd, filter: call.name, count: 0 };
    if (call.name === 's3_presign') facts.s3Presign ??= { start: call.nameStart, end: call.nameEnd };
  }
  if (facts.presign) facts.presign.count = count;
  const element = document.elements.find((e) => A2I_ELEMENTS.has(e.name));
  if (element) facts.a2i = { start: element.nameStart, end: element.nameEnd, why: `<${element.name}>` };
  else {
    for (const ref of inputReferences(document).values()) {
      const key = ref.path[0];
      if (typeof key === 'string' && A2I_INPUT_KEYS.has(key)) {
        facts.a2i = { start: ref.variable.start, end: ref.variable.end, why: `task.input.${key}` };
        break;
      }
    }
  }
  const buckets = new Set<string>();
  for (const m of document.text.matchAll(S3_URI)) {
    const bucket = bucketOf(m[0]);
    if (bucket) buckets.add(bucket);
  }
  facts.buckets = [...buckets].sort();
  return facts;
}

const sampleBucketCache = new WeakMap<SampleInput, string[]>();

/**
 * Buckets of S3 references in a sample input, and A2I's `S3Object.Bucket` members. Apart from
 * the template's facts, which a keystroke in the sample input thus leaves alone; worked out once
 * per version of the sample.
 */
export function sampleBuckets(sample: SampleInput | undefined): string[] {
  if (!sample?.root) return [];
  let buckets = sampleBucketCache.get(sample);
  if (!buckets) sampleBucketCache.set(sample, (buckets = [...new Set(bucketsIn(sample.root))].sort()));
  return buckets;
}

function bucketsIn(root: Node): string[] {
  const out: string[] = [];
  const stack = [root];
  for (let seen = 0; stack.length && seen < SAMPLE_NODE_LIMIT; seen++) {
    const node = stack.pop()!;
    if (node.type === 'string' && isS3Reference(node.value as string)) {
      const bucket = bucketOf(node.value as string);
      if (bucket) out.push(bucket);
    } else if (node.type === 'object' && member(node.parent?.parent, 'S3Object') === node) {
      const bucket = stringValue(member(node, 'Bucket'));
      if (bucket) out.push(bucket.toLowerCase());
    }
    if (node.children) stack.push(...node.children);
  }
  return out;
}

// JSON ----------------------------------------------------------------------------------------

/**
 * `literal`: the document is a loose JSON file, whose tree was read from its text, so that a
 * statement's text is its JSON (a CloudFormation template's embedded policy has values its
 * intrinsic functions resolve to, and may be YAML).
 */
export function jsonFacts(json: JsonDocument, fileName: string, literal = false): DocumentFacts {
  return runSteps(jsonFactsSteps(json, fileName, Infinity, literal));
}

/** `jsonFacts`, a policy's IP gates `slice` statements a step: each is copied out as text, which a 1 MB policy paid in one 20 ms call. */
export function* jsonFactsSteps(json: JsonDocument, fileName: string, slice: number, literal = false): Generator<void, DocumentFacts> {
  const root = json.root;
  if (!root || !json.shape) return {};
  switch (json.shape.kind) {
    case 'workteam':
      return { workteams: [workteamFacts(json)] };
    case 'workforce':
      return { workforce: workforceFacts(json) };
    case 'flow-definition':
    case 'labeling-job':
      return { job: jobFacts(root) };
    case 'role':
      return { trusts: [roleTrustFacts(json)] };
    case 'policy': {
      const statements = statementsOf(root);
      const facts: DocumentFacts = {};
      if (statements.some(isTrustStatement)) facts.trusts = [{ ...trustOf(statements, root), roleName: undefined, statementPath: statementListPath(root, []) }];
      const gates = yield* ipGatesSteps(statements, slice, literal ? json : undefined);
      if (gates.length) facts.ipGates = gates;
      return facts;
    }
    case 'cors':
      return { cors: [corsFacts(json, fileName)] };
    default:
      return {};
  }
}

export function workteamFacts(json: JsonDocument): WorkteamFacts {
  const top = recordRoot(json)!;
  const nameNode = member(top, 'WorkteamName');
  const access = member(top, 'WorkerAccessConfiguration');
  const constraints = member(member(access, 'S3Presign'), 'IamPolicyConstraints');
  const sourceIp = member(constraints, 'SourceIp');
  const vpcSourceIp = member(constraints, 'VpcSourceIp');
  const enabled = (n: Node | undefined) => stringValue(n) === 'Enabled';
  const anchor = nameNode?.parent?.children?.[0] ? span(nameNode.parent.children[0]) : anchorOf(top);
  const update = !!json.shape!.update;
  return {
    name: knownString(nameNode),
    anchor,
    update,
    request: isWorkteamRequest(json.shape!.id),
    workforceName: knownString(member(top, 'WorkforceName')),
    access: update && !access ? 'unchanged' : !constraints ? 'absent' : enabled(sourceIp) || enabled(vpcSourceIp) ? 'restricted' : 'unrestricted',
    accessAnchor: constraints ? anchorOf(constraints) : access ? anchorOf(access) : anchor,
    sourceIp: enabled(sourceIp) ? span(sourceIp!) : undefined,
    vpcSourceIp: enabled(vpcSourceIp),
    ...(json.shape!.id === 'CloudFormationWorkteam' ? { cloudFormation: true as const } : {}),
  };
}

export function workforceFacts(json: JsonDocument): WorkforceFacts {
  const top = recordRoot(json)!;
  const nameNode = member(top, 'WorkforceName');
  const sourceIpConfig = member(top, 'SourceIpConfig');
  const cidrs = valuesOf(member(sourceIpConfig, 'Cidrs')).flatMap((n) => (n.type === 'string' ? [{ ...span(n), value: n.value as string }] : []));
  const vpc = member(top, 'WorkforceVpcConfig');
  return {
    name: knownString(nameNode),
    anchor: nameNode?.parent?.children?.[0] ? span(nameNode.parent.children[0]) : anchorOf(top),
    update: !!json.shape!.update,
    sourceIpConfig: sourceIpConfig && anchorOf(sourceIpConfig),
    cidrs,
    vpc: vpc && vpc.type === 'object' ? anchorOf(vpc) : undefined,
  };
}

function jobFacts(root: Node): JobFacts {
  const facts: JobFacts = {};
  const role = member(root, 'RoleArn');
  const arn = stringValue(role);
  const name = arn && roleNameOf(arn);
  if (role && arn && name) facts.role = { ...span(role), arn, name };
  const kms = member(member(root, 'OutputConfig'), 'KmsKeyId');
  if (kms?.type === 'string' && kms.value) facts.kmsKeyId = { ...span(kms), value: kms.value as string };
  return facts;
}

/**
 * A statement of a role's trust policy: it names who may assume the role. IAM rejects
 * `Resource` in a trust policy, so a statement with one belongs to another kind of policy (a
 * bucket policy's `"Action": "*"` Deny covers sts:AssumeRole too).
 */
function isTrustStatement(statement: StatementView): boolean {
  return !!statement.principal && !statement.resources && !statement.notResources && coversAction(statement, 'sts:AssumeRole');
}

function trustOf(statements: StatementView[], policy: Node): Omit<TrustFacts, 'roleName' | 'statementPath'> {
  const decision = evaluate(statements, sageMakerAssumesRole());
  const statement = member(policy, 'Statement');
  return {
    anchor: statement?.parent?.children?.[0] ? span(statement.parent.children[0]) : anchorOf(policy),
    sagemaker: decision.outcome === undefined ? undefined : decision.outcome === 'allow',
    denied: decision.outcome === 'deny' ? statementAnchor(decision.deciding[0]) : undefined,
  };
}

function roleTrustFacts(json: JsonDocument): TrustFacts {
  const get = json.shape!.id === 'GetRole';
  const role = get ? member(json.root, 'Role') : json.root;
  const roleName = stringValue(member(role, 'RoleName')) ?? roleNameOf(stringValue(member(role, 'Arn')) ?? '');
  const document = member(role, 'AssumeRolePolicyDocument');
  const base = get ? ['Role', 'AssumeRolePolicyDocument'] : ['AssumeRolePolicyDocument'];
  if (document?.type === 'string') {
    // The CLI takes the policy as a JSON string; a URL-encoded one (GetRole over the raw API) is decoded first.
    let text = document.value as string;
    if (/^%7B/i.test(text)) text = safeDecode(text);
    const policy = parseTree(text);
    return { roleName, anchor: span(document), sagemaker: policy ? trustOf(statementsOf(policy), policy).sagemaker : false };
  }
  if (document?.type === 'object') return { roleName, ...trustOf(statementsOf(document), document), statementPath: statementListPath(document, base) };
  return { roleName, anchor: anchorOf(role ?? json.root!), sagemaker: false };
}

function statementListPath(policy: Node, path: (string | number)[]): (string | number)[] | undefined {
  return member(policy, 'Statement')?.type === 'array' ? [...path, 'Statement'] : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `source`: the loose JSON file the statements were read from (`jsonFacts`' `literal`). */
function* ipGatesSteps(statements: StatementView[], slice: number, source?: JsonDocument): Generator<void, IpGate[]> {
  const gates: IpGate[] = [];
  const step = stepEvery(slice);
  // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
  const eachStatement = statements;
  for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
    const statement = eachStatement[atStatement];
    if (step()) yield;
    const gate = ipGate(statement, source);
    if (gate) gates.push(gate);
  }
  return gates;
}

/** A statement's IP gate, if it is one: in a function of its own (a generator is not optimized in the middle of its loop). */
function ipGate(statement: StatementView, source: JsonDocument | undefined): IpGate | undefined {
  if (statement.effect !== 'Deny') return undefined;
  const sourceIp = statement.conditions.find((c) => conditionKey(c.key)?.key === 'aws:SourceIp');
  if (!sourceIp) return undefined;
  return {
    // A bucket the file does not name (`!Ref Bucket` of an unnamed one) is no name for a message.
    buckets: bucketsOf(statement).filter((b) => !hasUnknown(b)),
    anchor: span(sourceIp.keyNode),
    statement: statementAnchor(statement),
    // As JSON whatever the file's syntax (a CloudFormation template may be YAML): the checks parse it back.
    text: statementJson(statement.node, source),
  };
}

/**
 * A statement as JSON: in a loose JSON file without syntax errors, its own text (a cut of the
 * file's text, which costs neither an object tree nor a copy; `WorkspaceIndex.detach` copies it
 * when the text is let go); else its value written out. (Whether an error lies in a statement is
 * not asked: a broken file's statements times its errors would be quadratic.)
 */
function statementJson(node: Node, source: JsonDocument | undefined): string {
  const end = node.offset + node.length;
  const text = source && !source.errors.length ? source.text : undefined;
  // An object's text starts and ends with its braces.
  if (text && node.type === 'object' && text[node.offset] === '{' && text[end - 1] === '}') return text.slice(node.offset, end);
  return JSON.stringify(getNodeValue(node));
}

function corsFacts(json: JsonDocument, fileName: string): CorsFacts {
  const root = json.root!;
  const rules = corsRules(json);
  const allowsWorkerGet = rulesAllowWorkerGet(rules);
  const bucket = stringValue(member(root, 'Bucket'))?.toLowerCase() ?? bucketFromFileName(fileName);
  return {
    bucket,
    anchor: rules?.parent?.children?.[0] && rules.parent.type === 'property' ? span(rules.parent.children[0]) : anchorOf(root),
    allowsWorkerGet,
  };
}

/** `cors.<bucket>.json` or `<bucket>.cors.json`: the file names that say which bucket a CORS file is for. */
function bucketFromFileName(fileName: string): string | undefined {
  const m = /^cors[.-]([a-z0-9][a-z0-9.-]+[a-z0-9])\.json$/i.exec(fileName) ?? /^([a-z0-9][a-z0-9.-]+[a-z0-9])[.-]cors\.json$/i.exec(fileName);
  return m?.[1].toLowerCase();
}
