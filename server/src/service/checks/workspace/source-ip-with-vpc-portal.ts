import { member, recordRoot } from '../../json/document';
import { factOf } from '../../workspace/facts';
import type { WorkspaceCheck } from '../types';

export const sourceIpWithVpcPortal: WorkspaceCheck = {
  meta: {
    code: 'source-ip-with-vpc-portal',
    title: 'Source-IP restriction with a VPC worker portal',
    description:
      'A workteam with `SourceIp: Enabled` whose workforce (in the workspace) has its worker portal in a VPC: workers there reach S3 through the VPC, where requests carry `aws:VpcSourceIp`, not `aws:SourceIp`, so `VpcSourceIp` applies. (A workforce with both `SourceIpConfig` and `WorkforceVpcConfig` is not reported: its CIDRs apply to the public portal only, and a private one such as `10.0.0.0/16` is how AWS documents closing it.)',
    severity: 'error',
    scope: 'workspace',
    fixable: true,
  },
  run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, report } = context;
    // The document's own facts are read only when some workforce has a VPC portal (they may not be worked out yet: `self`).
    const workforces = workspace.workforces();
    if (!workforces.some((w) => w.facts.vpc)) return;
    const team = factOf(workspace.self()?.workteams, document);
    if (!team?.sourceIp) return;
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
