import { workforceFacts } from '../../workspace/facts';
import type { JsonCheck } from '../types';

export const workforceMissingIpRestriction: JsonCheck = {
  meta: {
    code: 'workforce-missing-ip-restriction',
    title: 'Workforce without IP restriction',
    description:
      'A private workforce without `SourceIpConfig.Cidrs`: workers can sign in and open tasks from any network. With a VPC worker portal (`WorkforceVpcConfig`) too, since the CIDRs apply to the public portal only and without them it admits any address; a private block as the only CIDR closes it.',
    severity: 'warning',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workforce' || !document.root) return;
    const facts = workforceFacts(document);
    // An update leaves out what it does not change; only an explicit empty list removes the restriction.
    if (facts.cidrs.length || (facts.update && !facts.sourceIpConfig)) return;
    const name = facts.name ? `Workforce "${facts.name}"` : 'This workforce';
    const emptied = facts.sourceIpConfig ? ' (an empty Cidrs list removes the restriction)' : '';
    if (facts.vpc) {
      // SourceIpConfig applies to the public portal only, and without it the public portal admits any address.
      report({
        ...(facts.sourceIpConfig ?? facts.vpc),
        message: `${name} has a VPC worker portal, but its public portal still accepts workers from any IP address${emptied}: to leave only the VPC portal, set SourceIpConfig.Cidrs to a private block such as "10.0.0.0/16"; or list your workers' public address ranges.`,
      });
      return;
    }
    report({
      ...(facts.sourceIpConfig ?? facts.anchor),
      message: `${name} accepts workers from any IP address${emptied}: list your workers' public address ranges in SourceIpConfig.Cidrs (1 to 10 CIDR blocks), or put the worker portal in a VPC (WorkforceVpcConfig).`,
    });
  },
};
