import { RESTRICTIONS, restrictedByUpdate, restrictionEdits, restrictionFixes } from '../json/workteam-missing-ip-restriction';
import type { Indexed } from '../../workspace/view';
import { type TemplateFacts, type WorkteamFacts, factOf } from '../../workspace/facts';
import type { Fix, WorkspaceCheck } from '../types';

const RELATED_LIMIT = 20;

/**
 * Whether a template's presigned URLs go out unrestricted through this workteam: any presigning
 * filter when the workteam sets no constraints (an update that leaves its access configuration
 * out changes nothing), and `s3_presign`, whose name promises the workteam's S3Presign
 * constraints, when both are Disabled. Gives where the template presigns.
 */
function exposure(template: TemplateFacts, team: WorkteamFacts): { start: number; end: number; filter: string } | undefined {
  if (team.access === 'absent' && template.presign) return template.presign;
  if (team.access === 'unrestricted' && template.s3Presign) return { ...template.s3Presign, filter: 's3_presign' };
  return undefined;
}

function teamName(team: Indexed<WorkteamFacts>): string {
  return team.facts.name ? `workteam "${team.facts.name}" in ${team.path}` : `the workteam in ${team.path}`;
}

export const presignUnrestrictedWorkteam: WorkspaceCheck = {
  meta: {
    code: 'presign-unrestricted-workteam',
    title: 'Presigned URLs for a workteam without IP restriction',
    description:
      "Across files: a template presigns S3 URLs (`grant_read_access`, `s3_presign`) while the workteam in the workspace sets no IP restriction, or `s3_presign` (whose URLs follow the workteam's `S3Presign` constraints) while the workteam sets `SourceIp` and `VpcSourceIp` to `Disabled`. Reported on both files, each naming the other. A CloudFormation workteam (which cannot set the restriction) is taken as restricted when an UpdateWorkteam request file in the folder enables it for its name.",
    severity: 'warning',
    scope: 'workspace',
    fixable: true,
  },
  run(context) {
    const { workspace, report } = context;
    if (context.kind === 'template') {
      const template = workspace.self()?.template;
      if (!template?.presign) return;
      const teams = workspace.workteams();
      for (const team of teams) {
        const at = exposure(template, team.facts);
        if (!at || restrictedByUpdate(team.facts, teams)) continue;
        const message =
          team.facts.access === 'absent'
            ? `This template presigns S3 URLs (${at.filter}), and ${teamName(team)} has no IP restriction: the URLs work from any address until they expire. Enable SourceIp (or VpcSourceIp) in its WorkerAccessConfiguration.S3Presign.IamPolicyConstraints${team.facts.cloudFormation ? ' with UpdateWorkteam (CloudFormation cannot set it)' : ''}.`
            : `s3_presign URLs follow the workteam's S3Presign constraints, but ${teamName(team)} sets SourceIp and VpcSourceIp to Disabled: the URLs work from any address until they expire.`;
        const fixes: Fix[] = team.facts.request
          ? RESTRICTIONS.map((r) => ({ title: `${r.title} in ${team.path}`, edits: [], otherEdits: { [team.uri]: (file) => restrictionEdits(file.json, r) } }))
          : [];
        report({
          start: at.start,
          end: at.end,
          message,
          related: [{ uri: team.uri, ...team.facts.accessAnchor, message: `The workteam's access configuration in ${team.path}` }],
          fixes,
        });
      }
      return;
    }
    if (context.document.shape?.kind !== 'workteam') return;
    const team = factOf(workspace.self()?.workteams, context.document);
    if (!team) return;
    if (team.cloudFormation && restrictedByUpdate(team, workspace.workteams())) return;
    const exposed = workspace.templates().flatMap((t) => {
      const at = exposure(t.facts, team);
      return at ? [{ ...t, at }] : [];
    });
    if (!exposed.length) return;
    const names = exposed.length === 1 ? exposed[0].path : `${exposed[0].path} and ${exposed.length - 1} more`;
    const message =
      team.access === 'absent'
        ? `Templates presign S3 URLs for this workteam's tasks (${names}), but it has no IP restriction: the URLs work from any address until they expire. Enable SourceIp (or VpcSourceIp)${team.cloudFormation ? ' with UpdateWorkteam once the stack has created it: AWS::SageMaker::Workteam has no WorkerAccessConfiguration property' : ''}.`
        : `${names} ${exposed.length === 1 ? 'uses' : 'use'} s3_presign, whose URLs follow this workteam's S3Presign constraints, but SourceIp and VpcSourceIp are Disabled: the URLs work from any address.`;
    report({
      ...team.accessAnchor,
      message,
      related: exposed.slice(0, RELATED_LIMIT).map((t) => ({ uri: t.uri, start: t.at.start, end: t.at.end, message: `${t.at.filter} in ${t.path}` })),
      fixes: restrictionFixes(context.document),
    });
  },
};
