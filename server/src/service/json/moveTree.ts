/**
 * A tree moved to new offsets after an edit, for the re-reads that keep what an edit left alone:
 * a YAML stack's sections and resources (`cfn/yamlReuse.ts`) and a policy's statements
 * (`json/treeReuse.ts`).
 */
import type { Node } from 'jsonc-parser';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A subtree with every offset moved by `shift`: a copy (`copy`; the checks walk up through
 * `parent`, so a tree that is still read shares no node with another; its lists made at their
 * size), or the nodes themselves (a piece's own parse, which nothing else holds). Undefined for a
 * member without its colon, which a whole parse would look for further on.
 */
export function movedTree(node: Node, shift: number, copy: boolean, parent?: Node): Node | undefined {
  if (!node.children) {
    if (!copy) {
      (node as Mutable<Node>).offset += shift;
      return node;
    }
    return { type: node.type, value: node.value, offset: node.offset + shift, length: node.length, parent };
  }
  if (node.type === 'property' && node.colonOffset === undefined) return undefined;
  const children = node.children;
  // A copy's list made at its size: one grown by `push` keeps room for 17, and most nodes have one or two.
  const target: Mutable<Node> = copy
    ? { type: node.type, offset: node.offset + shift, length: node.length, parent, children: new Array<Node>(children.length) }
    : node;
  if (!copy) target.offset += shift;
  if (node.colonOffset !== undefined) target.colonOffset = node.colonOffset + shift;
  for (let i = 0; i < children.length; i++) {
    const child = movedTree(children[i], shift, copy, target);
    if (!child) return undefined;
    if (copy) target.children![i] = child;
  }
  return target;
}
