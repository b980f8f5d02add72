import { member, recordRoot } from '../../json/document';
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
    const self = workspace.self();
    if (self?.workforce) {
      const facts = self.workforce;
      if (!facts.vpc || !facts.cidrs.length || !facts.sourceIpConfig) return;
      report({
        ...facts.sourceIpConfig,
        message:
          "Source-IP restriction is not supported for a worker portal in a VPC (WorkforceVpcConfig): remove SourceIpConfig, and restrict presigned URLs with the workteam's VpcSourceIp instead.",
        related: [{ uri: document.uri, ...facts.vpc, message: 'The worker portal is in a VPC' }],
        fixes:
          facts.update || document.shape?.id === 'CreateWorkforce'
            ? [{ title: 'Remove SourceIpConfig', edits: removeValue(document, ['SourceIpConfig']) }]
            : undefined,
      });
      return;
    }
    const team = self?.workteam;
    if (!team?.sourceIp) return;
    const workforces = workspace.workforces();
    const candidates = team.workforceName ? workforces.filter((w) => w.facts.name === team.workforceName) : workforces.length === 1 ? workforces : [];
    const portal = candidates.find((w) => w.facts.vpc);
    if (!portal) return;
    const constraints = document.at(['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints'], recordRoot(document));
    const sourceIpKey = constraints && member(constraints, 'SourceIp')?.parent?.children?.[0];
    const canRename = !!sourceIpKey && !member(constraints, 'VpcSourceIp') && team.request;
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
