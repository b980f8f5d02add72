/**
 * S3 CORS configurations as the checks read them: the rules of a rule list, a
 * CORSConfiguration or a PutBucketCors request, and whether they let the worker portal fetch
 * task data (`GET` from its origin).
 */
import type { Node } from 'jsonc-parser';
import { JsonDocument, member, valuesOf } from '../json/document';
import { isUnknown, isWhollyUnknown } from './unknown';

/** Origins that include the worker portal (`https://<id>.labeling.<region>.sagemaker.aws`). */
function allowsWorkerOrigin(origin: string): boolean {
  return origin === '*' || origin === 'https://*' || /\.sagemaker\.aws$/i.test(origin);
}

/** The `CORSRules` of a CORS document, where its shape keeps them. */
export function corsRules(document: JsonDocument): Node | undefined {
  if (document.shape?.kind !== 'cors') return undefined;
  const root = document.root;
  switch (document.shape.id) {
    case 'CorsRules':
    case 'CloudFormationCorsRules':
      return root;
    case 'PutBucketCors':
      return member(member(root, 'CORSConfiguration'), 'CORSRules');
    default:
      return member(root, 'CORSRules');
  }
}

/**
 * Whether a rule allows GET from the worker portal. A lone string where S3 wants a list
 * (`"AllowedMethods": "GET"`) is read for what it says: the request is still wrong, and
 * wrong-value-type reports that, with the fix that puts it in a list.
 */
function allowsWorkerGet(rule: Node): boolean {
  // A rule, method or origin the file does not decide (`domain/unknown.ts`) may allow it: taken as allowing, so nothing is reported.
  if (isWhollyUnknown(rule)) return true;
  return (
    valuesOf(member(rule, 'AllowedMethods')).some((m) => m.value === 'GET' || isUnknown(m)) &&
    valuesOf(member(rule, 'AllowedOrigins')).some((o) => o.type === 'string' && (isUnknown(o) || allowsWorkerOrigin(o.value as string)))
  );
}

/** Whether some rule of `rules` (a list, or a lone rule) allows GET from the worker portal. */
export function rulesAllowWorkerGet(rules: Node | undefined): boolean {
  return valuesOf(rules).some(allowsWorkerGet);
}
