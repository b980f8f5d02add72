/**
 * Whether the condition keys of a statement can ever be in its requests, as AWS's Service
 * Authorization Reference lists them: each action's "Condition keys" column and its resource
 * types', the global keys always. Shared by `unknown-condition-key` (a key no service of the
 * statement has) and `unsupported-condition-key` (a key of those services that none of the
 * statement's actions supports). Undecided, and so no finding, wherever the list cannot say: a
 * `NotAction`, `*` or a wildcard prefix, a policy variable, an action not in the list, a key whose
 * prefix is no service (an identity provider's: `accounts.google.com:aud`, `token.actions.githubusercontent.com:sub`).
 */
import { type ConditionKeyDefinition, isGlobalKey, isKeyTemplate, keyMatches, keyPrefix } from '../domain/conditionKeys';
import { type ConditionEntry, type StatementView, hasPolicyVariable } from '../domain/iam';
import type { IamReference, ResolvedAction } from '../domain/iamReference';
import { nearest } from '../util/strings';
import { type Tri, conditionsHold } from './evaluate';

/** How many corrections a misspelt key gets. */
const SUGGESTIONS = 3;

export type KeyVerdict =
  /** A service of the statement lists the key, but none of its actions supports it. */
  | { kind: 'unsupported'; definition: ConditionKeyDefinition; actions: readonly string[]; supportedBy: readonly string[] }
  /** Another service's key (`sagemaker:WorkteamType` on `s3:GetObject`). */
  | { kind: 'other-service'; definition: ConditionKeyDefinition; service: string; actions: readonly string[] }
  /** No such key in its service's list: a misspelling, with the nearest names the statement's actions (or the service) have. */
  | { kind: 'unknown'; service: string; near: readonly string[] };

const cache = new WeakMap<StatementView, { iam: IamReference; verdicts: ReadonlyMap<ConditionEntry, KeyVerdict> }>();

/** The findings-worthy verdicts on a statement's condition keys, worked out once per statement. */
export function keyVerdicts(iam: IamReference, statement: StatementView): ReadonlyMap<ConditionEntry, KeyVerdict> {
  // Global keys are in every request: a statement with no other key (most) has no verdict, and is not kept.
  if (statement.conditions.every((c) => isGlobalKey(c.key))) return NONE;
  const cached = cache.get(statement);
  if (cached?.iam === iam) return cached.verdicts;
  const verdicts = judgeKeys(iam, statement) ?? NONE;
  cache.set(statement, { iam, verdicts });
  return verdicts;
}

/** The services of each list of actions (`resolveActions` keeps its lists: a policy's statements share a few). */
const SERVICES = new WeakMap<readonly ResolvedAction[], string[]>();

/** For the statements (most) whose keys are all global: no map of their own. */
const NONE: ReadonlyMap<ConditionEntry, KeyVerdict> = new Map();

function judgeKeys(iam: IamReference, statement: StatementView): Map<ConditionEntry, KeyVerdict> | undefined {
  const names = statement.actionNames;
  if (!statement.conditions.length || !names?.length || statement.notActions) return undefined;
  const actions = iam.resolveActions(names);
  if (!actions) return undefined;
  const verdicts = new Map<ConditionEntry, KeyVerdict>();
  let services = SERVICES.get(actions);
  if (!services) SERVICES.set(actions, (services = [...new Set(actions.map((a) => a.prefix))]));
  const supported = iam.supportedKeys(actions);
  for (const condition of statement.conditions) {
    const key = condition.key;
    const prefix = keyPrefix(key);
    if (isGlobalKey(key) || hasPolicyVariable(key) || !iam.hasService(prefix) || supported.has(key)) continue;
    const listed = services.map((s) => iam.conditionKeysOf(s)?.find(key)).find(Boolean);
    if (listed) {
      verdicts.set(condition, { kind: 'unsupported', definition: listed, actions: names, supportedBy: actionsSupporting(iam, services, listed.key) });
      continue;
    }
    const own = iam.conditionKeysOf(prefix)?.find(key);
    if (own) {
      verdicts.set(condition, { kind: 'other-service', definition: own, service: prefix, actions: names });
      continue;
    }
    const known = services.includes(prefix) ? supported.names() : namesOf(iam, prefix);
    verdicts.set(condition, { kind: 'unknown', service: prefix, near: nearest(key, candidates(key, known), SUGGESTIONS) });
  }
  return verdicts;
}

/** The actions of these services whose requests may carry the key (as the list spells the key), for a message. */
function actionsSupporting(iam: IamReference, services: readonly string[], key: string): string[] {
  const out: string[] = [];
  for (const service of services) {
    for (const action of iam.actionsOf(service)?.values() ?? []) {
      if (
        iam
          .supportedKeys([{ prefix: service, action }])
          .names()
          .some((k) => k.toLowerCase() === key.toLowerCase())
      )
        out.push(`${service}:${action.name}`);
    }
  }
  return out;
}

function namesOf(iam: IamReference, service: string): string[] {
  return [...(iam.conditionKeysOf(service)?.entries() ?? [])].map((d) => d.key);
}

/**
 * Names to suggest for a misspelt key: the listed names, and each template completed with what
 * the key has after its last `/` (`s3:ExistingObjectTags/Project` → `s3:ExistingObjectTag/Project`).
 */
function candidates(key: string, names: readonly string[]): string[] {
  const slash = key.lastIndexOf('/');
  const tail = slash >= 0 ? key.slice(slash + 1) : '';
  return names.flatMap((name) => {
    if (!isKeyTemplate(name)) return [name];
    const completed = name.replace(/\$\{[^}]*\}|<[^>]*>/, tail);
    return tail && !isKeyTemplate(completed) && keyMatches(name, completed) ? [completed] : [];
  });
}

/**
 * What a key that is never in the request does to its condition, as the engine decides it: a
 * positive operator is false, a negated one, `IfExists` and `Null: true` true; undefined when
 * the other values decide.
 */
export function absentKeyHolds(condition: ConditionEntry): Tri {
  return conditionsHold([condition], new Map([[condition.key.toLowerCase(), { absent: true }]]));
}

/** The end of both checks' messages: what the absent key does to the condition, and so to the statement. */
export function absentKeyConsequence(condition: ConditionEntry, effect: StatementView['effect']): string {
  const holds = absentKeyHolds(condition);
  if (holds === undefined) return '';
  if (holds) return `, so this condition always holds${effect ? `: the ${effect} is not limited by it` : ''}`;
  return `, so this condition never holds${effect ? `: this ${effect} never applies` : ''}`;
}
