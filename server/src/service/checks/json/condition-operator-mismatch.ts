import type { Node } from 'jsonc-parser';
import type { IamReference } from '../../domain/iamReference';
import { Cidr, parseCidr } from '../../domain/cidr';
import { WORKTEAM_TYPES } from '../../domain/arn';
import { type KeyType, type KeyTypes, actionServices, globalConditionKey, globalKeyTypes, isGlobalKey, keyPrefix } from '../../domain/conditionKeys';
import { ConditionEntry, OperatorFamily, StatementView, conditionKey, familyOf, operatorsOf, orList } from '../../domain/iam';
import { membersOf } from '../../json/document';
import { policyStatements } from '../../json/policies';
import { statementApplies, valueMatches } from '../../policy/evaluate';
import { workerRead, workteamArn } from '../../policy/requests';
import type { Fix, JsonCheck, Report } from '../types';
import { stepEvery } from '../../util/steps';

/** The operator of the right family that means the same as a wrong one (`StringNotEquals` → `NotIpAddress`). */
const EQUIVALENT: Record<string, Partial<Record<OperatorFamily, string>>> = {
  StringEquals: { ip: 'IpAddress', arn: 'ArnEquals', numeric: 'NumericEquals', date: 'DateEquals', bool: 'Bool' },
  StringLike: { ip: 'IpAddress', arn: 'ArnLike' },
  StringNotEquals: { ip: 'NotIpAddress', arn: 'ArnNotEquals', numeric: 'NumericNotEquals', date: 'DateNotEquals' },
  StringNotLike: { ip: 'NotIpAddress', arn: 'ArnNotLike' },
  StringEqualsIgnoreCase: { bool: 'Bool' },
  IpAddress: { string: 'StringEquals' },
  NotIpAddress: { string: 'StringNotEquals' },
  ArnEquals: { string: 'StringEquals', ip: 'IpAddress' },
  ArnLike: { string: 'StringLike', ip: 'IpAddress' },
  ArnNotEquals: { string: 'StringNotEquals', ip: 'NotIpAddress' },
  ArnNotLike: { string: 'StringNotLike', ip: 'NotIpAddress' },
  NumericEquals: { string: 'StringEquals' },
  NumericNotEquals: { string: 'StringNotEquals' },
  DateEquals: { string: 'StringEquals' },
  DateNotEquals: { string: 'StringNotEquals' },
  Bool: { string: 'StringEquals' },
};

/** Whether the policy's values read as the family's operators read them (an IP operator takes only CIDR blocks and addresses). */
const READS: Partial<Record<OperatorFamily, (value: string) => boolean>> = {
  ip: (v) => parseCidr(v).ok,
  numeric: (v) => /^-?\d+(\.\d+)?$/.test(v),
  date: (v) => /^\d+$/.test(v) || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))),
  bool: (v) => v === 'true' || v === 'false',
};

const WHAT: Record<OperatorFamily, string> = {
  string: 'compares text',
  numeric: 'compares numbers',
  date: 'compares dates',
  bool: 'compares true/false',
  binary: 'compares binary values',
  ip: 'compares IP addresses with CIDR blocks',
  arn: 'compares ARNs',
  null: 'tests presence',
};

export const conditionOperatorMismatch: JsonCheck = {
  meta: {
    code: 'condition-operator-mismatch',
    title: 'Condition operator does not suit the key',
    description:
      "A condition key used with an operator that does not suit its type, for every key AWS's lists type (the global keys, and each service's keys in the Service Authorization Reference). `aws:SourceIp` and `aws:VpcSourceIp` need `IpAddress`/`NotIpAddress`; `aws:SourceVpc`, `aws:SourceVpce` and `sagemaker:WorkteamType` need string operators; `sagemaker:WorkteamArn` takes ARN operators: with `StringEquals` a `*` is a literal character, so a pattern never matches a workteam ARN (an error); other string operators compare an ARN as plain text (information). Other keys compared by the wrong family are a warning. On a single-valued key, `ForAllValues:` is true when the key is absent (an Allow with it also allows requests without the key: a warning), `ForAnyValue:` is false then (information).",
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  statementLocal: true,
  *run({ document, iam, report }) {
    const reported = new Set<ConditionEntry['operatorKey']>();
    const step = stepEvery();
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      if (step()) yield;
      judgeStatement(statement, iam, reported, report);
    }
  },
};

/** One statement, in a function of its own (see `resource-type-mismatch`: a check's generator is not optimized in the middle of its loop). */
function judgeStatement(statement: StatementView, iam: IamReference | undefined, reported: Set<Node>, report: (r: Report) => void): void {
  // A key's type: the global keys' from the User Guide, the others' from their service's list (or the list of a service of the statement's actions).
  // (A key the User Guide's table lists is typed by it whatever the services: a statement of such keys alone needs no services.)
  const types: KeyTypes =
    iam && !statement.conditions.every((c) => globalConditionKey(c.key)) ? iam.keyTypes(actionServices(statement.actionNames)) : globalKeyTypes;
  for (const condition of statement.conditions) {
    // An identity provider's keys (`cognito-identity.amazonaws.com:amr`), which STS's list types as strings, are
    // multivalued in AWS's own examples: only the global keys and a service's own keys are typed with authority.
    if (!isGlobalKey(condition.key) && !iam?.hasService(keyPrefix(condition.key))) continue;
    const type = types(condition.key);
    if (!type || !condition.parsed) continue;
    const start = condition.operatorKey.offset;
    const end = start + condition.operatorKey.length;
    const fixable = !reported.has(condition.operatorKey);
    reported.add(condition.operatorKey);
    if (condition.parsed.prefix && !type.multivalued) reportSetOperator(statement, condition, types, fixable, report);
    const family = familyOf(condition.parsed.base);
    const right = type.families[0];
    if (family === 'null' || (type.families.includes(family) && !(right === 'arn' && family === 'string'))) continue;
    const operators = orList(operatorsOf(right));
    const notes = conditionKey(condition.key);
    const key = notes?.key ?? condition.key;
    if (right === 'arn' && family === 'string') {
      // AWS's global-key reference allows string operators on ARN keys (`aws:PrincipalArn` with `StringLike` is common): only the workteam's ARN, which this domain is about, gets advice.
      if (!notes) continue;
      const literal = key === 'sagemaker:WorkteamArn' ? literalPatterns(condition) : [];
      if (literal.length) {
        const like = condition.parsed.base.includes('Not') ? 'ArnNotLike' : 'ArnLike';
        const what = statement.effect === 'Deny' ? ': this Deny never applies' : statement.effect === 'Allow' ? ': this Allow never applies' : '';
        report({
          start,
          end,
          message: `${condition.parsed.base} compares ${key} as plain text, where * and ? are literal characters: "${literal[0]}" matches no workteam ARN, so the condition never holds${what}. Use ${like}, which matches * and ? in each part of the ARN.`,
          fixes: fixable ? renameTo(condition, `${condition.parsed.prefix ?? ''}${like}${condition.parsed.ifExists ? 'IfExists' : ''}`) : undefined,
        });
        continue;
      }
      report({
        start,
        end,
        severity: 'information',
        message: `${key} is an ARN: prefer ${operators}, which compare it component by component. ${condition.parsed.base} compares it as plain text, where * also matches across ":" and "/".`,
        fixes: fixable ? renameFix(condition, right) : undefined,
      });
      continue;
    }
    // The keys this domain is about are known to be compared as their type says; for the others, AWS's type is the evidence.
    const known = !!notes;
    report({
      start,
      end,
      severity: known ? undefined : 'warning',
      message: known
        ? `${key} needs ${operators}, not ${condition.operator}, which ${WHAT[family]}: this condition never matches as intended.`
        : `${condition.key} is ${article(type)} key in AWS's list: compare it with ${operators}, not ${condition.operator}, which ${WHAT[family]}.`,
      fixes: fixable ? renameFix(condition, right) : undefined,
    });
  }
}

function article(type: KeyType): string {
  const name = type.multivalued ? `a multivalued ${type.name.slice('ArrayOf'.length)}` : type.name;
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/**
 * Values with `*` or `?` that an exact string operator compares literally: no workteam ARN holds
 * those characters, but as an ARN pattern the value matches some workteam (as the engine decides).
 */
function literalPatterns(condition: ConditionEntry): string[] {
  const base = condition.parsed!.base;
  return condition.values.flatMap((node) => {
    const value = node.type === 'string' ? (node.value as string) : undefined;
    if (!value || !/[*?]/.test(value)) return [];
    const arns = WORKTEAM_TYPES.map((type) => workteamArn(type));
    const never = arns.every((arn) => valueMatches(base, value, arn) === false);
    const asPattern = arns.some((arn) => valueMatches('ArnLike', value, arn) !== false);
    return never && asPattern ? [value] : [];
  });
}

/**
 * A set operator on a single-valued key: `ForAllValues:` holds when the key is absent, and
 * `ForAnyValue:` does not (IAM's condition-operator reference). Dropping the prefix compares the
 * one value as intended.
 */
function reportSetOperator(statement: StatementView, condition: ConditionEntry, types: KeyTypes, fixable: boolean, report: (r: Report) => void): void {
  const parsed = condition.parsed!;
  const key = conditionKey(condition.key)?.key ?? condition.key;
  const all = parsed.prefix === 'ForAllValues:';
  const start = condition.operatorKey.offset;
  const end = start + condition.operatorKey.length;
  let consequence = '';
  if (all && statement.effect === 'Allow' && statementApplies(statement, anonymousInternetRead(), types) === true) {
    consequence = ` This Allow lets anyone read from anywhere: requests over the internet carry no ${key}.`;
  } else if (all && statement.effect === 'Allow') {
    consequence = ` This Allow also applies to every request without ${key}.`;
  } else if (!all && statement.effect === 'Deny') {
    consequence = ` This Deny never applies to requests without ${key}.`;
  }
  const name = `${parsed.base}${parsed.ifExists ? 'IfExists' : ''}`;
  report({
    start,
    end,
    severity: all ? 'warning' : 'information',
    message: `${key} is single-valued: ${parsed.prefix} is for multivalued keys, and is ${all ? 'true' : 'false'} when the key is absent.${consequence} Use ${name}.`,
    fixes: fixable ? renameTo(condition, name, all) : undefined,
  });
}

function anonymousInternetRead() {
  return { ...workerRead({ via: 'internet', from: EVERYWHERE }), principal: { anonymous: true as const } };
}

const EVERYWHERE = (parseCidr('0.0.0.0/0') as { ok: true; cidr: Cidr }).cidr;

/** Renames the operator, unless the block holds other keys or the new name is already used. */
function renameTo(condition: ConditionEntry, name: string, preferred = true): Fix[] | undefined {
  if (membersOf(condition.block).size !== 1) return undefined;
  const siblings = membersOf(condition.operatorKey.parent?.parent);
  if (siblings.has(name)) return undefined;
  const start = condition.operatorKey.offset;
  const end = start + condition.operatorKey.length;
  return [{ title: `Change to ${name}`, edits: [{ start, end, newText: JSON.stringify(name) }], preferred }];
}

/**
 * Renames the operator when the key is alone under it and the new operator is not already used.
 * The values must read as the new operator reads them: an IP operator only takes CIDR blocks
 * (`StringNotLike "203.0.113.*"` has no IP equivalent), a numeric one numbers, a date one dates.
 */
function renameFix(condition: ConditionEntry, family: OperatorFamily): Fix[] | undefined {
  const parsed = condition.parsed!;
  const base = EQUIVALENT[parsed.base]?.[family];
  if (!base || membersOf(condition.block).size !== 1) return undefined;
  const reads = READS[family];
  if (reads && !condition.values.every((v) => (v.type === 'string' || v.type === 'number' || v.type === 'boolean') && reads(String(v.value)))) return undefined;
  const name = `${parsed.prefix ?? ''}${base}${parsed.ifExists ? 'IfExists' : ''}`;
  const siblings = membersOf(condition.operatorKey.parent?.parent);
  if (siblings.has(name)) return undefined;
  const start = condition.operatorKey.offset;
  const end = start + condition.operatorKey.length;
  return [{ title: `Change to ${name}`, edits: [{ start, end, newText: JSON.stringify(name) }], preferred: true }];
}
