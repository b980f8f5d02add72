import { Cidr, coveredBy, parseCidr } from '../../domain/cidr';
import type { IpGate, WorkforceFacts } from '../../workspace/facts';
import type { Indexed } from '../../workspace/index';
import type { WorkspaceCheck } from '../types';

function parsed(values: { value: string }[]): Cidr[] {
  return values.flatMap((v) => {
    const r = parseCidr(v.value);
    return r.ok ? [r.cidr] : [];
  });
}

const EVERYWHERE = ['0.0.0.0/0', '::/0'];

/** The workforce's blocks the gate leaves out; a workforce without CIDRs accepts every address. */
function outside(workforce: WorkforceFacts, gate: IpGate): { value: string; start?: number; end?: number }[] {
  const allowed = parsed(gate.cidrs);
  if (!allowed.length) return [];
  const blocks = workforce.cidrs.length ? workforce.cidrs : EVERYWHERE.map((value) => ({ value }));
  return blocks.filter((b) => {
    const r = parseCidr(b.value);
    return r.ok && allowed.some((a) => a.version === r.cidr.version) && !coveredBy(r.cidr, allowed);
  });
}

function relevant(workforce: Indexed<WorkforceFacts>): boolean {
  // With a VPC portal, workers' reads carry aws:VpcSourceIp, not aws:SourceIp; an update may not set the CIDRs at all.
  return !workforce.facts.vpc && !(workforce.facts.update && !workforce.facts.cidrs.length);
}

export const bucketIpAllowlistMismatch: WorkspaceCheck = {
  meta: {
    code: 'bucket-ip-allowlist-mismatch',
    title: 'Bucket IP allow-list leaves out workers',
    description:
      'Across files: a bucket policy denies S3 reads from outside an `aws:SourceIp` allow-list (`Deny` with `NotIpAddress`), and the workforce in the workspace admits workers from addresses outside that list (its `SourceIpConfig.Cidrs`, or any address when it has none). Those workers get the task but not its data. Reported on both files.',
    severity: 'warning',
    scope: 'workspace',
    fixable: false,
  },
  run(context) {
    const { workspace, report } = context;
    if (context.kind !== 'json') return;
    const self = workspace.self();
    if (self?.ipGates) {
      for (const workforce of workspace.workforces().filter(relevant)) {
        for (const gate of self.ipGates) {
          const left = outside(workforce.facts, gate);
          if (!left.length) continue;
          const admitted = workforce.facts.cidrs.length ? `admits workers from ${left.map((l) => l.value).join(', ')}` : 'admits workers from any address';
          report({
            ...gate.anchor,
            message: `The workforce in ${workforce.path} ${admitted}, outside this aws:SourceIp allow-list: those workers are denied the task data. Add the workforce's CIDR blocks here, or narrow the workforce.`,
            related: [
              {
                uri: workforce.uri,
                ...(left[0].start !== undefined ? { start: left[0].start, end: left[0].end! } : workforce.facts.anchor),
                message: `The workforce's CIDR blocks in ${workforce.path}`,
              },
            ],
          });
        }
      }
      return;
    }
    const workforce = self?.workforce;
    if (!workforce || !relevant({ uri: context.uri, path: '', facts: workforce })) return;
    for (const policy of workspace.ipGates()) {
      for (const gate of policy.facts) {
        const left = outside(workforce, gate);
        if (!left.length) continue;
        const buckets = gate.buckets.length ? ` of bucket ${gate.buckets.map((b) => `"${b}"`).join(', ')}` : '';
        const related = [{ uri: policy.uri, ...gate.anchor, message: `The aws:SourceIp allow-list in ${policy.path}` }];
        for (const block of left) {
          const where = block.start !== undefined ? { start: block.start, end: block.end! } : workforce.anchor;
          report({
            ...where,
            message: `${block.value} is outside the aws:SourceIp allow-list of the bucket policy in ${policy.path}${buckets}: workers from there get tasks whose data is denied to them.`,
            related,
          });
        }
      }
    }
  },
};
