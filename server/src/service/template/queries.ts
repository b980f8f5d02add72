/** Questions several checks and features ask of a parsed template. */
import type { HtmlElement, LiquidNode, TemplateDocument } from './document';
import type { FilterCall } from './liquidExpression';

export interface FilterUse {
  call: FilterCall;
  node: LiquidNode;
  /** All filters of the same chain, in order. */
  chain: FilterCall[];
}

const filterCalls = new WeakMap<TemplateDocument, readonly FilterUse[]>();

/** Every filter call of the document, in order: kept per tree (three checks and the facts read them). */
export function allFilterCalls(document: TemplateDocument): readonly FilterUse[] {
  const kept = filterCalls.get(document);
  if (kept) return kept;
  const out: FilterUse[] = [];
  for (const node of document.liquid) {
    const chain = node.kind === 'output' ? node.chain.filters : node.syntax.filters;
    for (const call of chain) out.push({ call, node, chain });
  }
  filterCalls.set(document, out);
  return out;
}

export function isCrowdElement(element: HtmlElement): boolean {
  return element.name.startsWith('crowd-');
}

export function attribute(element: HtmlElement, name: string) {
  return element.attributes.find((a) => a.name === name);
}

/** Where the crowd-html-elements script is loaded, if it is. */
export function crowdScript(document: TemplateDocument): HtmlElement | undefined {
  return document.elements.find((e) => e.name === 'script' && /crowd-html-elements(?:-v\d+)?\.js/.test(attribute(e, 'src')?.value ?? ''));
}

export type Escaping = 'autoescaped' | 'escaped' | 'raw' | 'json';

/**
 * How the value of an output reaches the page. Ground Truth escapes every output unless the
 * value is marked safe: `escape`/`escape_once` results are escaped once, `to_json` and
 * `skip_autoescape` results are left as they are. Any later filter makes a new, unsafe string.
 */
export function escapingOf(filters: FilterCall[]): Escaping {
  const last = filters[filters.length - 1]?.name;
  switch (last) {
    case 'skip_autoescape':
      return 'raw';
    case 'to_json':
      return 'json';
    case 'escape':
    case 'escape_once':
      return 'escaped';
    default:
      return 'autoescaped';
  }
}
