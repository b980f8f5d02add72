import { workforceFacts } from '../../workspace/facts';
import type { JsonCheck } from '../types';

export const workforceMissingIpRestriction: JsonCheck = {
  meta: {
    code: 'workforce-missing-ip-restriction',
    title: 'Workforce without IP restriction',
    description:
      'A private workforce with neither `SourceIpConfig.Cidrs` nor a VPC worker portal (`WorkforceVpcConfig`): workers can sign in and open tasks from any network.',
    severity: 'warning',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workforce' || !document.root) return;
    const facts = workforceFacts(document);
    // An update leaves out what it does not change; only an explicit empty list removes the restriction.
    if (facts.vpc || facts.cidrs.length || (facts.update && !facts.sourceIpConfig)) return;
    const name = facts.name ? `Workforce "${facts.name}"` : 'This workforce';
    const emptied = facts.sourceIpConfig ? ' (an empty Cidrs list removes the restriction)' : '';
    report({
      ...(facts.sourceIpConfig ?? facts.anchor),
      message: `${name} accepts workers from any IP address${emptied}: list your workers' public address ranges in SourceIpConfig.Cidrs (1 to 10 CIDR blocks), or put the worker portal in a VPC (WorkforceVpcConfig).`,
    });
  },
};
