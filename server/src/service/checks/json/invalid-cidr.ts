import { isUnknown } from '../../domain/unknown';
import type { Node } from 'jsonc-parser';
import { Cidr, isEverything, nonPublic, parseCidr } from '../../domain/cidr';
import { globalConditionKey } from '../../domain/conditionKeys';
import { familyOf } from '../../domain/iam';
import { member, recordRoot, valuesOf } from '../../json/document';
import { policyConditions } from '../../json/policies';
import type { JsonCheck, Report } from '../types';

export const invalidCidr: JsonCheck = {
  meta: {
    code: 'invalid-cidr',
    title: 'Invalid or ineffective CIDR block',
    description:
      "A CIDR block that does not parse (IPv4 or IPv6) in a workforce's `SourceIpConfig.Cidrs` or in an `aws:SourceIp` / `aws:VpcSourceIp` condition. Also warns about blocks that restrict nothing: `0.0.0.0/0` and `::/0` match every address, and private ranges never match the public addresses workers and `aws:SourceIp` see (except on a workforce with a VPC worker portal, where a private block is how the public portal is closed).",
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  statementLocal: true,
  run({ document, report }) {
    if (document.shape?.kind === 'workforce') {
      // A lone string where the list belongs is wrong-value-type's to report; its value is still checked.
      // With a VPC worker portal the CIDRs apply to the public portal only, and a private one closes it (UpdateWorkforce).
      const vpcPortal = member(recordRoot(document), 'WorkforceVpcConfig')?.type === 'object';
      for (const node of valuesOf(member(member(recordRoot(document), 'SourceIpConfig'), 'Cidrs'))) {
        if (node.type === 'string' && !isUnknown(node)) checkWorkforceCidr(node, vpcPortal, report);
      }
    }
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachCondition = policyConditions(document);
    for (let atCondition = 0; atCondition < eachCondition.length; atCondition++) {
      const condition = eachCondition[atCondition];
      const key = globalConditionKey(condition.key);
      if (key?.type !== 'IPAddress' || !condition.parsed || familyOf(condition.parsed.base) !== 'ip') continue;
      for (const node of condition.values) {
        // A value the file does not decide (`domain/unknown.ts`) is not judged.
        if (node.type === 'string' && !isUnknown(node)) checkConditionCidr(node, key.key, report);
      }
    }
  },
};

function at(node: Node) {
  return { start: node.offset, end: node.offset + node.length };
}

function parsedOrReport(node: Node, report: (r: Report) => void): Cidr | undefined {
  const value = node.value as string;
  const parsed = parseCidr(value);
  if (!parsed.ok) {
    report({ ...at(node), message: `"${value}" is not a CIDR block: ${parsed.message}.` });
    return undefined;
  }
  return parsed.cidr;
}

function checkWorkforceCidr(node: Node, vpcPortal: boolean, report: (r: Report) => void): void {
  const cidr = parsedOrReport(node, report);
  if (!cidr) return;
  const value = node.value as string;
  if (!cidr.hasPrefix) {
    const full = `${value}/${cidr.version === 4 ? 32 : 128}`;
    report({
      ...at(node),
      message: `"${value}" has no prefix length: the workforce wants CIDR blocks, such as "${full}" for this one address.`,
      fixes: [{ title: `Change to "${full}"`, edits: [{ ...at(node), newText: JSON.stringify(full) }], preferred: true }],
    });
  } else if (isEverything(cidr)) {
    report({
      ...at(node),
      severity: 'warning',
      message: `"${value}" covers every IPv${cidr.version} address, so the workforce is not restricted at all: list your workers' public address ranges.`,
    });
  } else {
    const what = nonPublic(cidr);
    if (what && !vpcPortal)
      report({
        ...at(node),
        severity: 'warning',
        message: `"${value}" is ${what}: workers reach the worker portal from public addresses, so no worker matches it.`,
      });
  }
}

function checkConditionCidr(node: Node, key: string, report: (r: Report) => void): void {
  const cidr = parsedOrReport(node, report);
  if (!cidr) return;
  const value = node.value as string;
  if (isEverything(cidr)) {
    report({ ...at(node), severity: 'warning', message: `"${value}" covers every IPv${cidr.version} address, so this ${key} condition restricts nothing.` });
    return;
  }
  const what = nonPublic(cidr);
  if (what && key === 'aws:SourceIp') {
    report({
      ...at(node),
      severity: 'warning',
      message: `"${value}" is ${what}, and aws:SourceIp is the public address of the request, so it never matches. Requests through a VPC endpoint carry aws:VpcSourceIp instead.`,
    });
  }
}
