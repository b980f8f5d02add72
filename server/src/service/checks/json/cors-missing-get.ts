import { corsRules, rulesAllowWorkerGet } from '../../domain/cors';
import { anchorOf } from '../../json/document';
import { appendValues } from '../../json/edit';
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
    const rules = corsRules(document);
    if (!rules || rulesAllowWorkerGet(rules)) return;
    report({
      ...anchorOf(rules),
      message:
        'No CORS rule allows GET from the worker portal: worker tasks with image input cannot load the image. Add a rule with "AllowedMethods": ["GET"] and "AllowedOrigins": ["*"].',
      fixes:
        rules.type === 'array'
          ? [{ title: 'Add a rule allowing GET from any origin', edits: appendValues(text, rules, [WORKER_CORS_RULE]), preferred: true }]
          : undefined,
    });
  },
};
