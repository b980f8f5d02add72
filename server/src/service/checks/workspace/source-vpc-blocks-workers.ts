import { Cidr, parseCidr } from '../../domain/cidr';
import { StatementView, conditionKey, statementAnchor, statementsOf } from '../../domain/iam';
import { policyObjects } from '../../json/policies';
import { evaluate, statementApplies } from '../../policy/evaluate';
import { workerRead } from '../../policy/requests';
import type { WorkspaceCheck } from '../types';

const VPC_KEYS = new Set(['aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp']);
const EVERYWHERE = (parseCidr('0.0.0.0/0') as { ok: true; cidr: Cidr }).cidr;

/** The statement's first condition on a VPC key: where the finding points. */
function vpcCondition(statement: StatementView) {
  for (const condition of statement.conditions) {
    const key = conditionKey(condition.key)?.key;
    if (key && VPC_KEYS.has(key)) return { key, node: condition.keyNode };
  }
  return undefined;
}

export const sourceVpcBlocksWorkers: WorkspaceCheck = {
  meta: {
    code: 'source-vpc-blocks-workers',
    title: 'Bucket reads only through a VPC',
    description:
      "A bucket policy under which IAM refuses a worker's read over the internet but not through a VPC endpoint: a Deny on a VPC key (`aws:SourceVpc`, `aws:SourceVpce`, `aws:VpcSourceIp`) that applies when the key is absent, or reads allowed only through a VPC. Workers open presigned URLs from their own browsers, over the internet, so every task object is denied to them. Not reported when the workspace's workteam enables `VpcSourceIp` or its workforce has a VPC worker portal: then workers are meant to come through the VPC.",
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
    const internet = workerRead({ via: 'internet', from: EVERYWHERE });
    const vpc = workerRead({ via: 'vpc-endpoint' });
    for (const policy of policies) {
      const statements = statementsOf(policy);
      const decision = evaluate(statements, internet);
      if (decision.outcome === 'deny') {
        for (const statement of decision.deciding) {
          const condition = vpcCondition(statement);
          // A Deny that also refuses reads through the VPC is not about the VPC.
          if (!condition || statementApplies(statement, vpc) === true) continue;
          report({
            start: condition.node.offset,
            end: condition.node.offset + condition.node.length,
            message: `This Deny refuses S3 reads that do not come through the VPC (${condition.key}): workers open presigned URLs from their own networks, over the internet, so every task object is denied to them.`,
            related: [{ uri: context.uri, ...statementAnchor(statement), message: 'The statement that denies them' }],
          });
        }
      } else if (decision.outcome === 'implicit-deny') {
        for (const statement of statements) {
          // An identity policy's grant (no Principal) is not the bucket's: whose it is, the workspace does not say.
          const condition = statement.effect === 'Allow' && statement.principal ? vpcCondition(statement) : undefined;
          if (!condition || statementApplies(statement, vpc) === false) continue;
          report({
            start: condition.node.offset,
            end: condition.node.offset + condition.node.length,
            severity: 'information',
            message: `Reads are allowed only through the VPC (${condition.key}): workers open presigned URLs from their own networks, so if task data relies on this grant, workers are denied. (Same-account roles may be allowed by their own policies.)`,
            related: [{ uri: context.uri, ...statementAnchor(statement), message: 'The only statement that allows reads' }],
          });
        }
      }
    }
  },
};
