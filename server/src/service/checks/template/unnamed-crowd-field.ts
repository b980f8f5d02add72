import { crowdElement } from '../../domain/crowdElements';
import { attribute } from '../../template/queries';
import type { TemplateCheck } from '../types';
import { stepEvery } from '../../util/steps';

export const unnamedCrowdField: TemplateCheck = {
  meta: {
    code: 'unnamed-crowd-field',
    title: 'Field without a name',
    description:
      'A crowd-* element that writes an answer but has no `name`: the answer is keyed by `name`, so without one it is lost. (The Augmented AI built-ins write under fixed keys and need none.)',
    severity: 'warning',
    scope: 'template',
    fixable: true,
  },
  *run({ document, report }) {
    // The names in use, for the suggestions: read only once a field needs one (a 1 MB template has
    // tens of thousands of elements, and most templates name every field).
    let used: Set<string> | undefined;
    const step = stepEvery();
    for (const element of document.elements) {
      if (step()) yield;
      const info = crowdElement(element.name);
      if (!info?.answer || info.fixedKey) continue;
      const name = attribute(element, 'name');
      if (name && ((name.value ?? '').trim() !== '' || name.liquid.length > 0)) continue;
      used ??= new Set(document.elements.map((e) => attribute(e, 'name')?.value).filter((v): v is string => !!v));
      const suggestion = freeName(suggestedName(element.name), used);
      used.add(suggestion);
      report({
        start: element.nameStart,
        end: element.nameEnd,
        message: `<${element.name}> has no name, so its answer is lost: add name="…" (the key of its answer in the output).`,
        fixes: [
          name
            ? {
                title: `Name it "${suggestion}"`,
                edits: [
                  {
                    start: name.nameStart,
                    end: name.valueEnd !== undefined ? name.valueEnd + (name.quote ? 1 : 0) : name.nameEnd,
                    newText: `name="${suggestion}"`,
                  },
                ],
                preferred: true,
              }
            : {
                title: `Add name="${suggestion}"`,
                edits: [{ start: element.nameEnd, end: element.nameEnd, newText: ` name="${suggestion}"` }],
                preferred: true,
              },
        ],
      });
    }
  },
};

/** `crowd-bounding-box` → `boundingBox`. */
function suggestedName(elementName: string): string {
  return elementName.replace(/^crowd-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function freeName(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}
