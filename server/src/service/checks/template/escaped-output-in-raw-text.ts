import { PRESIGN_FILTERS } from '../../domain/liquid';
import type { HtmlElement, LiquidOutput, TemplateDocument } from '../../template/document';
import { escapingOf } from '../../template/queries';
import { inputReferences } from '../../template/scope';
import { resolveInputPath } from '../../sampleInput';
import type { Fix, TemplateCheck, TemplateCheckContext } from '../types';
import { spaceStart } from '../../util/strings';

export const escapedOutputInRawText: TemplateCheck = {
  meta: {
    code: 'escaped-output-in-raw-text',
    title: 'HTML-escaped output inside <script> or <style>',
    description:
      'Outputs are HTML-escaped (`&` becomes `&amp;`), and the browser does not decode entities inside `<script>` or `<style>`. A presigned URL written there keeps `&amp;` between its query parameters, so its signature no longer matches; escaped JSON keeps `&quot;` and is no longer valid JavaScript. Put the value in an attribute and read it from the script.',
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  run(context) {
    for (const node of context.document.liquid) {
      if (node.kind !== 'output' || node.context !== 'raw-text' || !node.element) continue;
      const { filters } = node.chain;
      const escaping = escapingOf(filters);
      if (escaping === 'raw' || escaping === 'json') continue;
      const where = `<${node.element.name}>`;
      const presign = filters.find((f) => PRESIGN_FILTERS.has(f.name));
      const toJson = filters.findIndex((f) => f.name === 'to_json');
      if (presign) {
        context.report({
          start: node.start,
          end: node.end,
          message: `This presigned URL is HTML-escaped inside ${where}, where the browser does not decode "&amp;": the URL's signature breaks. Put the URL in an attribute and read it from the script.`,
          fixes: node.element.name === 'script' ? moveToAttribute(context, node) : undefined,
        });
      } else if (toJson !== -1 && escaping === 'escaped') {
        const escape = filters[filters.length - 1];
        context.report({
          start: escape.nameStart,
          end: escape.nameEnd,
          message: `"${escape.name}" turns the JSON's quotes into "&quot;" inside ${where}, where the browser does not decode them: the script gets invalid JSON. to_json output needs no escaping here.`,
          fixes: [
            { title: `Remove "| ${escape.name}"`, edits: [{ start: spaceStart(context.text, escape.pipe), end: escape.end, newText: '' }], preferred: true },
          ],
        });
      } else {
        const special = sampleValueWithEntities(context, node);
        if (special === undefined) continue;
        context.report({
          start: node.start,
          end: node.end,
          message: `In the sample input this value contains ${special}, which is HTML-escaped inside ${where} and not decoded there. Put the value in an attribute and read it from the script, or write it with "| to_json".`,
          fixes: node.element.name === 'script' ? moveToAttribute(context, node) : undefined,
        });
      }
    }
  },
};

function sampleValueWithEntities({ document, sampleInput }: TemplateCheckContext, node: LiquidOutput): string | undefined {
  const expression = node.chain.expression;
  if (!sampleInput || expression?.kind !== 'variable' || node.chain.filters.length) return undefined;
  const ref = inputReferences(document).get(expression);
  if (!ref) return undefined;
  for (const value of resolveInputPath(sampleInput, ref.path)) {
    const m = value.type === 'string' ? /[&<>"']/.exec(value.value) : null;
    if (m) return `"${m[0]}"`;
  }
  return undefined;
}

/**
 * Moves the output into a `data-value` attribute of a hidden element just before the script,
 * where the browser decodes the entities, and reads it back with `dataset`.
 */
function moveToAttribute({ text, document }: TemplateCheckContext, node: LiquidOutput): Fix[] | undefined {
  const script = node.element!;
  // Repeated by a loop inside the script, the value cannot move to one attribute outside it.
  if (insideLoopOf(document, script, node)) return undefined;
  const quote = text[node.start - 1];
  const quoted = (quote === "'" || quote === '"' || quote === '`') && text[node.end] === quote;
  const replaceStart = quoted ? node.start - 1 : node.start;
  const replaceEnd = quoted ? node.end + 1 : node.end;
  if (!quoted && !/^[\s=(,:[]*$/.test(lastCharsBefore(text, node.start))) return undefined;
  const id = freeId(document, 'task-value');
  const lineStart = text.lastIndexOf('\n', script.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, script.start))![0];
  return [
    {
      title: 'Move the value into an attribute the script reads',
      preferred: true,
      edits: [
        {
          start: script.start,
          end: script.start,
          newText: `<span id="${id}" data-value="${text.slice(node.start, node.end)}" hidden></span>\n${indent}`,
        },
        { start: replaceStart, end: replaceEnd, newText: `document.getElementById('${id}').dataset.value` },
      ],
    },
  ];
}

function insideLoopOf(document: TemplateDocument, script: HtmlElement, node: LiquidOutput): boolean {
  return document.liquid.some(
    (tag) =>
      tag.kind === 'tag' &&
      (tag.name === 'for' || tag.name === 'tablerow') &&
      tag.start >= script.startTagEnd &&
      tag.end <= node.start &&
      (tag.closer?.start ?? Infinity) >= node.end,
  );
}

function lastCharsBefore(text: string, offset: number): string {
  return text.slice(Math.max(0, offset - 1), offset);
}

function freeId(document: TemplateDocument, base: string): string {
  const used = new Set(document.elements.flatMap((e) => e.attributes.filter((a) => a.name === 'id' && a.value).map((a) => a.value!)));
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!used.has(id) && !document.text.includes(`'${id}'`)) return id;
  }
}
