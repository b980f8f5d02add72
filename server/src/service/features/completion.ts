/**
 * Completion in worker templates: filters after `|` (the presigning filters first where the
 * value is an S3 reference or `task.input` data), tags with snippets, variables and
 * `task.input.` paths from the sample input, and, where the editor's HTML support does not
 * already do it, crowd elements, their attributes and enumerated values.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { IAttributeData, ITagData, IValueData } from 'vscode-html-languageservice';
// The standard HTML elements and attributes, without the package's language service: its data
// provider module makes an `Intl.ListFormat` at load, which loads ICU's data (6 MB resident).
import { htmlData as HTML_DATA } from 'vscode-html-languageservice/lib/umd/languageFacts/data/webCustomData';
import { CROWD_ELEMENTS, REGION_ELEMENTS, crowdElement } from '../domain/crowdElements';
import { FILTERS, FilterInfo, PRESIGN_FILTERS, TAGS } from '../domain/liquid';
import { isS3Reference } from '../domain/s3';
import type { TemplateFeatureSource } from '../ports';
import { keysOf, resolveInputPath } from '../sampleInput';
import { CursorContext, CursorReading, ScopeVariable, readCursor } from '../template/cursor';
import { lexMarkup } from '../template/liquidExpression';
import { attributeMarkdown, elementMarkdown, regionMarkdown } from './crowdDocs';
import { inputPathOf, pathBefore, splitPath } from './liquidContext';

/** The keys Augmented AI built-in task types put in `task.input`. */
const A2I_INPUT_KEYS: [string, string][] = [
  ['taskObject', "The object to label (Ground Truth manifest `source-ref`/`source`, or your Lambda's `taskObject`)."],
  ['aiServiceRequest', 'A2I built-in task types: the request sent to Amazon Textract or Amazon Rekognition.'],
  ['aiServiceResponse', 'A2I built-in task types: the full response of the AI service.'],
  [
    'selectedAiServiceResponse',
    'A2I built-in task types: the part of the response that activated the human loop (`.blocks` for Textract, `.moderationLabels` for Rekognition).',
  ],
  ['humanLoopContext', 'A2I built-in task types: the context you passed when starting the human loop.'],
];

export function getTemplateCompletions(service: TemplateFeatureSource, document: TextDocument, position: Position): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const reading = readCursor(text, offset);
  const context = reading.context;
  const items = (() => {
    switch (context.kind) {
      case 'liquid':
        return liquidCompletions(service, document, text, offset, reading, context.delimiter, context.markupStart);
      case 'verbatim':
        return verbatimEndCompletions(document, text, offset, context);
      case 'tag-name':
        return service.hostCoversHtml(document) || context.closing ? [] : tagNameCompletions(document, context.start, offset);
      case 'attribute-name':
        return service.hostCoversHtml(document) ? [] : attributeNameCompletions(document, context.element, context.start, context.end, context.written);
      case 'attribute-value':
        return service.hostCoversHtml(document)
          ? []
          : attributeValueCompletions(document, text, offset, context.element, context.attribute, context.valueStart, context.quote);
      default:
        return [];
    }
  })();
  return { isIncomplete: false, items };
}

// Liquid ------------------------------------------------------------------------------------

function liquidCompletions(
  service: TemplateFeatureSource,
  document: TextDocument,
  text: string,
  offset: number,
  reading: CursorReading,
  delimiter: '{{' | '{%',
  markupStart: number,
): CompletionItem[] {
  let wordStart = offset;
  while (wordStart > markupStart && /[\w-]/.test(text[wordStart - 1])) wordStart--;
  const replace = Range.create(document.positionAt(wordStart), document.positionAt(offset));
  const tokens = lexMarkup(text, markupStart, wordStart);
  const previous = tokens[tokens.length - 1];

  if (previous?.kind === 'pipe')
    return filterCompletions(service, document, text, offset, reading.scope(), markupStart, delimiter, tokens.indexOf(previous), replace);
  if (previous?.kind === 'dot' && previous.end === wordStart) {
    const written = pathBefore(text, markupStart, wordStart);
    if (written) return pathCompletions(service, document, text, reading.scope(), written, replace);
  }
  if (delimiter === '{%' && tokens.length === 0) return tagCompletions(reading.openBlock(), replace);
  if (previous && (previous.kind === 'colon' || previous.kind === 'identifier' || previous.kind === 'string' || previous.kind === 'number')) {
    // After a complete value only an operator, a keyword or a filter can follow; let the user type it.
    if (previous.kind !== 'colon' && !isKeyword(previous.value)) return [];
  }
  return variableCompletions(reading.scope(), replace);
}

function isKeyword(word: string): boolean {
  return ['in', 'and', 'or', 'contains', 'when', 'if', 'elsif', 'unless', 'case', 'echo', 'assign', 'for', 'tablerow', 'cycle'].includes(word);
}

function filterCompletions(
  service: TemplateFeatureSource,
  document: TextDocument,
  text: string,
  offset: number,
  scope: ScopeVariable[],
  markupStart: number,
  delimiter: '{{' | '{%',
  pipeIndex: number,
  replace: Range,
): CompletionItem[] {
  const tokens = lexMarkup(text, markupStart, offset);
  const firstPipe = tokens.findIndex((t) => t.kind === 'pipe');
  const head = tokens.slice(valueStart(tokens, delimiter), firstPipe === -1 ? pipeIndex : firstPipe);
  const applied = tokens.filter((_, i) => i > 0 && tokens[i - 1].kind === 'pipe').map((t) => t.value);
  const presignFirst = !applied.some((name) => PRESIGN_FILTERS.has(name)) && valueIsS3Like(service, document, text, scope, head);
  return FILTERS.map((filter, index) => filterItem(filter, index, presignFirst, replace));
}

/** Where the filtered value starts: after `echo` or `assign name =` in a tag (also a `{% liquid %}` line). */
function valueStart(tokens: { kind: string; value: string }[], delimiter: '{{' | '{%'): number {
  const assign = tokens.findIndex((t) => t.kind === 'assign');
  if (assign !== -1 && assign <= 2) return assign + 1;
  if (delimiter === '{%') return tokens.findIndex((t) => t.value === 'echo') + 1;
  return 0;
}

/** Whether the value being filtered is an S3 reference literal or `task.input` data. */
function valueIsS3Like(
  service: TemplateFeatureSource,
  document: TextDocument,
  text: string,
  scope: ScopeVariable[],
  head: { kind: string; value: string; start: number; end: number }[],
): boolean {
  if (head.length === 1 && head[0].kind === 'string') return isS3Reference(head[0].value);
  if (!head.length || head[0].kind !== 'identifier') return false;
  const written = text.slice(head[0].start, head[head.length - 1].end);
  const path = inputPathOf(written, scope);
  if (!path) return false;
  const sample = service.sampleInputFor(document.uri);
  if (!sample) return true;
  const values = resolveInputPath(sample, path);
  return !values.length || values.some((v) => v.type === 'string' && isS3Reference(v.value));
}

/** Presigning filters lead on S3 data and trail elsewhere; then the dialect's escaping filters, then standard Liquid. */
const GROUP_RANK = { escaping: 1, standard: 2, presign: 3 } as const;

/** What a filter's item is whatever the request: built once, since the filter list is offered on every `|`. */
const FILTER_PARTS = FILTERS.map((filter, index) => {
  const args = filter.args?.length ? `: ${filter.args.map((a, i) => `\${${i + 1}:${a}}`).join(', ')}` : '';
  return {
    presign: PRESIGN_FILTERS.has(filter.name),
    rank: `${GROUP_RANK[filter.group]}${String(index).padStart(3, '0')}`,
    presignRank: `0${index}`,
    documentation: { kind: MarkupKind.Markdown, value: filter.docs },
    newText: filter.name + args,
    insertTextFormat: args ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
});

function filterItem(filter: FilterInfo, index: number, presignFirst: boolean, replace: Range): CompletionItem {
  const parts = FILTER_PARTS[index];
  const first = parts.presign && presignFirst;
  return {
    label: filter.name,
    kind: CompletionItemKind.Function,
    detail: filter.summary,
    documentation: parts.documentation,
    sortText: first ? parts.presignRank : parts.rank,
    preselect: first && filter.name === 's3_presign' ? true : undefined,
    textEdit: { range: replace, newText: parts.newText },
    insertTextFormat: parts.insertTextFormat,
  };
}

function tagCompletions(open: string | undefined, replace: Range): CompletionItem[] {
  const items: CompletionItem[] = TAGS.map((tag) => ({
    label: tag.name,
    kind: CompletionItemKind.Keyword,
    detail: `{% ${tag.name} %}`,
    documentation: { kind: MarkupKind.Markdown, value: tag.docs },
    textEdit: { range: replace, newText: tag.snippet.replace(/ %\}$/, '') },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `1${tag.name}`,
  }));
  if (open) items.push(endTagItem(open, replace));
  return items;
}

function endTagItem(open: string, replace: Range): CompletionItem {
  return {
    label: `end${open}`,
    kind: CompletionItemKind.Keyword,
    detail: `Closes {% ${open} %}`,
    textEdit: { range: replace, newText: `end${open}` },
    sortText: `0end${open}`,
  };
}

/** In the body of `{% raw %}` or `{% comment %}` the only Liquid is its end tag: offered after `{%`, nothing else is. */
function verbatimEndCompletions(document: TextDocument, text: string, offset: number, context: Extract<CursorContext, { kind: 'verbatim' }>): CompletionItem[] {
  let wordStart = offset;
  while (wordStart > context.bodyStart && isTagNameChar(text.charCodeAt(wordStart - 1))) wordStart--;
  let open = wordStart;
  while (open > context.bodyStart && (text[open - 1] === ' ' || text[open - 1] === '\t')) open--;
  if (text[open - 1] === '-') open--;
  if (open - 2 < context.bodyStart || !text.startsWith('{%', open - 2)) return [];
  return [endTagItem(context.tag, Range.create(document.positionAt(wordStart), document.positionAt(offset)))];
}

function isTagNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function variableCompletions(scope: ScopeVariable[], replace: Range): CompletionItem[] {
  const items: CompletionItem[] = [
    {
      label: 'task',
      kind: CompletionItemKind.Variable,
      detail: 'The task: task.input holds its data',
      textEdit: { range: replace, newText: 'task' },
      sortText: '0task',
    },
  ];
  // Innermost loop variable first, as the cursor's reading lists them.
  scope.forEach((v, index) => items.push(scopeItem(v, index, replace)));
  if (scope.some((v) => v.kind === 'loop')) {
    items.push({
      label: 'forloop',
      kind: CompletionItemKind.Variable,
      detail: 'index, index0, first, last, length of the enclosing loop',
      textEdit: { range: replace, newText: 'forloop' },
      sortText: '2forloop',
    });
  }
  return items;
}

function scopeItem(v: ScopeVariable, index: number, replace: Range): CompletionItem {
  return {
    label: v.name,
    kind: CompletionItemKind.Variable,
    detail: v.kind === 'loop' ? 'Loop variable' : v.kind === 'assign' ? 'Assigned variable' : 'Captured string',
    textEdit: { range: replace, newText: v.name },
    sortText: `1${String(index).padStart(4, '0')}`,
  };
}

function pathCompletions(
  service: TemplateFeatureSource,
  document: TextDocument,
  text: string,
  scope: ScopeVariable[],
  written: string,
  replace: Range,
): CompletionItem[] {
  const segments = splitPath(written);
  if (!segments) return [];
  if (segments.length === 1 && segments[0] === 'task') {
    return [
      {
        label: 'input',
        kind: CompletionItemKind.Field,
        detail: 'The task data',
        documentation:
          "Ground Truth: the manifest line or your pre-annotation Lambda's `taskInput`. A2I: `HumanLoopInput.InputContent`. Preview: `Task.Input`.",
        textEdit: { range: replace, newText: 'input' },
      },
    ];
  }
  if (segments[0] === 'forloop' && segments.length === 1) {
    return ['index', 'index0', 'rindex', 'rindex0', 'first', 'last', 'length'].map((k) => ({
      label: k,
      kind: CompletionItemKind.Property,
      textEdit: { range: replace, newText: k },
    }));
  }
  const path = inputPathOf(written, scope);
  if (!path) return [];
  const sample = service.sampleInputFor(document.uri);
  const sampleName = sample ? sample.uri.slice(sample.uri.lastIndexOf('/') + 1) : '';
  if (sample?.root) {
    return keysOf(resolveInputPath(sample, path)).map(({ key, value }) => {
      const preview = sample.text.slice(value.offset, value.offset + Math.min(value.length, 200));
      return {
        label: key,
        kind: value.type === 'object' ? CompletionItemKind.Module : CompletionItemKind.Field,
        detail: `${value.type} in ${sampleName}`,
        documentation: { kind: MarkupKind.Markdown, value: '```json\n' + preview + (value.length > 200 ? ' …' : '') + '\n```' },
        // Keys that are not Liquid names need bracket syntax, which replaces the dot as well.
        textEdit: needsBrackets(key)
          ? { range: Range.create(Position.create(replace.start.line, replace.start.character - 1), replace.end), newText: `[${JSON.stringify(key)}]` }
          : { range: replace, newText: key },
        filterText: needsBrackets(key) ? `.${key}` : undefined,
        sortText: `0${key}`,
      };
    });
  }
  if (path.length) return [];
  // No sample input: offer the keys the template already uses, then the well-known ones.
  const used = new Set<string>();
  for (const m of text.matchAll(/task\.input\.([A-Za-z_][\w-]*)/g)) used.add(m[1]);
  const items: CompletionItem[] = [...used].map((key) => ({
    label: key,
    kind: CompletionItemKind.Field,
    detail: 'Used elsewhere in this template',
    textEdit: { range: replace, newText: key },
    sortText: `0${key}`,
  }));
  for (const [key, docs] of A2I_INPUT_KEYS) {
    if (!used.has(key))
      items.push({ label: key, kind: CompletionItemKind.Field, documentation: docs, textEdit: { range: replace, newText: key }, sortText: `1${key}` });
  }
  return items;
}

function needsBrackets(key: string): boolean {
  return !/^[A-Za-z_][\w-]*$/.test(key);
}

// HTML --------------------------------------------------------------------------------------

/** The lookups of the package's `HTMLDataProvider` that completion makes, over its data. */
const htmlData = (() => {
  const tags = HTML_DATA.tags ?? [];
  const globalAttributes = HTML_DATA.globalAttributes ?? [];
  const byName = new Map<string, ITagData>(tags.map((t) => [t.name.toLowerCase(), t]));
  const valueSets = new Map<string, IValueData[]>((HTML_DATA.valueSets ?? []).map((v) => [v.name, v.values]));
  const attributesOf = (tag: string): IAttributeData[] => [...(byName.get(tag.toLowerCase())?.attributes ?? []), ...globalAttributes];
  return {
    provideTags: (): ITagData[] => tags,
    provideAttributes: attributesOf,
    provideValues: (tag: string, attribute: string): IValueData[] =>
      attributesOf(tag)
        .filter((a) => a.name.toLowerCase() === attribute.toLowerCase())
        .flatMap((a) => [...(a.values ?? []), ...((a.valueSet && valueSets.get(a.valueSet)) || [])]),
  };
})();

function tagNameCompletions(document: TextDocument, start: number, offset: number): CompletionItem[] {
  const range = Range.create(document.positionAt(start), document.positionAt(offset));
  const items: CompletionItem[] = CROWD_ELEMENTS.map((element) => {
    const required = element.attributes.filter((a) => a.required && a.type !== 'boolean');
    const attrs = required.map((a, i) => ` ${a.name}="\${${i + 1}}"`).join('');
    return {
      label: element.name,
      kind: CompletionItemKind.Class,
      detail: element.summary,
      documentation: { kind: MarkupKind.Markdown, value: elementMarkdown(element) },
      textEdit: { range, newText: `${element.name}${attrs}>$0</${element.name}>` },
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `0${element.name}`,
    };
  });
  for (const region of REGION_ELEMENTS) {
    items.push({
      label: region.name,
      kind: CompletionItemKind.Class,
      documentation: { kind: MarkupKind.Markdown, value: regionMarkdown(region) },
      textEdit: { range, newText: `${region.name}>$0</${region.name}>` },
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `1${region.name}`,
    });
  }
  for (const tag of htmlData.provideTags()) {
    items.push({ label: tag.name, kind: CompletionItemKind.Property, textEdit: { range, newText: tag.name }, sortText: `2${tag.name}` });
  }
  return items;
}

function attributeNameCompletions(document: TextDocument, elementName: string, start: number, end: number, written: string[]): CompletionItem[] {
  const range = Range.create(document.positionAt(start), document.positionAt(end));
  const info = crowdElement(elementName);
  if (info) {
    return info.attributes
      .filter((a) => !written.includes(a.name))
      .map((a) => ({
        label: a.name,
        kind: CompletionItemKind.Property,
        detail: a.required ? 'required' : a.type,
        documentation: { kind: MarkupKind.Markdown, value: attributeMarkdown(a, info.name) },
        textEdit: { range, newText: a.type === 'boolean' ? a.name : `${a.name}="$1"` },
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: `${a.required ? 0 : 1}${a.name}`,
        command: a.values?.length ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
      }));
  }
  return htmlData
    .provideAttributes(elementName)
    .filter((a) => !written.includes(a.name))
    .map((a) => ({
      label: a.name,
      kind: CompletionItemKind.Property,
      textEdit: { range, newText: a.valueSet === 'v' ? a.name : `${a.name}="$1"` },
      insertTextFormat: InsertTextFormat.Snippet,
    }));
}

function attributeValueCompletions(
  document: TextDocument,
  text: string,
  offset: number,
  elementName: string,
  attributeName: string,
  valueStart: number,
  quote: string,
): CompletionItem[] {
  const range = Range.create(document.positionAt(valueStart), document.positionAt(offset));
  const wrap = (value: string) => (quote ? value : `"${value}"`);
  const info = crowdElement(elementName);
  const spec = info?.attributes.find((a) => a.name === attributeName);
  if (spec?.values?.length) {
    return spec.values.map((v) => ({
      label: v.value,
      kind: CompletionItemKind.EnumMember,
      documentation: v.docs,
      textEdit: { range, newText: wrap(v.value) },
    }));
  }
  if (spec?.type === 'url' && !text.slice(valueStart, offset).includes('{{')) {
    return [...PRESIGN_FILTERS].map((filter, i) => ({
      label: `{{ task.input.taskObject | ${filter} }}`,
      kind: CompletionItemKind.Snippet,
      detail: 'Presigned URL of the task object',
      textEdit: { range, newText: wrap(`{{ task.input.\${1:taskObject} | ${filter} }}`) },
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: String(i),
    }));
  }
  if (info) return [];
  return htmlData
    .provideValues(elementName, attributeName)
    .map((v) => ({ label: v.name, kind: CompletionItemKind.Value, textEdit: { range, newText: wrap(v.name) } }));
}
