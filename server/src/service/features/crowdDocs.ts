/**
 * Markdown for crowd elements and attributes, shared by hover, completion and the HTML custom
 * data VS Code's own HTML support receives, so the three always say the same thing. The tables
 * are fixed, so each text is built once and kept: completion lists every element or attribute on
 * each keystroke.
 */
import type { CrowdAttribute, CrowdElement, RegionElement } from '../domain/crowdTypes';

const elementTexts = new WeakMap<CrowdElement, string>();
const regionTexts = new WeakMap<RegionElement, string>();
/** Per attribute, per element name (one attribute table may be shared by several elements). */
const attributeTexts = new WeakMap<CrowdAttribute, Map<string, string>>();

export function elementMarkdown(element: CrowdElement): string {
  let text = elementTexts.get(element);
  if (text === undefined) elementTexts.set(element, (text = buildElementMarkdown(element)));
  return text;
}

export function regionMarkdown(region: RegionElement): string {
  let text = regionTexts.get(region);
  if (text === undefined)
    regionTexts.set(region, (text = `**<${region.name}>**: ${region.docs}\n\nRead by ${region.parents.map((p) => `\`<${p}>\``).join(', ')}.`));
  return text;
}

export function attributeMarkdown(attribute: CrowdAttribute, elementName: string): string {
  let byElement = attributeTexts.get(attribute);
  if (!byElement) attributeTexts.set(attribute, (byElement = new Map()));
  let text = byElement.get(elementName);
  if (text === undefined) byElement.set(elementName, (text = buildAttributeMarkdown(attribute, elementName)));
  return text;
}

function buildElementMarkdown(element: CrowdElement): string {
  const parts = [`**<${element.name}>**: ${element.summary}`, element.docs];
  if (element.fixedKey) parts.push(`**Answer**: written under the fixed key \`${element.fixedKey}\` (no \`name\` needed). ${element.answer ?? ''}`.trim());
  else if (element.answer) parts.push(`**Answer** (under its \`name\`): ${element.answer}`);
  else parts.push('Writes nothing into the answer.');
  if (element.standalone) parts.push('Works without an enclosing `<crowd-form>`.');
  const required = element.attributes.filter((a) => a.required).map((a) => `\`${a.name}\``);
  if (required.length) parts.push(`**Required**: ${required.join(', ')}`);
  if (element.regions?.length) parts.push(`**Regions**: ${element.regions.map((r) => `\`<${r}>\``).join(', ')}`);
  if (element.v2Only) parts.push('Needs `crowd-html-elements-v2.js`.');
  return parts.join('\n\n');
}

function buildAttributeMarkdown(attribute: CrowdAttribute, elementName: string): string {
  const parts = [`**${attribute.name}** (on \`<${elementName}>\`${attribute.required ? ', required' : ''}): ${attribute.docs}`];
  if (attribute.values?.length) {
    parts.push(attribute.values.map((v) => `- \`${v.value}\`${v.docs ? `: ${v.docs}` : ''}`).join('\n'));
  }
  if (attribute.type === 'array') {
    parts.push(
      `An array, as JSON or a JavaScript literal (\`['a', 'b']\`)${attribute.maxItems ? `, at most ${attribute.maxItems} items` : ''}. From the input: \`"{{ task.input.labels | to_json | escape }}"\`.`,
    );
  }
  if (attribute.type === 'url') parts.push('For a private S3 object: `"{{ task.input.taskObject | s3_presign }}"`.');
  return parts.join('\n\n');
}
