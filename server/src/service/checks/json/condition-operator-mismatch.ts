import { parseCidr } from '../../domain/cidr';
import { ConditionEntry, OperatorFamily, conditionKey, familiesFor, familyOf, operatorsOf, orList } from '../../domain/iam';
import { membersOf } from '../../json/document';
import { policyConditions } from '../../json/policies';
import type { Fix, JsonCheck } from '../types';

/** The operator of the right family that means the same as a wrong one (`StringNotEquals` → `NotIpAddress`). */
const EQUIVALENT: Record<string, Partial<Record<OperatorFamily, string>>> = {
  StringEquals: { ip: 'IpAddress', arn: 'ArnEquals' },
  StringLike: { ip: 'IpAddress', arn: 'ArnLike' },
  StringNotEquals: { ip: 'NotIpAddress', arn: 'ArnNotEquals' },
  StringNotLike: { ip: 'NotIpAddress', arn: 'ArnNotLike' },
  IpAddress: { string: 'StringEquals' },
  NotIpAddress: { string: 'StringNotEquals' },
  ArnEquals: { string: 'StringEquals', ip: 'IpAddress' },
  ArnLike: { string: 'StringLike', ip: 'IpAddress' },
  ArnNotEquals: { string: 'StringNotEquals', ip: 'NotIpAddress' },
  ArnNotLike: { string: 'StringNotLike', ip: 'NotIpAddress' },
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
      'A condition key used with an operator of the wrong family: `aws:SourceIp` and `aws:VpcSourceIp` need `IpAddress`/`NotIpAddress`; `aws:SourceVpc`, `aws:SourceVpce` and `sagemaker:WorkteamType` need string operators; `sagemaker:WorkteamArn` takes ARN operators (string operators work, but compare the ARN as plain text: reported as information). `ForAnyValue:`/`ForAllValues:` prefixes and the `IfExists` suffix are understood. Such a condition never matches as intended.',
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    const reported = new Set<ConditionEntry['operatorKey']>();
    for (const condition of policyConditions(document)) {
      const key = conditionKey(condition.key);
      if (!key || !condition.parsed) continue;
      const family = familyOf(condition.parsed.base);
      const allowed = familiesFor(key.type);
      if (family === 'null' || (allowed.includes(family) && !(key.type === 'arn' && family === 'string'))) continue;
      const right = key.type === 'ip' ? 'ip' : key.type === 'arn' ? 'arn' : 'string';
      const operators = orList(operatorsOf(right));
      const soft = key.type === 'arn' && family === 'string';
      const message = soft
        ? `${key.key} is an ARN: prefer ${operators}, which compare it component by component. ${condition.parsed.base} compares it as plain text, where * also matches across ":" and "/".`
        : `${key.key} needs ${operators}, not ${condition.operator}, which ${WHAT[family]}: this condition never matches as intended.`;
      const start = condition.operatorKey.offset;
      const end = start + condition.operatorKey.length;
      report({
        start,
        end,
        message,
        severity: soft ? 'information' : undefined,
        fixes: reported.has(condition.operatorKey) ? undefined : renameFix(condition, right),
      });
      reported.add(condition.operatorKey);
    }
  },
};

/**
 * Renames the operator when the key is alone under it and the new operator is not already used.
 * An IP operator only takes CIDR blocks: `StringNotLike "203.0.113.*"` has no IP equivalent.
 */
function renameFix(condition: ConditionEntry, family: OperatorFamily): Fix[] | undefined {
  const parsed = condition.parsed!;
  const base = EQUIVALENT[parsed.base]?.[family];
  if (!base || membersOf(condition.block).size !== 1) return undefined;
  if (family === 'ip' && !condition.values.every((v) => v.type === 'string' && parseCidr(v.value as string).ok)) return undefined;
  const name = `${parsed.prefix ?? ''}${base}${parsed.ifExists ? 'IfExists' : ''}`;
  const siblings = membersOf(condition.operatorKey.parent?.parent);
  if (siblings.has(name)) return undefined;
  const start = condition.operatorKey.offset;
  const end = start + condition.operatorKey.length;
  return [{ title: `Change to ${name}`, edits: [{ start, end, newText: JSON.stringify(name) }], preferred: true }];
}
