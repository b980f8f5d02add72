import { Cidr, parseCidr } from '../../domain/cidr';
import { StatementView, conditionKey, statementAnchor, statementsOf } from '../../domain/iam';
import { globalKeyTypes } from '../../domain/conditionKeys';
import { policyObjects } from '../../json/policies';
import { evaluateSteps, statementApplies } from '../../policy/evaluate';
import { internetBlocks, workerRead } from '../../policy/requests';
import type { WorkforceFacts } from '../../workspace/facts';
import type { Indexed } from '../../workspace/view';
import type { RelatedLocation, WorkspaceCheck } from '../types';
import { stepEvery } from '../../util/steps';

/** A way workers reach S3 over the internet, as the workspace's workforces say, and how a finding names them. */
interface InternetPath {
  from: Cidr;
  who: string;
  advice: string;
  related: RelatedLocation[];
}

/**
 * The internet paths of the workspace's workers: from anywhere when no workforce says otherwise;
 * else from each public block of each workforce's public portal. A workforce whose public portal
 * is closed (a VPC portal, its CIDRs private) has workers only through the VPC, and an update that
 * leaves its CIDRs out does not say: neither adds a path.
 */
function internetPaths(workforces: Indexed<WorkforceFacts>[]): InternetPath[] {
  if (!workforces.length) {
    return [{ from: EVERYWHERE, who: 'workers open presigned URLs from their own networks, over the internet', advice: '', related: [] }];
  }
  return workforces.flatMap((workforce) =>
    internetBlocks(workforce.facts).map((block) => {
      const where = block.start !== undefined ? { start: block.start, end: block.end! } : workforce.facts.anchor;
      const portal = workforce.facts.vpc ? 'public portal' : 'portal';
      return {
        from: block.cidr,
        who: `the workforce in ${workforce.path} admits workers to its ${portal} from ${block.start !== undefined ? block.value : 'any address'}, who open presigned URLs over the internet`,
        advice: workforce.facts.vpc
          ? ' If only workers of the VPC portal are meant, close the public portal: a private block such as "10.0.0.0/16" as its only CIDR (UpdateWorkforce).'
          : '',
        related: [{ uri: workforce.uri, ...where, message: `Where the workforce in ${workforce.path} admits them` }],
      };
    }),
  );
}

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
  *run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, report } = context;
    const policies = policyObjects(document);
    if (!policies.length) return;
    if (workspace.workteams().some((w) => w.facts.vpcSourceIp)) return;
    const paths = internetPaths(workspace.workforces());
    const vpc = workerRead({ via: 'vpc-endpoint' });
    const step = stepEvery();
    for (const policy of policies) {
      const statements = statementsOf(policy);
      // Only a statement on a VPC key is ever reported: a policy without one is not evaluated (a
      // stack's hundreds of policies mostly have none).
      if (!statements.some((statement) => vpcCondition(statement))) continue;
      for (const path of paths) {
        const internet = workerRead({ via: 'internet', from: path.from });
        const decision = yield* evaluateSteps(statements, internet, globalKeyTypes, step);
        let reported = false;
        if (decision.outcome === 'deny') {
          for (const statement of decision.deciding) {
            const condition = vpcCondition(statement);
            // A Deny that also refuses reads through the VPC is not about the VPC.
            if (!condition || statementApplies(statement, vpc) === true) continue;
            reported = true;
            report({
              start: condition.node.offset,
              end: condition.node.offset + condition.node.length,
              message: `This Deny refuses S3 reads that do not come through the VPC (${condition.key}): ${path.who}, so every task object is denied to them.${path.advice}`,
              related: [{ uri: context.uri, ...statementAnchor(statement), message: 'The statement that denies them' }, ...path.related],
            });
          }
        } else if (decision.outcome === 'implicit-deny') {
          for (const statement of statements) {
            // An identity policy's grant (no Principal) is not the bucket's: whose it is, the workspace does not say.
            const condition = statement.effect === 'Allow' && statement.principal ? vpcCondition(statement) : undefined;
            if (!condition || statementApplies(statement, vpc) === false) continue;
            reported = true;
            report({
              start: condition.node.offset,
              end: condition.node.offset + condition.node.length,
              severity: 'information',
              message: `Reads are allowed only through the VPC (${condition.key}): ${path.who}, so if task data relies on this grant, they are denied. (Same-account roles may be allowed by their own policies.)${path.advice}`,
              related: [{ uri: context.uri, ...statementAnchor(statement), message: 'The only statement that allows reads' }, ...path.related],
            });
          }
        }
        // One finding per statement: the first path it refuses says it.
        if (reported) break;
      }
    }
  },
};
