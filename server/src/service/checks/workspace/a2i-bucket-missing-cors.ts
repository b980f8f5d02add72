import { sampleBuckets } from '../../workspace/facts';
import type { WorkspaceCheck } from '../types';

export const a2iBucketMissingCors: WorkspaceCheck = {
  meta: {
    code: 'a2i-bucket-missing-cors',
    title: 'Augmented AI input bucket without CORS',
    description:
      "Across files: an Augmented AI template (an A2I element, or `task.input.aiServiceRequest` and the like) reads from a bucket (named in the template or its sample input) for which the workspace's S3 CORS configurations allow no `GET` from the worker portal. The worker's browser then cannot load the image. Only reported when the workspace keeps CORS configurations and none that could apply allows it.",
    severity: 'warning',
    scope: 'workspace',
    fixable: false,
  },
  run(context) {
    if (context.kind !== 'template') return;
    const { workspace, report } = context;
    const template = workspace.self()?.template;
    const buckets = [...new Set([...(template?.buckets ?? []), ...sampleBuckets(context.sampleInput)])].sort();
    if (!template?.a2i || !buckets.length) return;
    const configurations = workspace.cors();
    if (!configurations.length) return;
    // A configuration that does not say its bucket may be the one: nothing certain to report.
    if (configurations.some((c) => !c.facts.bucket && c.facts.allowsWorkerGet)) return;
    for (const bucket of buckets) {
      const own = configurations.filter((c) => c.facts.bucket === bucket);
      if (own.some((c) => c.facts.allowsWorkerGet)) continue;
      if (!own.length && configurations.some((c) => !c.facts.bucket)) continue;
      const message = own.length
        ? `This Augmented AI template reads from bucket "${bucket}", whose CORS configuration in ${own[0].path} allows no GET from the worker portal: the worker's browser cannot load the image. Add a rule with "AllowedMethods": ["GET"] and "AllowedOrigins": ["*"].`
        : `This Augmented AI template reads from bucket "${bucket}", and no CORS configuration in the workspace is for it (${configurations.map((c) => `${c.path} is for "${c.facts.bucket}"`).join('; ')}): without a rule allowing GET, the worker's browser cannot load the image.`;
      const related = (own.length ? own : configurations)
        .slice(0, 10)
        .map((c) => ({ uri: c.uri, ...c.facts.anchor, message: `CORS configuration in ${c.path}` }));
      report({ start: template.a2i.start, end: template.a2i.end, message, related });
    }
  },
};
