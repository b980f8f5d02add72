/**
 * What a CloudFormation template contributes to the cross-file checks: the facts of its embedded
 * documents (`workspace/facts.ts` reads each as it reads a loose file), with what only the
 * template says: a role's name (`RoleName`), a bucket's (`BucketName`), that a workteam is
 * CloudFormation's. A file holds one fact of a kind (the first resource of it) but every bucket
 * policy's IP allow-lists.
 */
import { member } from '../json/document';
import { DocumentFacts, jsonFacts } from '../workspace/facts';
import { embeddedDocuments } from './embedded';
import { Resolver } from './intrinsics';
import type { CloudFormationTemplate } from './template';

export function cloudFormationFacts(template: CloudFormationTemplate): DocumentFacts {
  const facts: DocumentFacts = {};
  const resolver = new Resolver(template);
  for (const embedded of embeddedDocuments(template)) {
    const own = jsonFacts(embedded.json, '');
    const properties = embedded.resource.properties;
    if (own.workteam) facts.workteam ??= own.workteam;
    if (own.ipGates) facts.ipGates = [...(facts.ipGates ?? []), ...own.ipGates];
    if (own.cors) facts.cors ??= { ...own.cors, bucket: resolver.knownString(member(properties, 'BucketName'))?.toLowerCase() };
    // A trust policy is matched to its role by name: one the template does not name cannot be told apart.
    const roleName = embedded.property === 'AssumeRolePolicyDocument' ? resolver.knownString(member(properties, 'RoleName')) : undefined;
    if (own.trust && roleName) facts.trust ??= { ...own.trust, roleName, statementPath: undefined };
  }
  return facts;
}
