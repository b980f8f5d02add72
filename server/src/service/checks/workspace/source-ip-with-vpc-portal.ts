import { member } from '../../json/document';
import { workforceFacts, workteamFacts } from '../../workspace/facts';
import { removeValue } from '../../json/edit';
import type { WorkspaceCheck } from '../types';

export const sourceIpWithVpcPortal: WorkspaceCheck = {
  meta: {
    code: 'source-ip-with-vpc-portal',
    title: 'Source-IP restriction with a VPC worker portal',
    description:
      'Source-IP restriction combined with a worker portal in a VPC, where it is not supported: a workforce with both `SourceIpConfig.Cidrs` and `WorkforceVpcConfig`, or a workteam with `SourceIp: Enabled` whose workforce (in the workspace) has its portal in a VPC. Workers there reach S3 through the VPC, where `VpcSourceIp` applies.',
    severity: 'error',
    scope: 'workspace',
    fixable: true,
  },
  run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, report } = context;
    if (document.shape?.kind === 'workforce') {
      const facts = workforceFacts(document);
      if (!facts.vpc || !facts.cidrs.length) return;
      const base = document.shape.id === 'DescribeWorkforce' ? ['Workforce'] : [];
      const key = member(document.at(base), 'SourceIpConfig')?.parent?.children?.[0];
      if (!key) return;
      report({
        start: key.offset,
        end: key.offset + key.length,
        message:
          "Source-IP restriction is not supported for a worker portal in a VPC (WorkforceVpcConfig): remove SourceIpConfig, and restrict presigned URLs with the workteam's VpcSourceIp instead.",
        related: [{ uri: document.uri, ...facts.vpc, message: 'The worker portal is in a VPC' }],
        fixes:
          document.shape.update || document.shape.id === 'CreateWorkforce'
            ? [{ title: 'Remove SourceIpConfig', edits: removeValue(document, [...base, 'SourceIpConfig']) }]
            : undefined,
      });
      return;
    }
    if (document.shape?.kind !== 'workteam') return;
    const team = workteamFacts(document);
    if (!team.sourceIp) return;
    const wanted = document.shape.id === 'CreateWorkteam' ? (member(document.root, 'WorkforceName')?.value as string | undefined) : undefined;
    const workforces = workspace.workforces();
    const candidates = wanted ? workforces.filter((w) => w.facts.name === wanted) : workforces.length === 1 ? workforces : [];
    const portal = candidates.find((w) => w.facts.vpc);
    if (!portal) return;
    const constraints = document.at([
      ...(document.shape.id === 'DescribeWorkteam' ? ['Workteam'] : []),
      'WorkerAccessConfiguration',
      'S3Presign',
      'IamPolicyConstraints',
    ]);
    const sourceIpKey = constraints && member(constraints, 'SourceIp')?.parent?.children?.[0];
    const canRename =
      !!sourceIpKey && !member(constraints, 'VpcSourceIp') && (document.shape.id === 'CreateWorkteam' || document.shape.id === 'UpdateWorkteam');
    report({
      ...team.sourceIp,
      message: `The workforce${portal.facts.name ? ` "${portal.facts.name}"` : ''} in ${portal.path} has its worker portal in a VPC, where source-IP restriction is not supported: enable VpcSourceIp instead of SourceIp.`,
      related: [{ uri: portal.uri, ...portal.facts.vpc!, message: `WorkforceVpcConfig in ${portal.path}` }],
      fixes: canRename
        ? [
            {
              title: 'Use VpcSourceIp instead of SourceIp',
              edits: [{ start: sourceIpKey!.offset, end: sourceIpKey!.offset + sourceIpKey!.length, newText: '"VpcSourceIp"' }],
              preferred: true,
            },
          ]
        : undefined,
    });
  },
};
