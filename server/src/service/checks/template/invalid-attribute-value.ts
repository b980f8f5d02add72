import type { Node } from 'jsonc-parser';
import { crowdElement } from '../../domain/crowdElements';
import type { CrowdAttribute } from '../../domain/crowdTypes';
import { resolveInputPath } from '../../sampleInput';
import type { HtmlAttribute } from '../../template/document';
import { inputReferences } from '../../template/scope';
import { decodeAttributeValue } from '../../util/htmlEntities';
import { LiteralValue, parseJsLiteral } from '../../util/jsLiteral';
import { closest } from '../../util/strings';
import { basename } from '../../util/uri';
import type { Report, TemplateCheck, TemplateCheckContext } from '../types';
import { stepEvery } from '../../util/steps';

export const invalidAttributeValue: TemplateCheck = {
  meta: {
    code: 'invalid-attribute-value',
    title: 'Invalid attribute value',
    description:
      "A crowd element attribute whose value the element cannot use: `categories` or `labels` that do not parse as an array (JavaScript literal syntax such as `['a', 'b']` is fine), more items than the element allows, a value outside an enumeration (`<crowd-alert type=\"danger\">`), or a number that is not one. Values built with Liquid are checked against the sample input when there is one.",
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  *run(context) {
    const step = stepEvery();
    for (const element of context.document.elements) {
      if (step()) yield;
      const info = crowdElement(element.name);
      if (!info) continue;
      for (const attr of element.attributes) {
        const spec = info.attributes.find((a) => a.name === attr.name);
        if (!spec || attr.value === undefined || attr.valueStart === undefined) continue;
        if (attr.liquid.length) checkLiquidValue(context, element.name, spec, attr);
        else checkLiteralValue(context.report, element.name, spec, attr);
      }
    }
  },
};

function checkLiteralValue(report: (r: Report) => void, element: string, spec: CrowdAttribute, attr: HtmlAttribute): void {
  const raw = attr.value!;
  const value = decodeAttributeValue(raw).trim();
  const at = { start: attr.valueStart!, end: attr.valueEnd! };
  switch (spec.type) {
    case 'enum': {
      const allowed = (spec.values ?? []).map((v) => v.value);
      if (allowed.includes(spec.caseInsensitive ? value.toLowerCase() : value)) return;
      const suggestion = closest(value, allowed);
      report({
        ...at,
        message: `"${value}" is not a valid ${spec.name} for <${element}>: use ${allowed.map((v) => `"${v}"`).join(', ')}.`,
        fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ ...at, newText: suggestion }], preferred: true }] : undefined,
      });
      return;
    }
    case 'number':
      if (value !== '' && Number.isFinite(Number(value))) return;
      report({ ...at, message: `${spec.name} of <${element}> must be a number, not "${value}".` });
      return;
    case 'array':
    case 'object': {
      const parsed = parseJsLiteral(value);
      if (!parsed.ok) {
        report({
          ...at,
          message: `${spec.name} of <${element}> must be ${spec.type === 'array' ? 'an array' : 'an object'} (JSON or JavaScript literal): ${parsed.message}.`,
        });
        return;
      }
      const problem = shapeProblem(spec, parsed.value);
      if (problem) report({ ...at, message: `${spec.name} of <${element}> ${problem}.` });
      return;
    }
    default:
      return;
  }
}

/** What is wrong with a parsed value for the attribute, if anything. */
function shapeProblem(spec: CrowdAttribute, value: LiteralValue): string | undefined {
  if (spec.type === 'object') {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : "must be an object such as { text: 'None of the above' }";
  }
  if (!Array.isArray(value)) return "must be an array such as ['Cat', 'Dog']";
  return itemsProblem(
    spec,
    value.length,
    value.map((v) => (typeof v === 'string' ? 'string' : v !== null && typeof v === 'object' && !Array.isArray(v) ? 'object' : 'other')),
  );
}

function itemsProblem(spec: CrowdAttribute, count: number, kinds: ('string' | 'object' | 'other')[]): string | undefined {
  if (spec.maxItems !== undefined && count > spec.maxItems) return `has ${count} items; the element accepts at most ${spec.maxItems}`;
  if (spec.items === 'string' && kinds.some((k) => k !== 'string')) return 'must contain only strings';
  if (spec.items === 'string-or-object' && kinds.some((k) => k === 'other')) return 'must contain strings or objects';
  return undefined;
}

/**
 * `categories="{{ task.input.labels | to_json | escape }}"`: the value comes from the input, so
 * check what the sample input holds there.
 */
function checkLiquidValue(context: TemplateCheckContext, element: string, spec: CrowdAttribute, attr: HtmlAttribute): void {
  const { sampleInput, document, report, text } = context;
  if (!sampleInput || spec.type !== 'array' || attr.liquid.length !== 1) return;
  const node = attr.liquid[0];
  if (node.kind !== 'output' || text.slice(attr.valueStart, attr.valueEnd).trim() !== text.slice(node.start, node.end)) return;
  const { expression, filters } = node.chain;
  if (expression?.kind !== 'variable' || filters[0]?.name !== 'to_json' || filters.slice(1).some((f) => f.name !== 'escape')) return;
  const ref = inputReferences(document).get(expression);
  if (!ref) return;
  for (const sample of resolveInputPath(sampleInput, ref.path)) {
    const problem = sample.type === 'array' ? itemsProblem(spec, sample.children?.length ?? 0, (sample.children ?? []).map(kindOf)) : 'must be an array';
    if (!problem) continue;
    report({
      start: node.start,
      end: node.end,
      message: `${spec.name} of <${element}>, with the sample input ${basename(sampleInput.uri)}, ${problem}.`,
      related: [{ uri: sampleInput.uri, start: sample.offset, end: sample.offset + sample.length, message: 'The sample value' }],
    });
    return;
  }
}

function kindOf(node: Node): 'string' | 'object' | 'other' {
  return node.type === 'string' ? 'string' : node.type === 'object' ? 'object' : 'other';
}
