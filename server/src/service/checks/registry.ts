/**
 * Every check, in one list. The registry test proves each is documented, exercised by a
 * fixture, and has a unique code.
 */
import type { Check, CheckMeta, TemplateCheck } from './types';
import { escapedOutputInRawText } from './template/escaped-output-in-raw-text';
import { interfaceEndpointUrl } from './template/interface-endpoint-url';
import { invalidAttributeValue } from './template/invalid-attribute-value';
import { liquidSyntax } from './template/liquid-syntax';
import { missingCrowdForm } from './template/missing-crowd-form';
import { missingCrowdScript } from './template/missing-crowd-script';
import { presignNonS3 } from './template/presign-non-s3';
import { selfClosedCrowdElement } from './template/self-closed-crowd-element';
import { skipAutoescapeInput } from './template/skip-autoescape-input';
import { templateTooLarge } from './template/template-too-large';
import { undefinedInputField } from './template/undefined-input-field';
import { unknownCrowdAttribute } from './template/unknown-crowd-attribute';
import { unknownCrowdElement } from './template/unknown-crowd-element';
import { unknownFilter } from './template/unknown-filter';
import { unnamedCrowdField } from './template/unnamed-crowd-field';

export const TEMPLATE_CHECKS: readonly TemplateCheck[] = [
  liquidSyntax,
  unknownFilter,
  escapedOutputInRawText,
  interfaceEndpointUrl,
  presignNonS3,
  skipAutoescapeInput,
  missingCrowdScript,
  missingCrowdForm,
  unnamedCrowdField,
  selfClosedCrowdElement,
  unknownCrowdElement,
  unknownCrowdAttribute,
  invalidAttributeValue,
  undefinedInputField,
  templateTooLarge,
];

export const ALL_CHECKS: readonly Check[] = [...TEMPLATE_CHECKS];

const BY_CODE = new Map<string, CheckMeta>(ALL_CHECKS.map((c) => [c.meta.code, c.meta]));

export function checkMeta(code: string): CheckMeta | undefined {
  return BY_CODE.get(code);
}
