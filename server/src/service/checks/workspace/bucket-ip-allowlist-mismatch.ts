import { refineIpBlock, statementApplies, statementFromText } from '../../policy/evaluate';
import { internetBlocks, workerRead } from '../../policy/requests';
import type { PortalBlock } from '../../policy/requests';
import type { IpGate, WorkforceFacts } from '../../workspace/facts';
import type { WorkspaceCheck } from '../types';

interface Denied {
  /** The workforce's blocks whose workers this Deny refuses (some or all of their addresses). */
  blocks: PortalBlock[];
  /** Whether it refuses the workers of the VPC portal. */
  vpc: boolean;
}

/** What IAM decides for the workforce's workers' reads under this Deny (`policy/evaluate.ts`). */
function denied(workforce: WorkforceFacts, gate: IpGate): Denied {
  const statement = statementFromText(gate.text);
  if (!statement) return { blocks: [], vpc: false };
  const blocks = internetBlocks(workforce).filter((block) =>
    // Split the block where the allow-list's blocks start and end, so each part is decided.
    refineIpBlock(block.cidr, [statement], 'aws:SourceIp').some((part) => statementApplies(statement, workerRead({ via: 'internet', from: part })) === true),
  );
  const vpc = !!workforce.vpc && statementApplies(statement, workerRead({ via: 'vpc-endpoint' })) === true;
  return { blocks, vpc };
}

const VPC_ADVICE = 'Limit the Deny to requests that carry aws:SourceIp ("Null": {"aws:SourceIp": "false"}), or exempt your VPC endpoint.';

export const bucketIpAllowlistMismatch: WorkspaceCheck = {
  meta: {
    code: 'bucket-ip-allowlist-mismatch',
    title: 'Bucket IP allow-list leaves out workers',
    description:
      "Across files: a bucket policy's Deny with an `aws:SourceIp` condition refuses the S3 reads of the workforce's workers, as IAM evaluates it for a worker's browser: a direct request over HTTPS from an address in the workforce's `SourceIpConfig.Cidrs` (any address when it has none), or, with a VPC worker portal, through a VPC endpoint, where requests carry no `aws:SourceIp`. Those workers get the task but not its data. Reported on both files, naming the statement that denies.",
    severity: 'warning',
    scope: 'workspace',
    fixable: false,
  },
  run(context) {
    const { workspace, report } = context;
    if (context.kind !== 'json') return;
    // A policy's own facts are read only when a workforce may be denied (they may not be worked out yet: `self`).
    if (context.document.shape?.kind !== 'workforce') {
      const workforces = workspace.workforces();
      const gates = workforces.length ? workspace.self()?.ipGates : undefined;
      for (const workforce of gates ? workforces : []) {
        for (const gate of gates!) {
          const statement = { uri: context.uri, ...gate.statement, message: 'The statement that denies them' };
          const { blocks, vpc } = denied(workforce.facts, gate);
          if (blocks.length) {
            const admitted = workforce.facts.cidrs.length ? `admits workers from ${blocks.map((l) => l.value).join(', ')}` : 'admits workers from any address';
            report({
              ...gate.anchor,
              message: `The workforce in ${workforce.path} ${admitted}, outside this aws:SourceIp allow-list: those workers are denied the task data. Add the workforce's CIDR blocks here, or narrow the workforce.`,
              related: [
                {
                  uri: workforce.uri,
                  ...(blocks[0].start !== undefined ? { start: blocks[0].start, end: blocks[0].end! } : workforce.facts.anchor),
                  message: `The workforce's CIDR blocks in ${workforce.path}`,
                },
                statement,
              ],
            });
          }
          if (vpc) {
            report({
              ...gate.anchor,
              message: `The workforce in ${workforce.path} has a VPC worker portal: its workers read S3 through a VPC endpoint, where requests carry no aws:SourceIp, so this Deny refuses every one of them. ${VPC_ADVICE}`,
              related: [{ uri: workforce.uri, ...workforce.facts.vpc!, message: `WorkforceVpcConfig in ${workforce.path}` }, statement],
            });
          }
        }
      }
      return;
    }
    const workforce = workspace.self()?.workforce;
    if (!workforce) return;
    for (const policy of workspace.ipGates()) {
      for (const gate of policy.facts) {
        const { blocks, vpc } = denied(workforce, gate);
        if (!blocks.length && !vpc) continue;
        const buckets = gate.buckets.length ? ` of bucket ${gate.buckets.map((b) => `"${b}"`).join(', ')}` : '';
        const related = [
          { uri: policy.uri, ...gate.anchor, message: `The aws:SourceIp allow-list in ${policy.path}` },
          { uri: policy.uri, ...gate.statement, message: `The statement that denies them, in ${policy.path}` },
        ];
        for (const block of blocks) {
          const where = block.start !== undefined ? { start: block.start, end: block.end! } : workforce.anchor;
          report({
            ...where,
            message: `${block.value} is outside the aws:SourceIp allow-list of the bucket policy in ${policy.path}${buckets}: workers from there get tasks whose data is denied to them.`,
            related,
          });
        }
        if (vpc) {
          report({
            ...workforce.vpc!,
            message: `Workers on this VPC worker portal read S3 through a VPC endpoint, where requests carry no aws:SourceIp: the Deny in ${policy.path}${buckets} refuses every one of them. ${VPC_ADVICE}`,
            related,
          });
        }
      }
    }
  },
};
