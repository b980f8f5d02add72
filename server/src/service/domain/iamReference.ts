/**
 * AWS's Service Authorization Reference (every service's actions, condition keys and resource
 * types), as the checks, completion and hover read it. The data comes from the host
 * (`IamDataSource`): the service reads no files. Each kind of a service's data is asked for once
 * and kept; `prefetch` lets the host load the services a policy names before a completion or
 * hover needs them (docs/decisions/0005-iam-reference-data.md).
 */
import { KeptAnswers } from '../util/keptAnswers';
import { type ArnTemplate, parseArnTemplates } from './arnTemplate';
import { type ConditionKeyDefinition, KeySet, type KeyTypes, globalConditionKey, isGlobalKey, keyPrefix, keyType } from './conditionKeys';
import { hasPolicyVariable, wildcardMatch } from './iam';
import { compareIgnoringCase } from '../util/strings';

export interface IamAction {
  /** As AWS spells it (`CreateFlowDefinition`). */
  name: string;
  description: string;
  /** `Read`, `List`, `Write`, or a combination such as `Tagging, Write`. */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
  /** The condition keys its requests may carry, as AWS spells them (templates such as `s3:ExistingObjectTag/<key>` included). */
  conditionKeys?: string[];
}

/** A resource type: its ARN format (`arn:${Partition}:s3:::${BucketName}`) and the keys that apply to it. */
export interface IamResourceType {
  /** As AWS spells it (`bucket`). */
  key: string;
  arn: string;
  conditionKeys?: string[];
}

/** What the host supplies: synchronous reads of the reference data, each asked for at most once. */
export interface IamDataSource {
  /** Every service prefix (`s3`, `sagemaker`...), lower case. */
  servicePrefixes(): readonly string[];
  /** The service's full name (`Amazon SageMaker`). */
  serviceName(prefix: string): string | undefined;
  /** The service's actions keyed by lower-case name; undefined when there is no such service. */
  serviceActions(prefix: string): Readonly<Record<string, IamAction>> | undefined;
  /** The service's condition keys keyed by lower-case name; undefined when there is no such service. */
  serviceConditionKeys(prefix: string): Readonly<Record<string, ConditionKeyDefinition>> | undefined;
  /** The service's resource types keyed by lower-case name; undefined when there is no such service. */
  serviceResourceTypes(prefix: string): Readonly<Record<string, IamResourceType>> | undefined;
}

/** An action of a statement, found in the reference. */
export interface ResolvedAction {
  /** Lower case. */
  prefix: string;
  action: IamAction;
}

export interface ServiceResourceTypes {
  byName: ReadonlyMap<string, IamResourceType & { template: ArnTemplate }>;
}

/** How many lists of actions `resolveActions` remembers. */
const MEMO_SIZE = 1024;

export class IamReference {
  private prefixes?: ReadonlySet<string>;
  private readonly actions = new Map<string, ReadonlyMap<string, IamAction> | undefined>();
  private readonly keys = new Map<string, KeySet<ConditionKeyDefinition> | undefined>();
  private readonly resources = new Map<string, ServiceResourceTypes | undefined>();
  private readonly resolved = new KeptAnswers<string, ResolvedAction[] | undefined>(MEMO_SIZE);
  private readonly supported = new WeakMap<readonly ResolvedAction[], SupportedKeys>();
  private readonly typesByServices = new KeptAnswers<string, KeyTypes>(MEMO_SIZE);

  constructor(private readonly source: IamDataSource) {}

  servicePrefixes(): ReadonlySet<string> {
    return (this.prefixes ??= new Set(this.source.servicePrefixes()));
  }

  /** Service prefixes are case-insensitive, as IAM reads them. */
  hasService(prefix: string): boolean {
    return this.servicePrefixes().has(prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    return this.hasService(prefix) ? this.source.serviceName(prefix.toLowerCase()) : undefined;
  }

  /** The actions of a service by lower-case name, read on first use; undefined for an unknown service. */
  actionsOf(prefix: string): ReadonlyMap<string, IamAction> | undefined {
    const key = prefix.toLowerCase();
    if (!this.hasService(key)) return undefined;
    if (!this.actions.has(key)) {
      const data = this.source.serviceActions(key);
      this.actions.set(key, data && new Map(Object.entries(data)));
    }
    return this.actions.get(key);
  }

  action(prefix: string, name: string): IamAction | undefined {
    return this.actionsOf(prefix)?.get(name.toLowerCase());
  }

  /** The condition keys of a service, read on first use; undefined for an unknown service. */
  conditionKeysOf(prefix: string): KeySet<ConditionKeyDefinition> | undefined {
    const key = prefix.toLowerCase();
    if (!this.hasService(key)) return undefined;
    if (!this.keys.has(key)) {
      const data = this.source.serviceConditionKeys(key);
      this.keys.set(key, data && new KeySet(Object.values(data)));
    }
    return this.keys.get(key);
  }

  /** The resource types of a service with their parsed ARN formats, read on first use; undefined for an unknown service. */
  resourceTypesOf(prefix: string): ServiceResourceTypes | undefined {
    const key = prefix.toLowerCase();
    if (!this.hasService(key)) return undefined;
    if (!this.resources.has(key)) {
      const data = this.source.serviceResourceTypes(key);
      if (!data) this.resources.set(key, undefined);
      else {
        const entries = Object.entries(data);
        const templates = parseArnTemplates(entries.map(([, type]) => type.arn));
        this.resources.set(key, { byName: new Map(entries.map(([name, type], i) => [name, { ...type, template: templates[i] }])) });
      }
    }
    return this.resources.get(key);
  }

  /**
   * What a condition key is: a global key from the User Guide's table, else the key of its own
   * service (`s3:prefix` in S3's list), else a key that one of `services` lists under another
   * prefix (STS lists `saml:sub`).
   */
  conditionKey(key: string, services: Iterable<string> = []): ConditionKeyDefinition | undefined {
    const global = globalConditionKey(key);
    if (global) return global;
    const own = this.conditionKeysOf(keyPrefix(key))?.find(key);
    if (own) return own;
    for (const service of services) {
      const found = this.conditionKeysOf(service)?.find(key);
      if (found) return found;
    }
    return undefined;
  }

  /** Condition keys' types as the policy engine reads them: global keys, and the keys of their own or these services' lists. */
  keyTypes(services: Iterable<string> = []): KeyTypes {
    const list = [...services];
    // One function per list of services: a policy's statements name the same few.
    return this.typesByServices.get(list.join(','), () => (key) => {
      const definition = this.conditionKey(key, list);
      return definition && keyType(definition.type);
    });
  }

  /**
   * The actions a statement's `Action` names, every wildcard expanded: undefined when that is not
   * decided here (a policy variable, `*` or a wildcard in the prefix, an unknown service or
   * action, a wildcard that matches nothing: `unknown-action`'s to report).
   */
  resolveActions(names: readonly string[]): ResolvedAction[] | undefined {
    // Large policies repeat the same lists of actions statement after statement.
    return this.resolved.get(names.length === 1 ? names[0] : names.join('\n'), () => this.resolve(names));
  }

  private resolve(names: readonly string[]): ResolvedAction[] | undefined {
    const out: ResolvedAction[] = [];
    for (const name of names) {
      const colon = name.indexOf(':');
      if (colon <= 0 || hasPolicyVariable(name) || /[*?]/.test(name.slice(0, colon))) return undefined;
      const prefix = name.slice(0, colon).toLowerCase();
      const actions = this.actionsOf(prefix);
      if (!actions) return undefined;
      const action = name.slice(colon + 1);
      if (/[*?]/.test(action)) {
        const before = out.length;
        for (const a of actions.values()) if (wildcardMatch(action, a.name)) out.push({ prefix, action: a });
        if (out.length === before) return undefined;
      } else {
        const found = actions.get(action.toLowerCase());
        if (!found) return undefined;
        out.push({ prefix, action: found });
      }
    }
    return out;
  }

  /**
   * The condition keys these actions' requests may carry: each action's own, those of the resource
   * types it takes (in the action's table and in the resource types' table), and the global and
   * cross-service keys (which `isGlobalKey` answers for, whatever their name).
   */
  supportedKeys(actions: readonly ResolvedAction[]): SupportedKeys {
    let supported = this.supported.get(actions);
    if (!supported) this.supported.set(actions, (supported = this.collectKeys(actions)));
    return supported;
  }

  private collectKeys(actions: readonly ResolvedAction[]): SupportedKeys {
    const names = new KeySet<{ key: string }>();
    const add = (key: string) => names.add({ key });
    for (const { prefix, action } of actions) {
      action.conditionKeys?.forEach(add);
      const types = this.resourceTypesOf(prefix)?.byName;
      for (const resource of action.resourceTypes) {
        resource.conditionKeys?.forEach(add);
        types?.get(resource.name.toLowerCase())?.conditionKeys?.forEach(add);
      }
    }
    return {
      has: (key) => isGlobalKey(key) || !!names.find(key),
      names: () => [...names.entries()].map((e) => e.key).sort(compareIgnoringCase),
    };
  }

  /** Loads the services of these `service:action` names now, so later requests find them in memory. */
  prefetch(actionNames: Iterable<string>): void {
    // A large policy names a few services thousands of times: each is looked up once.
    const seen = new Set<string>();
    for (const name of actionNames) {
      const colon = name.indexOf(':');
      if (colon <= 0) continue;
      const prefix = name.slice(0, colon);
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      this.actionsOf(prefix);
      this.conditionKeysOf(prefix);
      this.resourceTypesOf(prefix);
    }
  }
}

export interface SupportedKeys {
  /** Whether a request of one of the actions may carry the key (global keys always may). */
  has(key: string): boolean;
  /** The service keys, as AWS spells them (templates included), in alphabetical order; global keys aside. */
  names(): string[];
}
