/** The IAM policy documents inside a recognised JSON file, as objects (policies in JSON strings are not read). */
import type { Node } from 'jsonc-parser';
import { JsonDocument, member, valuesOf } from './document';

export function policyObjects(document: JsonDocument): Node[] {
  const root = document.root;
  if (!root || !document.shape) return [];
  const objects = (nodes: (Node | undefined)[]) => nodes.filter((n): n is Node => n?.type === 'object');
  switch (document.shape.id) {
    case 'Policy':
      return [root];
    case 'CreateRole':
      return objects([member(root, 'AssumeRolePolicyDocument')]);
    case 'GetRole':
      return objects([member(member(root, 'Role'), 'AssumeRolePolicyDocument')]);
    case 'VpcEndpoint':
      return objects([member(root, 'PolicyDocument')]);
    case 'DescribeVpcEndpoints':
      return objects(valuesOf(member(root, 'VpcEndpoints')).map((e) => member(e, 'PolicyDocument')));
    default:
      return [];
  }
}
