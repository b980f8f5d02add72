/**
 * Every check, in one list. The registry test proves each is documented, exercised by a
 * fixture, and has a unique code.
 */
import type { Check, CheckMeta, JsonCheck, TemplateCheck, WorkspaceCheck } from './types';
import { conditionOperatorMismatch } from './json/condition-operator-mismatch';
import { corsMissingGet } from './json/cors-missing-get';
import { interfaceEndpoint } from './json/interface-endpoint';
import { invalidArn } from './json/invalid-arn';
import { invalidCidr } from './json/invalid-cidr';
import { invalidEnumValue } from './json/invalid-enum-value';
import { invalidWorkteamType } from './json/invalid-workteam-type';
import { resourceTypeMismatch } from './json/resource-type-mismatch';
import { jsonSyntax } from './json/json-syntax';
import { missingRequiredProperty } from './json/missing-required-property';
import { unknownAction } from './json/unknown-action';
import { unknownConditionKey } from './json/unknown-condition-key';
import { unknownProperty } from './json/unknown-property';
import { unsupportedConditionKey } from './json/unsupported-condition-key';
import { valueOutOfRange } from './json/value-out-of-range';
import { workforceCidrLimit } from './json/workforce-cidr-limit';
import { workforceMissingIpRestriction } from './json/workforce-missing-ip-restriction';
import { workteamMissingIpRestriction } from './json/workteam-missing-ip-restriction';
import { wrongValueType } from './json/wrong-value-type';
import { yamlSyntax } from './json/yaml-syntax';
import { a2iBucketMissingCors } from './workspace/a2i-bucket-missing-cors';
import { bucketIpAllowlistMismatch } from './workspace/bucket-ip-allowlist-mismatch';
import { kmsPolicyMissingActions } from './workspace/kms-policy-missing-actions';
import { presignUnrestrictedWorkteam } from './workspace/presign-unrestricted-workteam';
import { sourceIpWithVpcPortal } from './workspace/source-ip-with-vpc-portal';
import { sourceVpcBlocksWorkers } from './workspace/source-vpc-blocks-workers';
import { trustPolicyMissingSagemaker } from './workspace/trust-policy-missing-sagemaker';
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

export const JSON_CHECKS: readonly JsonCheck[] = [
  jsonSyntax,
  yamlSyntax,
  unknownProperty,
  missingRequiredProperty,
  invalidEnumValue,
  wrongValueType,
  valueOutOfRange,
  workteamMissingIpRestriction,
  workforceMissingIpRestriction,
  workforceCidrLimit,
  invalidCidr,
  interfaceEndpoint,
  conditionOperatorMismatch,
  invalidWorkteamType,
  invalidArn,
  unknownAction,
  unknownConditionKey,
  unsupportedConditionKey,
  resourceTypeMismatch,
  corsMissingGet,
];

/** Checks that compare the document with the other files of the workspace. */
export const WORKSPACE_CHECKS: readonly WorkspaceCheck[] = [
  presignUnrestrictedWorkteam,
  sourceIpWithVpcPortal,
  sourceVpcBlocksWorkers,
  bucketIpAllowlistMismatch,
  a2iBucketMissingCors,
  trustPolicyMissingSagemaker,
  kmsPolicyMissingActions,
];

export const ALL_CHECKS: readonly Check[] = [...TEMPLATE_CHECKS, ...JSON_CHECKS, ...WORKSPACE_CHECKS];

const BY_CODE = new Map<string, CheckMeta>(ALL_CHECKS.map((c) => [c.meta.code, c.meta]));

export function checkMeta(code: string): CheckMeta | undefined {
  return BY_CODE.get(code);
}
