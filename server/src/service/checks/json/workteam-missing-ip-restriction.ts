import type { JsonDocument } from '../../json/document';
import { setValue } from '../../json/edit';
import { isWorkteamRequest } from '../../json/kinds';
import { workteamFacts } from '../../workspace/facts';
import type { Fix, JsonCheck, OffsetEdit } from '../types';

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

export const workteamMissingIpRestriction: JsonCheck = {
  meta: {
    code: 'workteam-missing-ip-restriction',
    title: 'Workteam without IP restriction',
    description:
      "A workteam whose `WorkerAccessConfiguration.S3Presign.IamPolicyConstraints` enables neither `SourceIp` nor `VpcSourceIp`: the presigned URLs its workers receive work from any address until they expire, so a leaked link exposes the data. A CloudFormation template's `AWS::SageMaker::Workteam` has no `WorkerAccessConfiguration` property: the restriction must then be set with `UpdateWorkteam` once the stack has created the workteam.",
    severity: 'warning',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workteam' || !document.root) return;
    const facts = workteamFacts(document);
    if (facts.access === 'restricted' || facts.access === 'unchanged') return;
    const name = facts.name ? `Workteam "${facts.name}"` : 'This workteam';
    const describe = document.shape.id === 'DescribeWorkteam' || document.shape.id === 'Workteam' ? ' Change it with UpdateWorkteam.' : '';
    const message =
      facts.access === 'unrestricted'
        ? `SourceIp and VpcSourceIp are not Enabled: presigned URLs handed to this workteam's workers work from any address until they expire. Enable SourceIp (or VpcSourceIp for workers in a VPC).${describe}`
        : `${name} has no IP restriction on presigned URLs: they work from any address until they expire. Set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled".${describe}`;
    if (facts.cloudFormation) {
      report({
        ...facts.anchor,
        message: `${name} has no IP restriction on presigned URLs, and CloudFormation cannot give it one: AWS::SageMaker::Workteam has no WorkerAccessConfiguration property. Once the stack has created the workteam, set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled" with UpdateWorkteam.`,
      });
      return;
    }
    const anchor = facts.access === 'unrestricted' ? facts.accessAnchor : facts.anchor;
    report({ ...anchor, message, fixes: restrictionFixes(document) });
  },
};
