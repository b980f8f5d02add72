/**
 * Which `task.input` data each Liquid variable refers to, following `for` loop variables and
 * `assign` aliases: `{% for pair in task.input.pairs %}{{ pair.text }}` reads
 * `task.input.pairs[*].text`.
 */
import { ANY_ITEM, InputPath, MAX_INPUT_PATH } from '../sampleInput';
import type { LiquidTag, TemplateDocument } from './document';
import { VariableExpression, variablesOfChain } from './liquidExpression';
import { keptSteps, runSteps, stepEvery } from '../util/steps';

export interface InputReference {
  variable: VariableExpression;
  /** The path below `task.input`. */
  path: InputPath;
  /** How many leading segments of the variable (root included) the alias stands for. */
  aliasLength: number;
}

interface Alias {
  name: string;
  path: InputPath;
  /** Visible from this offset... */
  from: number;
  /** ...to this one (loop variables end with their loop). */
  to: number;
}

const cache = new WeakMap<TemplateDocument, Map<VariableExpression, InputReference>>();

/** Every variable of the document that reads `task.input`, keyed by the variable expression. */
export function inputReferences(document: TemplateDocument): Map<VariableExpression, InputReference> {
  return cache.get(document) ?? runSteps(inputReferencesSteps(document, Infinity));
}

/**
 * `inputReferences` worked out `slice` Liquid nodes a step, for a validation ahead of the checks
 * that read it (a 1 MB template's took 8-25 ms in one call). Kept per tree, as one call keeps it.
 */
export function inputReferencesSteps(document: TemplateDocument, slice: number): Generator<void, Map<VariableExpression, InputReference>> {
  return keptSteps(cache, document, () => compute(document, slice));
}

function* compute(document: TemplateDocument, slice: number): Generator<void, Map<VariableExpression, InputReference>> {
  /** By name, in the order they were defined. */
  const aliases = new Map<string, Alias[]>();
  const result = new Map<VariableExpression, InputReference>();
  const resolve = (v: VariableExpression): InputReference | undefined => {
    const candidates = v.root === 'task' ? undefined : aliases.get(v.root);
    if (v.root !== 'task' && !candidates) return undefined;
    const rest = staticSegments(v);
    if (!rest) return undefined;
    if (!candidates) {
      if (rest[0] !== 'input') return undefined;
      return { variable: v, path: rest.slice(1), aliasLength: 2 };
    }
    for (let i = candidates.length - 1; i >= 0; i--) {
      const alias = candidates[i];
      if (v.start >= alias.from && v.start < alias.to) {
        return alias.path.length + rest.length > MAX_INPUT_PATH ? undefined : { variable: v, path: [...alias.path, ...rest], aliasLength: 1 };
      }
    }
    return undefined;
  };
  const step = stepEvery(slice);
  for (const node of document.liquid) {
    if (step()) yield;
    const variables = node.kind === 'output' ? variablesOfChain(node.chain.expression, node.chain.filters) : node.syntax.variables;
    for (const v of variables) {
      const ref = resolve(v);
      if (ref) result.set(v, ref);
    }
    if (node.kind === 'tag') defineAlias(node, result, aliases, document.text.length);
  }
  return result;
}

function defineAlias(tag: LiquidTag, references: Map<VariableExpression, InputReference>, aliases: Map<string, Alias[]>, textLength: number): void {
  const { defines, source } = tag.syntax;
  if (!defines) return;
  // Resolved with the tag's other variables, before the new name takes effect: `{% assign d = d.e %}` reads the old `d`.
  const ref = source?.kind === 'variable' ? references.get(source) : undefined;
  // Reassigning a name ends what it stood for before. Tags come in document order, so no later
  // variable sees an alias that has ended: dropping those keeps a name reused thousands of times
  // from costing a scan of all its past values.
  const sameName = tag.name === 'assign' ? [] : (aliases.get(defines.name) ?? []);
  while (sameName.length && sameName[sameName.length - 1].to <= tag.start) sameName.pop();
  aliases.set(defines.name, sameName);
  if (!ref) return;
  if (tag.name === 'for' || tag.name === 'tablerow') {
    sameName.push({ name: defines.name, path: [...ref.path, ANY_ITEM], from: tag.end, to: tag.closer?.start ?? textLength });
  } else if (tag.name === 'assign' && !tag.syntax.sourceFiltered) {
    sameName.push({ name: defines.name, path: ref.path, from: tag.end, to: textLength });
  }
}

function staticSegments(v: VariableExpression): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  for (const segment of v.path) {
    if (segment.key === undefined) return out.length ? out : undefined;
    out.push(segment.key);
  }
  return out;
}
