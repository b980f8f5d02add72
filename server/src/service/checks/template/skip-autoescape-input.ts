import type { TemplateDocument } from '../../template/document';
import { VariableExpression, variablesOfChain } from '../../template/liquidExpression';
import { allFilterCalls } from '../../template/queries';
import { inputReferences } from '../../template/scope';
import type { TemplateCheck } from '../types';
import { spaceStart } from '../../util/strings';
import { stepEvery } from '../../util/steps';

export const skipAutoescapeInput: TemplateCheck = {
  meta: {
    code: 'skip-autoescape-input',
    title: 'Unescaped task input (XSS)',
    description:
      '`skip_autoescape` applied to `task.input` data. Whatever the data holds (written by a requester, a pre-annotation Lambda or an earlier worker) becomes live HTML and script in the worker page.',
    severity: 'warning',
    scope: 'template',
    fixable: true,
  },
  *run({ text, document, report }) {
    const step = stepEvery();
    // What task.input reaches, worked out at the first skip_autoescape: most templates have none.
    let isTainted: ((v: VariableExpression) => boolean) | undefined;
    for (const { call, node, chain } of allFilterCalls(document)) {
      if (step()) yield;
      if (call.name !== 'skip_autoescape') continue;
      // Escaped earlier in the chain, the value is already safe text.
      if (chain.slice(0, chain.indexOf(call)).some((f) => f.name === 'escape' || f.name === 'escape_once')) continue;
      isTainted ??= yield* taintOf(document, step);
      const expression = node.kind === 'output' ? node.chain.expression : node.syntax.source;
      const read = variablesOfChain(expression, chain).find(isTainted);
      if (!read) continue;
      report({
        start: call.nameStart,
        end: call.nameEnd,
        message: `skip_autoescape writes "${text.slice(read.start, read.end)}" as raw HTML, and it comes from task.input: any markup or script in the input runs in the worker's browser. Remove skip_autoescape, or sanitise the data before it reaches the task.`,
        fixes: [{ title: 'Remove skip_autoescape', edits: [{ start: spaceStart(text, call.pipe), end: call.end, newText: '' }], preferred: true }],
      });
    }
  },
};

interface Tainted {
  from: number;
  to: number;
}

/**
 * Which variables carry `task.input` data, including through filters (`assign t = task.input.x
 * | upcase`), captures whose body prints input, and loops over such values: for XSS what matters
 * is where the characters came from, not whether the value is still the same.
 */
/** Which variables carry task.input, read a node at a time in the check's steps (`step`). */
function* taintOf(document: TemplateDocument, step: () => boolean): Generator<void, (v: VariableExpression) => boolean> {
  const references = inputReferences(document);
  const names = new Map<string, Tainted[]>();
  // Nodes come in document order, so a taint that ended before `from` is seen by no later variable:
  // dropping those keeps a name reused thousands of times from costing a scan of all its past.
  const taint = (name: string, from: number, to: number) => {
    const list = names.get(name);
    while (list?.length && list[list.length - 1].to <= from) list.pop();
    if (list) list.push({ from, to });
    else names.set(name, [{ from, to }]);
  };
  const captures: { name: string; tainted: boolean }[] = [];
  const isTainted = (v: VariableExpression) => references.has(v) || (names.get(v.root)?.some((t) => v.start >= t.from && v.start < t.to) ?? false);
  const end = document.text.length;
  for (const node of document.liquid) {
    if (step()) yield;
    const reads = (node.kind === 'output' ? variablesOfChain(node.chain.expression, node.chain.filters) : node.syntax.variables).some(isTainted);
    if (reads) for (const capture of captures) capture.tainted = true;
    if (node.kind !== 'tag') continue;
    const defined = node.syntax.defines;
    if (node.name === 'assign' && defined) {
      // A clean assignment ends every earlier taint of the same name.
      names.delete(defined.name);
      if (reads) taint(defined.name, node.end, end);
    } else if ((node.name === 'for' || node.name === 'tablerow') && defined && reads) {
      taint(defined.name, node.end, node.closer?.start ?? end);
    } else if (node.name === 'capture' && defined) {
      captures.push({ name: defined.name, tainted: false });
    } else if (node.name === 'endcapture') {
      const capture = captures.pop();
      if (capture?.tainted) taint(capture.name, node.end, end);
    }
  }
  return isTainted;
}
