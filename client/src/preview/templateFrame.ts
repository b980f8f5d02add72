/**
 * The rendered template as the document of the preview's sandboxed iframe (`srcdoc`). The
 * template is untrusted: its scripts run only when the policy allows them, and then only its own
 * inline scripts (given the page's nonce), its own inline event handlers (allowed by hash) and
 * crowd-html-elements from its origin. Other remote scripts stay blocked and are listed.
 *
 * When crowd-html-elements will not run, every crowd-* element (and the region elements they
 * read) is marked so the frame's CSS draws it as a labelled box, with its name, header, labels
 * and image, so the layout stays readable.
 */
import { createHash } from 'node:crypto';
import { attribute, crowdElement, decodeAttributeValue, escapeHtml, type HtmlElement, regionElement, type TemplateDocument } from '../../../server/src/api';

export interface FrameOptions {
  nonce: string;
  /** Template scripts and crowd-html-elements may run. */
  scripts: boolean;
}

export interface TemplateFrame {
  srcdoc: string;
  /** `'sha256-…'` sources for the template's inline event handlers (only when scripts run). */
  handlerHashes: string[];
  /** Remote scripts the template loads that the preview does not allow. */
  blockedScripts: string[];
  /** How many of the template's scripts did not run because scripts are off. */
  scriptsOff: number;
}

const CROWD_SCRIPT = /^https:\/\/assets\.crowd\.aws\/crowd-html-elements(?:-v\d+)?\.js(?:[?#].*)?$/;
/** Attributes worth showing in a crowd element's fallback label, in this order. */
const LABELLED_ATTRIBUTES = ['header', 'categories', 'labels', 'label', 'text', 'type', 'value'];
const INLINE_ELEMENTS = new Set([
  'crowd-button',
  'crowd-badge',
  'crowd-checkbox',
  'crowd-radio-button',
  'crowd-toggle-button',
  'crowd-icon-button',
  'crowd-fab',
  'crowd-input',
  'crowd-slider',
]);
const MAX_LABEL = 160;

interface Insertion {
  at: number;
  text: string;
}

export function buildTemplateFrame(document: TemplateDocument, options: FrameOptions): TemplateFrame {
  const insertions: Insertion[] = [];
  const handlerHashes = new Set<string>();
  const blockedScripts: string[] = [];
  let scriptsOff = 0;
  for (const element of document.elements) {
    if (element.name === 'script') {
      const src = attribute(element, 'src')?.value;
      const url = src === undefined ? undefined : decodeAttributeValue(src).trim();
      if (!options.scripts) scriptsOff++;
      else if (url === undefined || CROWD_SCRIPT.test(url)) insertions.push({ at: element.nameEnd, text: ` nonce="${options.nonce}"` });
      else blockedScripts.push(url);
    }
    if (options.scripts) {
      for (const a of element.attributes) {
        if (/^on[a-z]+$/.test(a.name) && a.value !== undefined)
          handlerHashes.add(`'sha256-${createHash('sha256').update(decodeAttributeValue(a.value)).digest('base64')}'`);
      }
    } else if (crowdElement(element.name) || regionElement(element.name) || element.name.startsWith('crowd-')) {
      insertions.push(...fallbackLabel(element));
    }
  }
  let srcdoc = spliceAll(document.text, insertions);
  if (!options.scripts) srcdoc += `\n<style>${FALLBACK_CSS}</style>`;
  return { srcdoc, handlerHashes: [...handlerHashes], blockedScripts, scriptsOff };
}

function fallbackLabel(element: HtmlElement): Insertion[] {
  const inline = INLINE_ELEMENTS.has(element.name);
  const marker = { at: element.nameEnd, text: ` data-gt-fallback="${inline ? 'inline' : 'block'}"` };
  if (element.closedBy === 'void' || element.startTagEnd <= element.nameEnd) return [marker];
  const value = (name: string) => {
    const raw = attribute(element, name)?.value;
    return raw === undefined ? undefined : decodeAttributeValue(raw);
  };
  const parts = [`<${element.name}>`];
  const name = value('name');
  if (name) parts.push(`name: ${name}`);
  for (const a of LABELLED_ATTRIBUTES) {
    const v = value(a);
    if (v) parts.push(`${a}: ${v.length > MAX_LABEL ? `${v.slice(0, MAX_LABEL)}…` : v}`);
  }
  let label = `<span class="gt-fallback-label">${escapeHtml(parts.join(' · '))}</span>`;
  const src = value('src');
  if (src) label += `<img class="gt-fallback-src" src="${escapeHtml(src)}" alt="${escapeHtml(`src of <${element.name}>`)}">`;
  return [marker, { at: element.startTagEnd, text: label }];
}

function spliceAll(text: string, insertions: Insertion[]): string {
  if (!insertions.length) return text;
  insertions.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const { at, text: piece } of insertions) {
    parts.push(text.slice(from, at), piece);
    from = at;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Boxes for crowd elements that never got defined; `:not(:defined)` keeps them away from real ones. */
const FALLBACK_CSS = `
[data-gt-fallback]:not(:defined) { display: block; position: relative; margin: 6px 0; padding: 6px 8px; border: 1px dashed #8a8a8a; border-radius: 4px; background: rgba(127, 127, 127, 0.06); }
[data-gt-fallback="inline"]:not(:defined) { display: inline-block; margin: 2px 4px; padding: 2px 6px; }
[data-gt-fallback]:not(:defined) > .gt-fallback-label { display: block; margin-bottom: 4px; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #555; overflow-wrap: anywhere; }
[data-gt-fallback="inline"]:not(:defined) > .gt-fallback-label { display: inline; margin: 0 4px 0 0; }
[data-gt-fallback]:not(:defined) > .gt-fallback-src { display: block; max-width: 100%; max-height: 50vh; }
:defined > .gt-fallback-label, :defined > .gt-fallback-src { display: none; }
`;
