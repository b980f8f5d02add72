import { anchorOf, member } from '../../json/document';
import { appendValues } from '../../json/edit';
import { allowsWorkerOrigin } from '../../workspace/facts';
import type { JsonCheck } from '../types';

/** The rule Ground Truth's documentation gives for input buckets. */
export const WORKER_CORS_RULE = { AllowedHeaders: [], AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] };

export const corsMissingGet: JsonCheck = {
  meta: {
    code: 'cors-missing-get',
    title: 'CORS without GET for workers',
    description:
      "An S3 CORS configuration with no rule that allows `GET` from the worker portal's origin (`*`, or `https://*.labeling.<region>.sagemaker.aws`). Augmented AI tasks with image input fail to load the image without one, and Ground Truth image tasks need it too.",
    severity: 'warning',
    scope: 'json',
    fixable: true,
  },
  run({ document, text, report }) {
    if (document.shape?.kind !== 'cors' || !document.root) return;
    const root = document.root;
    const rules =
      document.shape.id === 'CorsRules' ? root : document.at(document.shape.id === 'PutBucketCors' ? ['CORSConfiguration', 'CORSRules'] : ['CORSRules']);
    if (!rules || rules.type !== 'array') return;
    const ok = (rules.children ?? []).some(
      (rule) =>
        (member(rule, 'AllowedMethods')?.children ?? []).some((m) => m.value === 'GET') &&
        (member(rule, 'AllowedOrigins')?.children ?? []).some((o) => o.type === 'string' && allowsWorkerOrigin(o.value as string)),
    );
    if (ok) return;
    report({
      ...anchorOf(rules),
      message:
        'No CORS rule allows GET from the worker portal: worker tasks with image input cannot load the image. Add a rule with "AllowedMethods": ["GET"] and "AllowedOrigins": ["*"].',
      fixes: [{ title: 'Add a rule allowing GET from any origin', edits: appendValues(text, rules, [WORKER_CORS_RULE]), preferred: true }],
    });
  },
};
