/**
 * Reading an object's members in a jsonc-parser tree: shared by the parse (\`document.ts\`) and
 * the recognition of a file by its top-level members (\`kinds.ts\`), which the parse calls.
 */
import type { Node } from 'jsonc-parser';

/** The names of an object's members, one still being typed (no value yet) included: what recognises a file while it is written. */
export function memberNames(node: Node | undefined): Set<string> {
  const out = new Set<string>();
  if (node?.type !== 'object') return out;
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key?.type === 'string') out.add(key.value as string);
  }
  return out;
}

/** The value of an object member. */
export function member(node: Node | undefined, name: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  let found: Node | undefined;
  const children = node.children;
  if (!children) return undefined;
  // Indexed: unoptimised, `for...of` makes an iterator result per item (every member read of a document's first validation).
  for (let i = 0; i < children.length; i++) {
    const pair = children[i].children;
    const value = pair?.[1];
    if (pair?.[0]?.value === name && value) found = value;
  }
  return found;
}
