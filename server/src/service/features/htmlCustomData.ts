/**
 * The HTML custom data VS Code's built-in HTML support reads (`contributes.html.customData`),
 * generated from the crowd element table at build time so it cannot drift from the server.
 */
import { CROWD_ELEMENTS, REGION_ELEMENTS } from '../domain/crowdElements';
import type { CrowdAttribute } from '../domain/crowdTypes';
import { attributeMarkdown, elementMarkdown, regionMarkdown } from './crowdDocs';

interface CustomDataAttribute {
  name: string;
  description: { kind: 'markdown'; value: string };
  valueSet?: string;
  values?: { name: string; description?: string }[];
}

export interface HtmlCustomData {
  version: 1.1;
  tags: { name: string; description: { kind: 'markdown'; value: string }; attributes: CustomDataAttribute[]; references?: { name: string; url: string }[] }[];
}

export function buildHtmlCustomData(): HtmlCustomData {
  const attributes = (list: CrowdAttribute[], element: string): CustomDataAttribute[] =>
    list.map((a) => ({
      name: a.name,
      description: { kind: 'markdown', value: attributeMarkdown(a, element) },
      valueSet: a.type === 'boolean' ? 'v' : undefined,
      values: a.values?.map((v) => ({ name: v.value, description: v.docs })),
    }));
  return {
    version: 1.1,
    tags: [
      ...CROWD_ELEMENTS.map((e) => ({
        name: e.name,
        description: { kind: 'markdown' as const, value: elementMarkdown(e) },
        attributes: attributes(e.attributes, e.name),
        references: e.reference ? [{ name: 'AWS documentation', url: e.reference }] : undefined,
      })),
      ...REGION_ELEMENTS.map((r) => ({
        name: r.name,
        description: { kind: 'markdown' as const, value: regionMarkdown(r) },
        attributes: attributes(r.attributes, r.name),
      })),
    ],
  };
}
