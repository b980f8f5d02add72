import { member, recordRoot } from '../../json/document';
import { MAX_WORKFORCE_CIDRS } from '../../json/sagemakerFacts';
import type { JsonCheck } from '../types';

export const workforceCidrLimit: JsonCheck = {
  meta: {
    code: 'workforce-cidr-limit',
    title: 'Too many workforce CIDR blocks',
    description: `More than ${MAX_WORKFORCE_CIDRS} CIDR blocks in \`SourceIpConfig.Cidrs\`: CreateWorkforce and UpdateWorkforce accept at most ${MAX_WORKFORCE_CIDRS}. Merge adjacent blocks into larger ones.`,
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'workforce') return;
    const cidrs = member(member(recordRoot(document), 'SourceIpConfig'), 'Cidrs');
    const items = cidrs?.type === 'array' ? (cidrs.children ?? []) : [];
    if (items.length <= MAX_WORKFORCE_CIDRS) return;
    const first = items[MAX_WORKFORCE_CIDRS];
    const last = items[items.length - 1];
    const over = items.length - MAX_WORKFORCE_CIDRS;
    report({
      start: first.offset,
      end: last.offset + last.length,
      message: `SourceIpConfig.Cidrs has ${items.length} CIDR blocks; a workforce accepts at most ${MAX_WORKFORCE_CIDRS}. ${over === 1 ? 'The last one is' : `These ${over} are`} over the limit: merge adjacent blocks into larger ones.`,
    });
  },
};
