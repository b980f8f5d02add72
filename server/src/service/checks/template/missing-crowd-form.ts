import { crowdElement } from '../../domain/crowdElements';
import type { HtmlElement } from '../../template/document';
import type { TemplateCheck } from '../types';
import { stepEvery } from '../../util/steps';

export const missingCrowdForm: TemplateCheck = {
  meta: {
    code: 'missing-crowd-form',
    title: 'Field outside <crowd-form>',
    description:
      'A crowd-* field outside any `<crowd-form>`: its value is not part of what the worker submits. Standalone annotators (such as `crowd-entity-annotation`) are exempt, and so are fields inside them, which the annotator submits with its own form.',
    severity: 'warning',
    scope: 'template',
    fixable: false,
  },
  *run({ document, report }) {
    const step = stepEvery();
    for (const element of document.elements) {
      if (step()) yield;
      const info = crowdElement(element.name);
      if (!info || info.standalone || !info.answer || insideAForm(element)) continue;
      report({
        start: element.nameStart,
        end: element.nameEnd,
        message: `<${element.name}> is outside <crowd-form>, so its answer is not submitted: move it inside <crowd-form>.`,
      });
    }
  },
};

/** Inside `<crowd-form>`, or inside a standalone annotator, which brings its own form. */
function insideAForm(element: HtmlElement): boolean {
  for (let p = element.parent; p; p = p.parent) {
    if (p.name === 'crowd-form' || crowdElement(p.name)?.standalone) return true;
  }
  return false;
}
