import { anchorOf } from '../../json/document';
import type { JsonCheck } from '../types';

export const missingRequiredProperty: JsonCheck = {
  meta: {
    code: 'missing-required-property',
    title: 'Missing required property',
    description:
      'A member the API requires is missing (from the SageMaker SDK shapes: `Description` in CreateWorkteam, `ClientId` in a Cognito member definition...), or a policy statement lacks `Effect` or `Action`/`NotAction`. The request or policy is rejected.',
    severity: 'error',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    for (const issue of document.analysis.issues) {
      if (issue.kind !== 'missing') continue;
      const { start, end } = anchorOf(issue.object);
      const owner = issue.owner.charAt(0).toUpperCase() + issue.owner.slice(1);
      const article = issue.object === document.root && document.shape ? document.shape.label.replace(/^a/, 'A') : owner;
      for (const name of issue.names) {
        report({
          start,
          end,
          message: `${article} needs ${name
            .split(' or ')
            .map((n) => `"${n}"`)
            .join(' or ')}.`,
        });
      }
    }
  },
};
