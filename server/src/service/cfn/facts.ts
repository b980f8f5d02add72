/**
 * What a CloudFormation template contributes to the cross-file checks: the facts of its embedded
 * documents (`workspace/facts.ts` reads each as it reads a loose file), with what only the
 * template says: a role's name (`RoleName`), a bucket's (`BucketName`), that a workteam is
 * CloudFormation's. Every resource counts: two workteams, two buckets with CORS rules or two named
 * roles give two facts of their kind.
 */
import { member } from '../json/document';
import { DocumentFacts, jsonFacts } from '../workspace/facts';
import { embeddedDocuments } from './embedded';
import { Resolver } from './intrinsics';
import type { CloudFormationTemplate } from './template';

export function cloudFormationFacts(template: CloudFormationTemplate): DocumentFacts {
  const facts: DocumentFacts = {};
  const resolver = new Resolver(template);
  const add = <K extends 'workteams' | 'trusts' | 'cors' | 'ipGates'>(kind: K, items: NonNullable<DocumentFacts[K]>) => {
    if (items.length) facts[kind] = [...(facts[kind] ?? []), ...items] as DocumentFacts[K];
  };
  for (const embedded of embeddedDocuments(template)) {
    const own = jsonFacts(embedded.json, '');
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
