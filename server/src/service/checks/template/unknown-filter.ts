import { FILTERS, filterInfo } from '../../domain/liquid';
import { allFilterCalls } from '../../template/queries';
import { closest } from '../../util/strings';
import type { TemplateCheck } from '../types';
import { stepEvery } from '../../util/steps';

const NAMES = FILTERS.map((f) => f.name);

export const unknownFilter: TemplateCheck = {
  meta: {
    code: 'unknown-filter',
    title: 'Unknown filter',
    description: 'A filter that the Ground Truth Liquid dialect does not have. Suggests the nearest known name (`grant_read_acess` → `grant_read_access`).',
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  *run({ document, report }) {
    const step = stepEvery();
    for (const { call } of allFilterCalls(document)) {
      if (step()) yield;
      if (filterInfo(call.name)) continue;
      const suggestion = closest(call.name, NAMES);
      report({
        start: call.nameStart,
        end: call.nameEnd,
        message: suggestion
          ? `Unknown filter "${call.name}": did you mean "${suggestion}"?`
          : `Unknown filter "${call.name}": worker templates support the standard Liquid filters plus s3_presign, grant_read_access, to_json, escape, escape_once and skip_autoescape.`,
        fixes: suggestion
          ? [{ title: `Change to "${suggestion}"`, edits: [{ start: call.nameStart, end: call.nameEnd, newText: suggestion }], preferred: true }]
          : undefined,
      });
    }
  },
};
