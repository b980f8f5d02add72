/**
 * Condition keys as IAM types them: the global keys (`aws:*`), which AWS documents in the IAM
 * User Guide rather than in the Service Authorization Reference, so the data package does not
 * carry them; the cross-service keys that any action's request may carry; and what a key's type
 * (`String`, `ArrayOfARN`, ...) says about the operators that compare it. Service keys come from
 * the reference (`iamReference.ts`); key names with a variable part (`aws:RequestTag/${TagKey}`,
 * `s3:ExistingObjectTag/<key>`) are templates, matched here.
 */
import { wildcardMatch } from './iam';
import type { OperatorFamily } from './iam';
import { KeptAnswers } from '../util/keptAnswers';

/** A key as AWS lists it: the name (or template), what it filters by, its type as the reference spells it. */
export interface ConditionKeyDefinition {
  key: string;
  description: string;
  /** `String`, `ARN`, `Numeric`, `Date`, `Bool`, `IPAddress`, or `ArrayOf` one of them (multivalued). */
  type: string;
}

export interface KeyType {
  /** As the reference spells it (`ArrayOfString`). */
  name: string;
  /** The operator families that compare the key as intended, its own first (ARN keys: `arn`, then `string`). */
  families: readonly OperatorFamily[];
  /** At most one value in the request context, or several (`ArrayOf...`): set operators are for these only. */
  multivalued: boolean;
}

const FAMILIES: Record<string, readonly OperatorFamily[]> = {
  String: ['string'],
  ARN: ['arn', 'string'],
  Numeric: ['numeric'],
  Date: ['date'],
  Bool: ['bool'],
  IPAddress: ['ip'],
  Binary: ['binary'],
};

/** What a type name says, or undefined for a name this table does not know (no finding is made on it). */
export function keyType(name: string): KeyType | undefined {
  // One object per type name (a few dozen), read for each condition of each statement: shared, so frozen.
  if (!KEY_TYPES.has(name)) {
    const type = readKeyType(name);
    KEY_TYPES.set(name, type && Object.freeze(type));
  }
  return KEY_TYPES.get(name);
}

/** `keyType`'s answers by the reference's type names. */
const KEY_TYPES = new Map<string, KeyType | undefined>();

function readKeyType(name: string): KeyType | undefined {
  // `aws:EpochTime` is documented as both a date and a number.
  if (name === 'Date, Numeric') return { name, families: ['date', 'numeric'], multivalued: false };
  const multivalued = name.startsWith('ArrayOf');
  const families = FAMILIES[multivalued ? name.slice('ArrayOf'.length) : name];
  return families && { name, families, multivalued };
}

/**
 * The global condition keys, from the IAM User Guide's "AWS global condition context keys": any
 * action's request may carry them (when it applies). Descriptions are short; the User Guide has
 * when each is present.
 */
export const GLOBAL_CONDITION_KEYS: readonly ConditionKeyDefinition[] = [
  { key: 'aws:CalledVia', type: 'ArrayOfString', description: "The service principals that made the request on the principal's behalf, in order." },
  { key: 'aws:CalledViaFirst', type: 'String', description: 'The first service principal in aws:CalledVia.' },
  { key: 'aws:CalledViaLast', type: 'String', description: 'The last service principal in aws:CalledVia.' },
  { key: 'aws:CurrentTime', type: 'Date', description: 'The date and time of the request.' },
  { key: 'aws:EpochTime', type: 'Date, Numeric', description: 'The date and time of the request, as seconds since the epoch or a date.' },
  {
    key: 'aws:Ec2InstanceSourcePrivateIPv4',
    type: 'IPAddress',
    description: 'The private IPv4 address of the EC2 instance whose role credentials signed the request.',
  },
  { key: 'aws:Ec2InstanceSourceVpc', type: 'String', description: 'The VPC of the EC2 instance whose role credentials signed the request.' },
  { key: 'aws:FederatedProvider', type: 'String', description: "The identity provider that issued the principal's federated credentials." },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', description: 'Seconds since the principal authenticated with MFA.' },
  { key: 'aws:MultiFactorAuthPresent', type: 'Bool', description: "Whether the request's temporary credentials were obtained with MFA." },
  { key: 'aws:PrincipalAccount', type: 'String', description: 'The account of the principal making the request.' },
  { key: 'aws:PrincipalArn', type: 'ARN', description: "The ARN of the principal making the request (for a role session, the role's ARN)." },
  { key: 'aws:PrincipalIsAWSService', type: 'Bool', description: 'Whether the request is made by an AWS service principal.' },
  { key: 'aws:PrincipalOrgID', type: 'String', description: "The AWS Organizations organization of the principal's account." },
  { key: 'aws:PrincipalOrgPaths', type: 'ArrayOfString', description: "The Organizations paths of the principal's account." },
  { key: 'aws:PrincipalServiceName', type: 'String', description: 'The service principal making the request.' },
  { key: 'aws:PrincipalServiceNamesList', type: 'ArrayOfString', description: 'Every service principal name of the service making the request.' },
  { key: 'aws:PrincipalTag/${TagKey}', type: 'String', description: 'A tag attached to the principal making the request.' },
  { key: 'aws:PrincipalType', type: 'String', description: 'The type of principal (Account, User, FederatedUser, AssumedRole, Anonymous).' },
  { key: 'aws:referer', type: 'String', description: 'The HTTP referer header of the request (set by the client: not for access control).' },
  { key: 'aws:RequestedRegion', type: 'String', description: 'The Region the request is sent to.' },
  { key: 'aws:RequestTag/${TagKey}', type: 'String', description: 'A tag passed in the request.' },
  { key: 'aws:ResourceAccount', type: 'String', description: 'The account that owns the resource.' },
  { key: 'aws:ResourceOrgID', type: 'String', description: "The Organizations organization of the resource's account." },
  { key: 'aws:ResourceOrgPaths', type: 'ArrayOfString', description: "The Organizations paths of the resource's account." },
  { key: 'aws:ResourceTag/${TagKey}', type: 'String', description: 'A tag attached to the resource.' },
  { key: 'aws:SecureTransport', type: 'Bool', description: 'Whether the request was sent over TLS.' },
  { key: 'aws:SourceAccount', type: 'String', description: 'The account of the resource on whose behalf a service principal makes the request.' },
  { key: 'aws:SourceArn', type: 'ARN', description: 'The ARN of the resource on whose behalf a service principal makes the request.' },
  { key: 'aws:SourceIdentity', type: 'String', description: 'The source identity set when the role was assumed.' },
  { key: 'aws:SourceIp', type: 'IPAddress', description: 'The public IP address the request comes from.' },
  {
    key: 'aws:SourceOrgID',
    type: 'String',
    description: 'The Organizations organization of the resource on whose behalf a service principal makes the request.',
  },
  {
    key: 'aws:SourceOrgPaths',
    type: 'ArrayOfString',
    description: 'The Organizations paths of the resource on whose behalf a service principal makes the request.',
  },
  { key: 'aws:SourceVpc', type: 'String', description: 'The VPC the request came through (requests through a VPC endpoint only).' },
  { key: 'aws:SourceVpcArn', type: 'ARN', description: 'The ARN of the VPC the request came through (requests through a VPC endpoint only).' },
  { key: 'aws:SourceVpce', type: 'String', description: 'The VPC endpoint the request came through (requests through a VPC endpoint only).' },
  { key: 'aws:TagKeys', type: 'ArrayOfString', description: 'The tag keys passed in the request.' },
  { key: 'aws:TokenIssueTime', type: 'Date', description: "When the request's temporary credentials were issued." },
  { key: 'aws:UserAgent', type: 'String', description: 'The HTTP user agent of the request (set by the client: not for access control).' },
  { key: 'aws:userid', type: 'String', description: 'The unique identifier of the principal making the request.' },
  { key: 'aws:username', type: 'String', description: 'The IAM user name of the principal making the request.' },
  {
    key: 'aws:ViaAWSService',
    type: 'Bool',
    description: "Whether an AWS service made the request on the principal's behalf (with the principal's credentials).",
  },
  { key: 'aws:VpceAccount', type: 'String', description: 'The account that owns the VPC endpoint the request came through.' },
  { key: 'aws:VpceOrgID', type: 'String', description: 'The Organizations organization of the VPC endpoint the request came through.' },
  { key: 'aws:VpceOrgPaths', type: 'ArrayOfString', description: 'The Organizations paths of the VPC endpoint the request came through.' },
  { key: 'aws:VpcSourceIp', type: 'IPAddress', description: 'The IP address inside the VPC the request came from (requests through a VPC endpoint only).' },
];

/**
 * Cross-service keys: a service's own keys that the IAM User Guide lists among the global ones,
 * because the requests of other services carry them too (credentials of an EC2 instance, a Lambda
 * function, a Glue job). Their types are in their own service's list.
 */
export const CROSS_SERVICE_KEYS: ReadonlySet<string> = new Set(
  [
    'ec2:RoleDelivery',
    'ec2:SourceInstanceArn',
    'glue:CredentialIssuingService',
    'glue:RoleAssumedBy',
    'identitystore:UserId',
    'lambda:SourceFunctionArn',
    'ssm:SourceInstanceArn',
  ].map((k) => k.toLowerCase()),
);

/** Whether a key name has a variable part: `${Name}` or `<name>`, as the reference writes templates. */
export function isKeyTemplate(key: string): boolean {
  return /\$\{[^}]*\}|<[^>]*>/.test(key);
}

/**
 * The template as an IAM wildcard pattern: each variable part is one character or more (`?*`).
 * No key name in the reference holds a `*` or `?` of its own.
 */
export function templatePattern(template: string): string {
  return template.replace(/\$\{[^}]*\}|<[^>]*>/g, '?*');
}

/** Whether a key names this template's key (`s3:ExistingObjectTag/Project` for `s3:ExistingObjectTag/<key>`); names are case-insensitive. */
export function keyMatches(template: string, key: string): boolean {
  return isKeyTemplate(template) ? wildcardMatch(templatePattern(template), key) : template.toLowerCase() === key.toLowerCase();
}

const MAX_FOUND = 2_000;

/**
 * A set of key names and templates, for the questions "does it hold this key?" and "which of its
 * entries names this key?": exact names by lower case, templates by a scan.
 */
export class KeySet<T extends { key: string }> {
  private readonly exact = new Map<string, T>();
  private readonly templates: { pattern: string; entry: T }[] = [];
  /** `find`'s answers, by the key as written: a policy names the same few keys in many statements, and is read again at every keystroke. */
  private readonly found = new KeptAnswers<string, T | undefined>(
    MAX_FOUND,
    (key) => this.exact.get(key.toLowerCase()) ?? this.templates.find((t) => wildcardMatch(t.pattern, key))?.entry,
  );

  constructor(entries: Iterable<T> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: T): void {
    this.found.clear();
    if (isKeyTemplate(entry.key)) this.templates.push({ pattern: templatePattern(entry.key), entry });
    else if (!this.exact.has(entry.key.toLowerCase())) this.exact.set(entry.key.toLowerCase(), entry);
  }

  /** The entry that names this key: an exact name first, then a template. */
  find(key: string): T | undefined {
    return this.found.get(key);
  }

  *entries(): IterableIterator<T> {
    yield* this.exact.values();
    for (const t of this.templates) yield t.entry;
  }
}

const GLOBAL = new KeySet(GLOBAL_CONDITION_KEYS);

/** A global key's definition, when the User Guide lists it. */
export function globalConditionKey(key: string): ConditionKeyDefinition | undefined {
  return GLOBAL.find(key);
}

/**
 * What is known of condition keys' types (from AWS's lists): whether a key is multivalued, which
 * operators compare it. Undefined when nothing is known. The policy engine takes it as a
 * function, so that it stays pure over whatever data the caller holds.
 */
export type KeyTypes = (key: string) => KeyType | undefined;

/** The global keys' types, from the IAM User Guide's table: what is known without the reference data. */
export const globalKeyTypes: KeyTypes = (key) => {
  const definition = globalConditionKey(key);
  return definition && keyType(definition.type);
};

/** Every `aws:` key is global: whether or not this table lists it, no action's list has to. */
export function isGlobalKey(key: string): boolean {
  return GLOBAL_PREFIX.test(key) || CROSS_SERVICE_KEYS.has(key.toLowerCase());
}

const GLOBAL_PREFIX = /^aws:/i;

/** The part before the first colon, lower-cased: a service prefix, or an identity provider (`accounts.google.com`). */
export function keyPrefix(key: string): string {
  const colon = key.indexOf(':');
  return colon > 0 ? key.slice(0, colon).toLowerCase() : '';
}

/** The services that `service:action` names name (lower case, each once); `*` and wildcard prefixes name none. */
export function actionServices(names: readonly string[] | undefined): string[] {
  // A list, not a set: a statement names a few actions, mostly of one service.
  const out: string[] = [];
  for (const name of names ?? []) {
    const prefix = keyPrefix(name);
    if (prefix && !/[*?$]/.test(prefix) && !out.includes(prefix)) out.push(prefix);
  }
  return out;
}
