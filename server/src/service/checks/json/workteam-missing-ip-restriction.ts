import { member } from '../../json/document';
import { EditableJson, setValue } from '../../json/edit';
import { workteamFacts } from '../../workspace/facts';
import type { Fix, JsonCheck } from '../types';

const CONSTRAINTS = ['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints'];

/**
 * Fixes that enable SourceIp or VpcSourceIp in a workteam request (responses describe what AWS
 * has; they are changed with UpdateWorkteam, not by editing the file).
 */
export function restrictionFixes(json: EditableJson, root: { shapeId: string; path: (string | number)[] }): Fix[] {
  if (root.shapeId !== 'CreateWorkteam' && root.shapeId !== 'UpdateWorkteam') return [];
  return [
    {
      title: "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled)",
      edits: setValue(json, [...root.path, ...CONSTRAINTS, 'SourceIp'], 'Enabled'),
      preferred: true,
    },
    {
      title: "Restrict presigned URLs to the worker's VPC source address (VpcSourceIp: Enabled)",
      edits: setValue(json, [...root.path, ...CONSTRAINTS, 'VpcSourceIp'], 'Enabled'),
    },
  ];
}

export const workteamMissingIpRestriction: JsonCheck = {
  meta: {
    code: 'workteam-missing-ip-restriction',
    title: 'Workteam without IP restriction',
    description:
      'A workteam whose `WorkerAccessConfiguration.S3Presign.IamPolicyConstraints` enables neither `SourceIp` nor `VpcSourceIp`: the presigned URLs its workers receive work from any address until they expire, so a leaked link exposes the data.',
    severity: 'warning',
    scope: 'json',
    fixable: true,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workteam' || !document.root) return;
    const facts = workteamFacts(document);
    const wholeConfig = member(document.shape.id === 'DescribeWorkteam' ? member(document.root, 'Workteam') : document.root, 'WorkerAccessConfiguration');
    // An update that does not mention WorkerAccessConfiguration leaves the current one in place.
    if (facts.access === 'restricted' || (facts.update && !wholeConfig)) return;
    const name = facts.name ? `Workteam "${facts.name}"` : 'This workteam';
    const describe = document.shape.id === 'DescribeWorkteam' || document.shape.id === 'Workteam' ? ' Change it with UpdateWorkteam.' : '';
    const message =
      facts.access === 'unrestricted'
        ? `SourceIp and VpcSourceIp are not Enabled: presigned URLs handed to this workteam's workers work from any address until they expire. Enable SourceIp (or VpcSourceIp for workers in a VPC).${describe}`
        : `${name} has no IP restriction on presigned URLs: they work from any address until they expire. Set WorkerAccessConfiguration.S3Presign.IamPolicyConstraints.SourceIp (or VpcSourceIp) to "Enabled".${describe}`;
    const anchor = facts.access === 'unrestricted' ? facts.accessAnchor : facts.anchor;
    report({ ...anchor, message, fixes: restrictionFixes(document, { shapeId: document.shape.id, path: [] }) });
  },
};
