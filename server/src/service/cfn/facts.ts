/**
 * What a CloudFormation template contributes to the cross-file checks: the facts of its embedded
 * documents (`workspace/facts.ts` reads each as it reads a loose file), with what only the
 * template says: a role's name (`RoleName`), a bucket's (`BucketName`), that a workteam is
 * CloudFormation's. Every resource counts: two workteams, two buckets with CORS rules or two named
 * roles give two facts of their kind.
 */
import { member } from '../json/document';
import { runSteps, stepEvery } from '../util/steps';
import { DocumentFacts, jsonFacts } from '../workspace/facts';
import { embeddedDocuments } from './embedded';
import { Resolver } from './intrinsics';
import { allWithin, reuseOf } from './reuse';
import { moved } from '../util/spans';
import type { CloudFormationTemplate } from './template';

export function cloudFormationFacts(template: CloudFormationTemplate): DocumentFacts {
  return runSteps(cloudFormationFactsSteps(template, Infinity));
}

/** `cloudFormationFacts`, a step after each `slice` embedded documents, for a validation (about 60 ms in one go at 1 MB). */
export function* cloudFormationFactsSteps(template: CloudFormationTemplate, slice: number): Generator<void, DocumentFacts> {
  const facts: DocumentFacts = {};
  const resolver = new Resolver(template);
  // Appended in place: copying the list at each document made a stack of thousands of policies quadratic (100 ms at 1 MB).
  const add = <K extends 'workteams' | 'trusts' | 'cors' | 'ipGates'>(kind: K, items: NonNullable<DocumentFacts[K]>) => {
    if (!items.length) return;
    const list = (facts[kind] ??= [] as NonNullable<DocumentFacts[K]>) as unknown[];
    for (const item of items) list.push(item);
  };
  const step = stepEvery(slice);
  const documents = embeddedDocuments(template);
  const reuse = reuseOf(template);
  for (let i = 0; i < documents.length; i++) {
    const embedded = documents[i];
    // The predecessor's facts of a resource of the same text, moved (`cfn/reuse.ts`), or read and kept.
    const entry = reuse?.entries[i];
    const old = entry?.same?.results.facts?.[embedded.index];
    if (step()) yield;
    const own = old ? moved(old, entry!.start - entry!.same!.start, template.uri) : jsonFacts(embedded.json, '');
    if (entry) (entry.results.facts ??= [])[embedded.index] = old || allWithin(own, entry, template.uri) ? own : null;
    const properties = embedded.resource.properties;
    add('workteams', own.workteams ?? []);
    add('ipGates', own.ipGates ?? []);
    const bucket = resolver.knownString(member(properties, 'BucketName'))?.toLowerCase();
    add(
      'cors',
      (own.cors ?? []).map((cors) => ({ ...cors, bucket })),
    );
    // A trust policy is matched to its role by name: one the template does not name cannot be told apart.
    const roleName = embedded.property === 'AssumeRolePolicyDocument' ? resolver.knownString(member(properties, 'RoleName')) : undefined;
    if (roleName)
      add(
        'trusts',
        (own.trusts ?? []).map((trust) => ({ ...trust, roleName, statementPath: undefined })),
      );
  }
  return facts;
}
