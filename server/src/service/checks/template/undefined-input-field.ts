import { ANY_ITEM, InputPath, keysOf, resolveInputPath } from '../../sampleInput';
import { inputReferences } from '../../template/scope';
import { basename } from '../../util/uri';
import { closest } from '../../util/strings';
import type { TemplateCheck } from '../types';

export const undefinedInputField: TemplateCheck = {
  meta: {
    code: 'undefined-input-field',
    title: 'Field missing from the sample input',
    description:
      'A `task.input` path that the associated sample input (`<name>.input.json`, or the file chosen in settings) does not have. The worker would see an empty value. Only reported when a sample input is associated.',
    severity: 'warning',
    scope: 'template',
    fixable: true,
  },
  run({ text, document, sampleInput, report }) {
    if (!sampleInput?.root || !sampleInput.valid) return;
    const file = basename(sampleInput.uri);
    for (const { variable, path, aliasLength } of inputReferences(document).values()) {
      // path = what the alias stands for + the variable's own static segments after it.
      const staticCount = variable.path.findIndex((s) => s.key === undefined);
      const own = (staticCount === -1 ? variable.path.length : staticCount) - (aliasLength - 1);
      const prefixLength = path.length - own;
      for (let i = prefixLength; i < path.length; i++) {
        if (resolveInputPath(sampleInput, path.slice(0, i + 1)).length) continue;
        const parents = resolveInputPath(sampleInput, path.slice(0, i));
        if (!parents.some((n) => n.type === 'object' || n.type === 'array')) break;
        const segment = variable.path[i - prefixLength + aliasLength - 1];
        const key = path[i];
        const dotted = text[segment.start] === '.';
        const suggestion =
          typeof key === 'string'
            ? closest(
                key,
                keysOf(parents).map((k) => k.key),
              )
            : undefined;
        report({
          start: dotted ? segment.start + 1 : segment.start,
          end: segment.end,
          message: `${describe(path.slice(0, i + 1))} is not in the sample input ${file}${suggestion ? `: did you mean "${suggestion}"?` : '.'}`,
          fixes:
            suggestion && dotted && /^[A-Za-z_][\w-]*$/.test(suggestion)
              ? [{ title: `Change to "${suggestion}"`, edits: [{ start: segment.start + 1, end: segment.end, newText: suggestion }], preferred: true }]
              : undefined,
          related: [{ uri: sampleInput.uri, start: parents[0].offset, end: parents[0].offset + 1, message: 'The enclosing value in the sample input' }],
        });
        break;
      }
    }
  },
};

function describe(path: InputPath): string {
  let out = 'task.input';
  for (const segment of path) {
    if (segment === ANY_ITEM) out += '[]';
    else if (typeof segment === 'number') out += `[${segment}]`;
    else out += /^[A-Za-z_][\w-]*$/.test(segment) ? `.${segment}` : `["${segment}"]`;
  }
  return out;
}
