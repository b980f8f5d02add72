/**
 * The documents inside a CloudFormation template that the JSON checks read, each a `JsonDocument`
 * of the shape the loose files of its kind have, with its intrinsics worked out
 * (`cfn/intrinsics.ts`) and offsets into the template's text:
 *
 * - `AWS::IAM::Role`: `AssumeRolePolicyDocument` and each `Policies[].PolicyDocument`;
 * - `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, `AWS::S3::BucketPolicy`: `PolicyDocument`;
 * - `AWS::KMS::Key`: `KeyPolicy`;
 * - `AWS::S3::Bucket`: `CorsConfiguration.CorsRules`, CloudFormation's spelling of S3's CORSRules;
 * - `AWS::EC2::VPCEndpoint` and `AWS::SageMaker::Workteam`: their properties.
 *
 * A policy written as a JSON string is not read (as in loose files), nor a value the template does not decide.
 */
import type { Node } from 'jsonc-parser';
import { JsonDocument, member, valuesOf } from '../json/document';
import { JsonShapeId, shapeInfo } from '../json/kinds';
import { CLOUDFORMATION_CORS_NAMES } from '../json/shapes';
import { keptSteps, runSteps, stepEvery } from '../util/steps';
import { Resolver, holdsIntrinsic } from './intrinsics';
import type { CloudFormationResource, CloudFormationTemplate } from './template';

export interface EmbeddedDocument {
  resource: CloudFormationResource;
  /** Where in the resource's properties, for messages: `Policies[0].PolicyDocument`. */
  property: string;
  json: JsonDocument;
  /** Its tree is the template's intrinsics worked out, not the template's own nodes: it reads more than its resource's text. */
  resolved: boolean;
  /** Its place among its resource's documents. */
  index: number;
  /** Member names a quick fix writes in the API's spelling, and the template's spelling of them. */
  sourceNames?: Readonly<Record<string, string>>;
}

interface Place {
  shape: JsonShapeId;
  /** From the resource's `Properties`: member names, `*` for every item of a list. */
  path: readonly string[];
  sourceNames?: Readonly<Record<string, string>>;
}

const POLICY = (...path: string[]): Place => ({ shape: 'Policy', path });

/** Where each resource type keeps what the checks read. */
export const EMBEDDED_PLACES: Readonly<Record<string, readonly Place[]>> = {
  'AWS::IAM::Role': [POLICY('AssumeRolePolicyDocument'), POLICY('Policies', '*', 'PolicyDocument')],
  'AWS::IAM::Policy': [POLICY('PolicyDocument')],
  'AWS::IAM::ManagedPolicy': [POLICY('PolicyDocument')],
  'AWS::S3::BucketPolicy': [POLICY('PolicyDocument')],
  'AWS::KMS::Key': [POLICY('KeyPolicy')],
  // The topics a streaming labeling job reads from and writes to, and queues subscribed to them.
  'AWS::SNS::TopicPolicy': [POLICY('PolicyDocument')],
  'AWS::SQS::QueuePolicy': [POLICY('PolicyDocument')],
  'AWS::S3::Bucket': [{ shape: 'CloudFormationCorsRules', path: ['CorsConfiguration', 'CorsRules'], sourceNames: CLOUDFORMATION_CORS_NAMES }],
  'AWS::EC2::VPCEndpoint': [{ shape: 'VpcEndpoint', path: [] }],
  'AWS::SageMaker::Workteam': [{ shape: 'CloudFormationWorkteam', path: [] }],
};

const cache = new WeakMap<CloudFormationTemplate, EmbeddedDocument[]>();

/** The embedded documents of a template, worked out once per parse. */
export function embeddedDocuments(template: CloudFormationTemplate): EmbeddedDocument[] {
  return cache.get(template) ?? runSteps(embeddedDocumentsSteps(template, Infinity));
}

/**
 * `embeddedDocuments`, a step after each `slice` resources, for a validation (a 1 MB stack's
 * thousands of resources took tens of milliseconds in one go, in its first check). Kept as
 * `embeddedDocuments` keeps them; if a reader in between worked them out first, its stay.
 */
export function embeddedDocumentsSteps(template: CloudFormationTemplate, slice: number): Generator<void, EmbeddedDocument[]> {
  return keptSteps(cache, template, function* () {
    const documents: EmbeddedDocument[] = [];
    const resolver = new Resolver(template);
    const step = stepEvery(slice);
    for (const resource of template.resources) {
      if (step()) yield;
      const places = resource.type ? EMBEDDED_PLACES[resource.type] : undefined;
      if (!places || !resource.properties) continue;
      let index = 0;
      for (const place of places) {
        for (const { node, label } of nodesAt(resource.properties, place.path)) {
          // The document's top keeps its place in the template: a finding about it points at its key.
          // Most policies hold no intrinsic: their resolved tree would be a copy of the template's
          // nodes, made again at every validation (a stack's policies, twice over).
          const root = holdsIntrinsic(node) ? resolver.resolve(node, node.parent) : node;
          if (!root || !(root.type === 'object' || (root.type === 'array' && place.shape === 'CloudFormationCorsRules'))) continue;
          const json = new JsonDocument(template.uri, template.text, root, [], shapeInfo(place.shape));
          documents.push({ resource, property: label, json, resolved: root !== node, index: index++, sourceNames: place.sourceNames });
        }
      }
    }
    return documents;
  });
}

function nodesAt(properties: Node, path: readonly string[]): { node: Node; label: string }[] {
  let found: { node: Node; label: string }[] = [{ node: properties, label: '' }];
  for (const step of path) {
    if (step === '*')
      found = found.flatMap(({ node, label }) => (node.type === 'array' ? valuesOf(node).map((item, i) => ({ node: item, label: `${label}[${i}]` })) : []));
    else
      found = found.flatMap(({ node, label }) => {
        const next = member(node, step);
        return next ? [{ node: next, label: label ? `${label}.${step}` : step }] : [];
      });
  }
  return found;
}
