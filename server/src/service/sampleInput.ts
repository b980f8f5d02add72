/**
 * A sample `task.input`: a JSON file associated with a template. It drives `task.input.`
 * completion, hover values, the `undefined-input-field` check and the preview.
 */
import { Node, ParseError, findNodeAtLocation, parseTree } from 'jsonc-parser';

export interface SampleInput {
  uri: string;
  text: string;
  root?: Node;
  /** Whether it parsed without errors: paths are checked only against a whole file. */
  valid: boolean;
}

export function parseSampleInput(uri: string, text: string): SampleInput {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    uri,
    text,
    root,
    valid: errors.length === 0,
  };
}

/** Marks "any item of this array" in a path (the variable of a `for` loop over it). */
export const ANY_ITEM = Symbol('any item');
export type InputPath = (string | number | typeof ANY_ITEM)[];
/**
 * Alias chains (`for` in `for`, `assign b = a.x`) grow paths by a segment per link; a template
 * thousands of links deep would copy ever longer paths. No sample input is this deep.
 */
export const MAX_INPUT_PATH = 64;

/**
 * The nodes a path inside `task.input` reaches (several when the path goes through `ANY_ITEM`).
 * An empty result means the sample does not have the field.
 */
export function resolveInputPath(sample: SampleInput, path: InputPath): Node[] {
  if (!sample.root) return [];
  let nodes: Node[] = [sample.root];
  for (const segment of path) {
    const next: Node[] = [];
    for (const node of nodes) {
      if (segment === ANY_ITEM) {
        if (node.type === 'array') next.push(...(node.children ?? []));
      } else if (segment === 'size' && (node.type === 'array' || node.type === 'string')) {
        next.push(node);
      } else if ((segment === 'first' || segment === 'last') && node.type === 'array' && node.children?.length) {
        next.push(node.children[segment === 'first' ? 0 : node.children.length - 1]);
      } else {
        const child = findNodeAtLocation(node, [segment]);
        if (child) next.push(child);
      }
    }
    nodes = next;
    if (!nodes.length) break;
  }
  return nodes;
}

/** The keys an object node offers, for completion. */
export function keysOf(nodes: Node[]): { key: string; value: Node }[] {
  const seen = new Map<string, Node>();
  for (const node of nodes) {
    if (node.type !== 'object') continue;
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode && valueNode && !seen.has(keyNode.value)) seen.set(keyNode.value, valueNode);
    }
  }
  return [...seen].map(([key, value]) => ({ key, value }));
}
