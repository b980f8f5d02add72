/**
 * The fields a rendered task page would submit: every crowd-* element that writes an answer,
 * keyed by its `name` (or the fixed key of an Augmented AI built-in), and the named native form
 * controls inside `<crowd-form>`. Read from the rendered HTML, so names built with Liquid
 * (`name="label{{ forloop.index }}"`) appear as the worker's page has them.
 */
import { crowdElement } from '../service/domain/crowdElements';
import type { HtmlElement, TemplateDocument } from '../service/template/document';
import { parseTemplate } from '../service/template/parser';
import { attribute } from '../service/template/queries';
import { decodeAttributeValue } from '../service/util/htmlEntities';

export interface AnswerField {
  /** The key of the answer; undefined when the element has no name, so its answer is lost. */
  key?: string;
  /** `crowd-bounding-box`, or `input type="checkbox"` for a native control. */
  element: string;
  /** What the element writes under its key (Markdown, from the crowd element table). */
  writes: string;
  /** False when nothing submits it (outside `<crowd-form>` and outside a standalone annotator). */
  submitted: boolean;
}

const NATIVE_CONTROLS = new Set(['input', 'select', 'textarea']);
const NOT_SUBMITTED_INPUTS = new Set(['submit', 'button', 'reset', 'image']);

/** From rendered HTML, or from its parse when the caller has one already. */
export function answerFields(rendered: string | TemplateDocument): AnswerField[] {
  const fields: AnswerField[] = [];
  const document = typeof rendered === 'string' ? parseTemplate(rendered) : rendered;
  for (const element of document.elements) {
    const info = crowdElement(element.name);
    if (info?.answer) {
      fields.push({ key: info.fixedKey ?? nameOf(element), element: element.name, writes: info.answer, submitted: isSubmitted(element) });
      continue;
    }
    if (!NATIVE_CONTROLS.has(element.name) || !insideForm(element)) continue;
    const type = (attribute(element, 'type')?.value ?? 'text').toLowerCase();
    if (element.name === 'input' && NOT_SUBMITTED_INPUTS.has(type)) continue;
    const key = nameOf(element);
    if (key === undefined) continue;
    fields.push({
      key,
      element: element.name === 'input' ? `input type="${type}"` : element.name,
      writes: 'The value of this HTML form control, submitted by `<crowd-form>` like any form field.',
      submitted: true,
    });
  }
  return fields;
}

function nameOf(element: HtmlElement): string | undefined {
  const value = attribute(element, 'name')?.value;
  const name = value === undefined ? '' : decodeAttributeValue(value).trim();
  return name === '' ? undefined : name;
}

function insideForm(element: HtmlElement): boolean {
  for (let p = element.parent; p; p = p.parent) if (p.name === 'crowd-form') return true;
  return false;
}

/** Inside `<crowd-form>`, or inside (or being) an annotator that submits with its own form. */
function isSubmitted(element: HtmlElement): boolean {
  for (let e: HtmlElement | undefined = element; e; e = e.parent) {
    if (e.name === 'crowd-form' || crowdElement(e.name)?.standalone) return true;
  }
  return false;
}
