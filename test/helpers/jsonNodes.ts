/** JSON trees compared in tests: nodes as plain data, each node's parent checked on the way. */
import * as assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';

/** A node as plain data, its parent left out (a cycle) but checked to be the node that holds it. */
export function plainNode(node: Node | undefined, parent?: Node): unknown {
  if (!node) return undefined;
  assert.equal(node.parent, parent, `the parent of the ${node.type} at ${node.offset}`);
  const { type, offset, length, value, colonOffset } = node;
  return { type, offset, length, value, colonOffset, children: node.children?.map((c) => plainNode(c, node)) };
}
