import { ConditionEntry, appliesToAll, conditionKey, coversS3Reads, onS3Objects, statementsOf } from '../../domain/iam';
import { policyObjects } from '../../json/policies';
import type { WorkspaceCheck } from '../types';

const VPC_KEYS = new Set(['aws:SourceVpc', 'aws:SourceVpce']);

function vpcKey(condition: ConditionEntry): string | undefined {
  const key = conditionKey(condition.key)?.key;
  return key && VPC_KEYS.has(key) ? key : undefined;
}

export const sourceVpcBlocksWorkers: WorkspaceCheck = {
  meta: {
    code: 'source-vpc-blocks-workers',
    title: 'Bucket reads only through a VPC',
    description:
      "A bucket policy that denies S3 reads not made through a VPC (`aws:SourceVpc` / `aws:SourceVpce` with a negated string operator), or allows them only through one. Workers open presigned URLs from their own browsers, over the internet, so every task object is denied to them. Not reported when the workspace's workteam enables `VpcSourceIp` or its workforce has a VPC worker portal: then workers are meant to come through the VPC.",
    severity: 'warning',
    scope: 'workspace',
    fixable: false,
  },
  run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, report } = context;
    const policies = policyObjects(document);
    if (!policies.length) return;
    if (workspace.workteams().some((w) => w.facts.vpcSourceIp) || workspace.workforces().some((w) => w.facts.vpc)) return;
    for (const policy of policies) {
      const statements = statementsOf(policy).filter((s) => coversS3Reads(s) && onS3Objects(s));
      const openAllow = statements.some((s) => s.effect === 'Allow' && !s.conditions.length);
      for (const statement of statements) {
        const conditions = statement.conditions;
        // Any other condition may exempt the workers' requests; only a VPC-only condition certainly applies to them.
        if (!conditions.length || !conditions.every((c) => vpcKey(c) && c.parsed)) continue;
        const first = conditions[0];
        const key = vpcKey(first)!;
        const negated = conditions.every((c) => /^StringNot/.test(c.parsed!.base));
        const positive = conditions.every((c) => /^String(Equals|Like)/.test(c.parsed!.base) && !c.parsed!.ifExists);
        const range = { start: first.keyNode.offset, end: first.keyNode.offset + first.keyNode.length };
        if (statement.effect === 'Deny' && negated && appliesToAll(statement)) {
          report({
            ...range,
            message: `This Deny refuses S3 reads that do not come through the VPC (${key}): workers open presigned URLs from their own networks, over the internet, so every task object is denied to them.`,
          });
        } else if (statement.effect === 'Allow' && positive && !openAllow) {
          report({
            ...range,
            severity: 'information',
            message: `Reads are allowed only through the VPC (${key}): workers open presigned URLs from their own networks, so if task data relies on this grant, workers are denied. (Same-account roles may be allowed by their own policies.)`,
          });
        }
      }
    }
  },
};
