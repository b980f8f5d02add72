/**
 * CloudFormation templates, in JSON or YAML, CDK's synthesized ones (`cdk.out/*.template.json`)
 * included: what makes a file one, and its resources as nodes with offsets into the file.
 * Parsing never throws.
 */
import type { Node } from 'jsonc-parser';
import { type JsonDocument, JsonError, member, membersOf, parseJson, stringValue } from '../json/document';
import { parseYamlTree } from './yaml';

export type TemplateSyntax = 'json' | 'yaml';

export interface CloudFormationResource {
  logicalId: string;
  /** The logical id's key: where a finding about the whole resource points. */
  key: Node;
  /** `AWS::IAM::Role`... (undefined while it is being typed). */
  type?: string;
  node: Node;
  properties?: Node;
  /** The construct path the CDK records (`Metadata["aws:cdk:path"]`). */
  cdkPath?: string;
}

export interface CloudFormationTemplate {
  uri: string;
  text: string;
  syntax: TemplateSyntax;
  /** The tree of the whole file, short-form tags read as the long form (`cfn/yaml.ts`). */
  root: Node | undefined;
  errors: JsonError[];
  resources: CloudFormationResource[];
  /** Synthesized by the CDK. */
  cdk: boolean;
}

/**
 * Whether a tree is a CloudFormation template: it names `AWSTemplateFormatVersion`, or has
 * `Resources` of which one has a `Type` of AWS's (`AWS::...`). A resource still being typed counts.
 */
export function isCloudFormation(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  const top = membersOf(root);
  if (top.has('AWSTemplateFormatVersion')) return true;
  const resources = top.get('Resources')?.value;
  if (resources?.type !== 'object') return false;
  for (const { value } of membersOf(resources).values()) {
    const type = stringValue(member(value, 'Type'));
    if (type?.startsWith('AWS::')) return true;
  }
  return false;
}

/**
 * Reads a template in the syntax given (or the one its first character says), or from the JSON
 * parse of the file when the caller has one: a JSON template is not parsed twice.
 */
export function parseCloudFormation(
  uri: string,
  text: string,
  source: TemplateSyntax | Pick<JsonDocument, 'root' | 'errors'> = /^\s*[{[]/.test(text) ? 'json' : 'yaml',
): CloudFormationTemplate {
  if (typeof source === 'object') return templateOf(uri, text, 'json', source);
  if (source === 'json') return templateOf(uri, text, 'json', parseJson(uri, text, { shapeId: null, fileName: '' }));
  return templateOf(uri, text, 'yaml', parseYamlTree(text));
}

/** A template read from its tree (`parseCloudFormation`, or a YAML tree parsed in slices). */
export function templateOf(
  uri: string,
  text: string,
  syntax: TemplateSyntax,
  { root, errors }: { root: Node | undefined; errors: JsonError[] },
): CloudFormationTemplate {
  const resources: CloudFormationResource[] = [];
  let cdk = false;
  for (const [logicalId, { key, value }] of membersOf(member(root, 'Resources'))) {
    if (value.type !== 'object') continue;
    const type = stringValue(member(value, 'Type'));
    const cdkPath = stringValue(member(member(value, 'Metadata'), 'aws:cdk:path'));
    cdk ||= !!cdkPath || type === 'AWS::CDK::Metadata';
    const properties = member(value, 'Properties');
    resources.push({ logicalId, key, type, node: value, properties: properties?.type === 'object' ? properties : undefined, cdkPath });
  }
  return { uri, text, syntax, root, errors, resources, cdk };
}
