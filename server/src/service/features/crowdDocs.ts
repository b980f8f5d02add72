/**
 * Markdown for crowd elements and attributes, shared by hover, completion and the HTML custom
 * data VS Code's own HTML support receives, so the three always say the same thing.
 */
import type { CrowdAttribute, CrowdElement, RegionElement } from '../domain/crowdTypes';

export function elementMarkdown(element: CrowdElement): string {
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

export function regionMarkdown(region: RegionElement): string {
  return `**<${region.name}>**: ${region.docs}\n\nRead by ${region.parents.map((p) => `\`<${p}>\``).join(', ')}.`;
}

export function attributeMarkdown(attribute: CrowdAttribute, elementName: string): string {
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
