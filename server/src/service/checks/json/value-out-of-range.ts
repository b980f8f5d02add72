import type { JsonCheck } from '../types';

const LONG = 200;

export const valueOutOfRange: JsonCheck = {
  meta: {
    code: 'value-out-of-range',
    title: 'Value out of range',
    description:
      'A string, list or number outside the limits the API sets: a WorkteamName over 63 characters, a Description over 200, more than 10 MemberDefinitions, more than 5 SecurityGroupIds or 16 Subnets, a TaskCount other than 1 to 3, a UiTemplate.Content over 128,000 characters.',
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'range') continue;
      // A squiggle over a long string (a whole template) would bury everything else: point at its key.
      const key =
        issue.node.type === 'string' && issue.node.length > LONG && issue.node.parent?.type === 'property' ? issue.node.parent.children?.[0] : undefined;
      const node = key ?? issue.node;
      report({ start: node.offset, end: node.offset + node.length, message: issue.message });
    }
  },
};
