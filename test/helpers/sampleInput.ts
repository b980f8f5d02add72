/**
 * A `task.input` for any template, built from the paths the template reads: presigned values get
 * S3 references, loops get two items, everything else a string naming its path. Used to render
 * every corpus template without hand-written inputs.
 */
import { PRESIGN_FILTERS } from '../../server/src/service/domain/liquid';
import { ANY_ITEM, InputPath } from '../../server/src/service/sampleInput';
import { parseTemplate } from '../../server/src/service/template/parser';
import { inputReferences } from '../../server/src/service/template/scope';

type Json = string | Json[] | { [key: string]: Json };

export function generatedInput(template: string): Record<string, Json> {
  const document = parseTemplate(template);
  const presigned = new Set<object>();
  for (const node of document.liquid) {
    if (node.kind === 'output' && node.chain.filters.some((f) => PRESIGN_FILTERS.has(f.name)) && node.chain.expression?.kind === 'variable') {
      presigned.add(node.chain.expression);
    }
  }
  const root: Record<string, Json> = {};
  for (const [variable, reference] of inputReferences(document)) {
    if (reference.path.length) set(root, reference.path, presigned.has(variable));
  }
  return root;
}

function leaf(path: InputPath, presigned: boolean): string {
  const name = path.map((s) => (s === ANY_ITEM ? '0' : String(s))).join('.');
  return presigned ? `s3://example-bucket/sample/${name}.jpg` : `sample ${name}`;
}

function set(container: Record<string, Json> | Json[], path: InputPath, presigned: boolean): void {
  const [head, ...rest] = path;
  const keys = head === ANY_ITEM ? [0, 1] : [head];
  for (const key of keys) {
    const slot = container as Record<string | number, Json>;
    if (!rest.length) {
      if (slot[key] === undefined) slot[key] = leaf(path, presigned);
      continue;
    }
    const wantArray = rest[0] === ANY_ITEM || typeof rest[0] === 'number';
    if (typeof slot[key] !== 'object') slot[key] = wantArray ? [] : {};
    set(slot[key] as Record<string, Json>, rest, presigned);
  }
}
