/**
 * Hover in worker templates: filters (what they do, how escaping treats them, which workteam
 * setting restricts the URLs they make), tags, `task.input` paths with their sample values,
 * and, where the editor's HTML support does not already show them, crowd elements and attributes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { crowdElement, regionElement } from '../domain/crowdElements';
import { filterInfo, tagInfo } from '../domain/liquid';
import type { TemplateFeatureSource } from '../ports';
import { resolveInputPath } from '../sampleInput';
import { CursorContext, ScopeVariable, readCursor } from '../template/cursor';
import { Token, lexMarkup } from '../template/liquidExpression';
import { basename } from '../util/uri';
import { attributeMarkdown, elementMarkdown, regionMarkdown } from './crowdDocs';
import { inputPathOf } from './liquidContext';

const SAMPLE_PREVIEW = 600;

export function getTemplateHover(service: TemplateFeatureSource, document: TextDocument, position: Position): Hover | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const reading = readCursor(text, offset);
  const liquid = reading.context;
  if (liquid.kind === 'liquid' && offset >= liquid.markupStart && offset <= liquid.markupEnd) {
    return liquidHover(service, document, text, offset, reading.scope(), liquid.delimiter, liquid.markupStart, liquid.markupEnd);
  }
  if (service.hostCoversHtml(document)) return null;
  return htmlHover(document, text, offset, reading.context);
}

function liquidHover(
  service: TemplateFeatureSource,
  document: TextDocument,
  text: string,
  offset: number,
  scope: ScopeVariable[],
  delimiter: '{{' | '{%',
  markupStart: number,
  markupEnd: number,
): Hover | null {
  const tokens = lexMarkup(text, markupStart, markupEnd);
  const index = tokens.findIndex((t) => t.start <= offset && offset <= t.end && t.kind === 'identifier');
  if (index === -1) return null;
  const token = tokens[index];
  const range = Range.create(document.positionAt(token.start), document.positionAt(token.end));
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

  if (tokens[index - 1]?.kind === 'pipe') {
    const filter = filterInfo(token.value);
    return filter ? markdown(`**${filter.name}**${filter.args ? `: ${filter.args.join(', ')}` : ''} (filter)\n\n${filter.docs}`) : null;
  }
  if (delimiter === '{%' && index === 0) {
    const tag = tagInfo(token.value) ?? tagInfo(token.value.replace(/^end/, ''));
    return tag ? markdown(`**{% ${token.value} %}**\n\n${tag.docs}`) : null;
  }
  // A variable path: gather it from its root up to the hovered segment.
  let first = index;
  while (first >= 2 && tokens[first - 1].kind === 'dot' && tokens[first - 1].start === tokens[first - 2].end && isPathPart(tokens[first - 2])) first -= 2;
  if (tokens[first].kind !== 'identifier') return null;
  const written = text.slice(tokens[first].start, token.end);
  if (written === 'task') return markdown('**task**: the task being rendered. `task.input` holds its data.');
  const path = inputPathOf(written, scope);
  if (!path) return null;
  const title = `**${written}**${written.startsWith('task.') ? '' : ' (from `task.input`)'}`;
  const sample = service.sampleInputFor(document.uri);
  if (!sample?.root) {
    const expected = service.sampleInputCandidates(document.uri).pop()!;
    return markdown(`${title}\n\nNo sample input: create \`${basename(expected)}\` beside the template to see values here and check field names.`);
  }
  const values = resolveInputPath(sample, path);
  if (!values.length) return markdown(`${title}\n\nNot in the sample input \`${basename(sample.uri)}\`.`);
  const value = values[0];
  const source = sample.text.slice(value.offset, value.offset + Math.min(value.length, SAMPLE_PREVIEW));
  const more = value.length > SAMPLE_PREVIEW ? '\n…' : '';
  return markdown(
    `${title}: ${value.type} in \`${basename(sample.uri)}\`${values.length > 1 ? ` (first of ${values.length})` : ''}\n\n\`\`\`json\n${source}${more}\n\`\`\``,
  );
}

function isPathPart(token: Token): boolean {
  return token.kind === 'identifier' || token.kind === 'number';
}

/** Crowd elements and attributes: the word under the cursor, when it is the name the cursor's reading is in. */
function htmlHover(document: TextDocument, text: string, offset: number, context: CursorContext): Hover | null {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  if (start === end) return null;
  const word = text.slice(start, end).toLowerCase();
  const range = Range.create(document.positionAt(start), document.positionAt(end));
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  if (context.kind === 'tag-name' && context.start === start) {
    const element = crowdElement(word);
    if (element) return markdown(elementMarkdown(element));
    const region = regionElement(word);
    return region ? markdown(regionMarkdown(region)) : null;
  }
  if (context.kind !== 'attribute-name' || context.start !== start) return null;
  const element = crowdElement(context.element) ?? regionElement(context.element);
  const attribute = element?.attributes.find((a) => a.name === word);
  return element && attribute ? markdown(attributeMarkdown(attribute, element.name)) : null;
}
