import type { JsonDocument } from '../../json/document';
import { setValue } from '../../json/edit';
import { isWorkteamRequest } from '../../json/kinds';
import { type WorkteamFacts, workteamFacts } from '../../workspace/facts';
import type { Indexed } from '../../workspace/view';
import type { Fix, JsonCheck, OffsetEdit, Report } from '../types';

const CONSTRAINTS = ['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints'];

export interface Restriction {
  title: string;
  member: 'SourceIp' | 'VpcSourceIp';
  preferred?: boolean;
}

/** The two restrictions a fix can enable, preferred first. */
export const RESTRICTIONS: readonly Restriction[] = [
  { title: "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled)", member: 'SourceIp', preferred: true },
  { title: "Restrict presigned URLs to the worker's VPC source address (VpcSourceIp: Enabled)", member: 'VpcSourceIp' },
];

/** The edits enabling one restriction in a workteam request; undefined for a file that takes none. */
export function restrictionEdits(json: JsonDocument | undefined, restriction: Restriction): OffsetEdit[] | undefined {
  if (!json || !isWorkteamRequest(json.shape?.id)) return undefined;
  return setValue(json, [...CONSTRAINTS, restriction.member], 'Enabled');
}

export function restrictionFixes(json: JsonDocument): Fix[] {
  return RESTRICTIONS.flatMap((r) => {
    const edits = restrictionEdits(json, r);
    return edits ? [{ title: r.title, edits, preferred: r.preferred }] : [];
  });
}

/**
 * Whether an UpdateWorkteam request among `others` restricts (or may restrict) the presigned URLs
 * of a CloudFormation workteam, which the template cannot restrict itself. Joined by name when
 * both names are decided; when either is not, the request may be for this workteam, and an
 * undecided workteam gets no finding.
 */
export function restrictedByUpdate(team: WorkteamFacts, others: readonly Indexed<WorkteamFacts>[]): boolean {
  if (!team.cloudFormation) return false;
  return others.some((o) => o.facts.update && o.facts.access === 'restricted' && (!team.name || !o.facts.name || o.facts.name === team.name));
}

/** The finding on a CloudFormation workteam: it cannot restrict its URLs, and no UpdateWorkteam file in the workspace does. */
function cloudFormationFinding(facts: WorkteamFacts): Report {
  const name = facts.name ? `Workteam "${facts.name}"` : 'This workteam';
  return {
    ...facts.anchor,
    message: `${name} has no IP restriction on presigned URLs, and CloudFormation cannot give it one: AWS::SageMaker::Workteam has no WorkerAccessConfiguration property. Once the stack has created the workteam, set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled" with UpdateWorkteam.`,
  };
}

export const workteamMissingIpRestriction: JsonCheck = {
  meta: {
    code: 'workteam-missing-ip-restriction',
    title: 'Workteam without IP restriction',
    description:
      "A workteam whose `WorkerAccessConfiguration.S3Presign.IamPolicyConstraints` enables neither `SourceIp` nor `VpcSourceIp`: the presigned URLs its workers receive work from any address until they expire, so a leaked link exposes the data. A CloudFormation template's `AWS::SageMaker::Workteam` has no `WorkerAccessConfiguration` property: the restriction must then be set with `UpdateWorkteam` once the stack has created the workteam; an UpdateWorkteam request file in the same workspace folder that enables it for the workteam's name clears the finding.",
    severity: 'warning',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workteam' || !document.root) return;
    const facts = workteamFacts(document);
    // A CloudFormation workteam may be restricted by an UpdateWorkteam file elsewhere: the cross-file pass decides (`crossFile`).
    if (facts.cloudFormation) return;
    if (facts.access === 'restricted' || facts.access === 'unchanged') return;
    const name = facts.name ? `Workteam "${facts.name}"` : 'This workteam';
    const describe = document.shape.id === 'DescribeWorkteam' || document.shape.id === 'Workteam' ? ' Change it with UpdateWorkteam.' : '';
    const message =
      facts.access === 'unrestricted'
        ? `SourceIp and VpcSourceIp are not Enabled: presigned URLs handed to this workteam's workers work from any address until they expire. Enable SourceIp (or VpcSourceIp for workers in a VPC).${describe}`
        : `${name} has no IP restriction on presigned URLs: they work from any address until they expire. Set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled".${describe}`;
    const anchor = facts.access === 'unrestricted' ? facts.accessAnchor : facts.anchor;
    report({ ...anchor, message, fixes: restrictionFixes(document) });
  },
  crossFile({ document, workspace, report }) {
    if (document.shape?.id !== 'CloudFormationWorkteam' || !document.root) return;
    const facts = workteamFacts(document);
    if (!restrictedByUpdate(facts, workspace.workteams())) report(cloudFormationFinding(facts));
  },
};
