/**
 * Completion and hover inside the documents a CloudFormation template embeds (`cfn/embedded.ts`:
 * policies, an `AWS::S3::Bucket`'s CORS rules, a VPC endpoint's and a workteam's properties), as
 * loose files of their shape get them, and nowhere else in the template.
 *
 * - A JSON template is handed to the JSON features (`features/json.ts`) with everything around
 *   the embedded document cut out: the document under the cursor, found in the template's latest
 *   parse and mapped through the edits since, is parsed alone against its shape's schema, so
 *   completion, hover and the IAM catalogues answer exactly as in a loose file.
 * - A YAML template is read from its text around the cursor (`cfn/yamlCursor.ts`), never parsed
 *   whole for a request: the path to the cursor picks the resource, the embedded document and
 *   the schema under it (`json/schema.ts`, the one the JSON features use), and the IAM catalogues
 *   (`iamActions.ts`, `iamConditions.ts`) answer inside `Action` and `Condition`; only the
 *   statement around the cursor is parsed, for its actions and condition keys. What is inserted
 *   is YAML: plain scalars unless YAML would read them as something else, and a member's block
 *   laid out below it.
 */
import type { Node } from 'jsonc-parser';
import type { JSONSchema } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  Hover,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { mayBeYamlStack } from '../cfn/documents';
import { EMBEDDED_PLACES, embeddedDocuments } from '../cfn/embedded';
import type { CloudFormationTemplate } from '../cfn/template';
import { parseYamlTree } from '../cfn/yaml';
import { YamlCursor, YamlStep, blockMember, blockText, flowCollectionAt, readYamlCursor, siblingKeys, valueAfterKey } from '../cfn/yamlCursor';
import { member, membersOf, stringValue, valuesOf } from '../json/document';
import { JsonShapeId, JsonShapeInfo, shapeInfo } from '../json/kinds';
import { isPolicyActionPath, statementPathStart } from '../json/policies';
import { schemaOf } from '../json/schema';
import type { CloudFormationFeatureSource } from '../ports';
import { actionHoverText, actionItems } from './iamActions';
import { conditionKeyHoverText, keyItems, operatorItems, statementKeys } from './iamConditions';
import { EmbeddedTarget, JsonFeatures, changedRegion, mappedCuts } from './json';

type JSONSchemaRef = JSONSchema | boolean;

/** A statement longer than this is not parsed for its actions (IAM policies stop at 20 KB). */
const MAX_STATEMENT = 32_000;

/** Where the cursor is in a YAML template's embedded document. */
interface YamlReading {
  text: string;
  cursor: YamlCursor;
  shape: JsonShapeInfo;
  /** The path from the top of the embedded document to what the cursor is on (its container, for a key). */
  steps: YamlStep[];
  path: (string | number)[];
}

export class CloudFormationFeatures {
  private readonly schemas = new Map<JsonShapeId, JSONSchema>();

  constructor(
    private readonly source: CloudFormationFeatureSource,
    private readonly json: JsonFeatures,
  ) {}

  completions(document: TextDocument, position: Position): CompletionList | null {
    const template = this.source.latestTemplate(document);
    // Not parsed yet (just opened, its validation under way): a YAML stack is read from its text alone.
    if (!template && !mayBeYamlStack(document)) return null;
    if (template?.syntax === 'json') {
      const target = jsonTarget(template, document.getText(), document.offsetAt(position));
      return target ? this.json.completions(document, position, target) : null;
    }
    const reading = this.read(document, position);
    if (!reading) return null;
    const items = this.yamlCompletions(document, reading);
    return items?.length ? { isIncomplete: false, items } : null;
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const template = this.source.latestTemplate(document);
    if (!template && !mayBeYamlStack(document)) return null;
    if (template?.syntax === 'json') {
      const target = jsonTarget(template, document.getText(), document.offsetAt(position));
      return target ? this.json.hover(document, position, target) : null;
    }
    const reading = this.read(document, position);
    const value = reading?.cursor.token.text && this.yamlHover(reading);
    if (!reading || !value) return null;
    const { start, end } = reading.cursor.token;
    return { contents: { kind: MarkupKind.Markdown, value }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
  }

  private read(document: TextDocument, position: Position): YamlReading | undefined {
    const text = document.getText();
    const cursor = readYamlCursor(text, document.offsetAt(position));
    if (!cursor) return undefined;
    const embedded = embeddedPlace(text, cursor.path);
    return embedded && { text, cursor, ...embedded, path: embedded.steps.map((s) => s.key) };
  }

  private schema(shape: JsonShapeInfo): JSONSchema {
    let schema = this.schemas.get(shape.id);
    if (!schema) this.schemas.set(shape.id, (schema = schemaOf(shape.shape(), shape.label)));
    return schema;
  }

  private yamlCompletions(document: TextDocument, reading: YamlReading): CompletionItem[] | undefined {
    const { cursor, shape, path } = reading;
    const token = cursor.token;
    const iam = this.source.iam;
    const contentRange = rangeOf(document, token.contentStart, token.contentEnd);
    if (cursor.place !== 'key' && isPolicyActionPath(shape.id, path)) return iam && actionItems(iam, token.text, contentRange)?.list.items;
    const schema = schemaAt(this.schema(shape), path);
    if (cursor.place === 'key') {
      const condition = this.conditionCompletions(document, reading);
      if (condition) return condition;
    }
    if (!schema) return undefined;
    if (cursor.place === 'key' || (cursor.place === 'item' && hasType(schema, 'object') && !hasType(schema, 'string'))) {
      return memberItems(document, reading, schema);
    }
    return valueItems(schema, token.quote ? contentRange : rangeOf(document, token.start, token.end), !!token.quote);
  }

  /** Operators directly under `Condition`, keys under an operator: what the statement's actions support. */
  private conditionCompletions(document: TextDocument, reading: YamlReading): CompletionItem[] | undefined {
    const { cursor, shape, path, text } = reading;
    const start = statementPathStart(shape.id, path);
    if (start === undefined || path[start] !== 'Condition' || path.length > start + 2) return undefined;
    const statement = statementNode(text, reading.steps[start - 1]);
    const keys = statementKeys(this.source.iam, statement && actionNames(statement));
    const { range, key } = keyEdit(document, cursor);
    const pad = ' '.repeat(cursor.column + indentStep(reading));
    if (path.length === start + 1) {
      // On an operator's name: the operators that suit the keys already under it.
      const under = [...membersOf(member(member(statement, 'Condition'), cursor.token.text)).keys()];
      // In a flow mapping the operator's keys go in braces on the line: `{ StringEquals: { █ } }`.
      const write = (label: string) => (cursor.hasColon ? label : cursor.flow ? `${key(label)}: { $0 }` : `${key(label)}:\n${pad}`);
      return operatorItems(under, keys.types, range, write, (label) => label)?.map(asIs);
    }
    const operator = String(path[start + 1]);
    const written = writtenKeys(reading);
    const write = (snippet: string) => (cursor.hasColon ? snippet : `${key(snippet)}: $0`);
    return keyItems(operator, written, keys, range, write).map(asIs);
  }

  private yamlHover(reading: YamlReading): string | undefined {
    const { cursor, shape, path, text } = reading;
    const token = cursor.token;
    const iam = this.source.iam;
    if (cursor.place !== 'key' && isPolicyActionPath(shape.id, path)) return iam && actionHoverText(iam, token.text);
    const full = cursor.place === 'key' ? [...path, token.text] : path;
    const start = statementPathStart(shape.id, full);
    if (cursor.place === 'key' && start !== undefined && full[start] === 'Condition' && full.length === start + 3) {
      const statement = statementNode(text, reading.steps[start - 1]);
      return conditionKeyHoverText(iam, token.text, statement && actionNames(statement));
    }
    const schema = schemaAt(this.schema(shape), full);
    if (!schema) return undefined;
    const value = cursor.place === 'key' ? valueAfterKey(text, token) : token.text;
    // A list's items say nothing of their own: their list does.
    const described =
      schema.markdownDescription ??
      (typeof full[full.length - 1] === 'number' ? schemaAt(this.schema(shape), full.slice(0, -1)) : undefined)?.markdownDescription;
    const index = value === undefined ? -1 : (enumOf(schema)?.values.indexOf(value) ?? -1);
    const valueDocs = index >= 0 ? enumOf(schema)?.docs?.[index] : undefined;
    const parts = [described, valueDocs ? `\`${value}\`: ${valueDocs}` : undefined].filter(Boolean);
    return parts.length ? parts.join('\n\n') : undefined;
  }
}

// JSON templates ----------------------------------------------------------------------------

/**
 * The embedded document the cursor is in, in the template's latest parse mapped to the text now
 * (a document the edits since overlap at one end is not found: the next parse will have it), and
 * the cuts that leave only it, its long lists cut down around the cursor as in a loose file.
 */
function jsonTarget(template: CloudFormationTemplate, now: string, offset: number): EmbeddedTarget | undefined {
  const then = template.text;
  const { start, oldEnd, newEnd } = changedRegion(then, now);
  const delta = newEnd - oldEnd;
  for (const embedded of embeddedDocuments(template)) {
    const root = embedded.json.root;
    const shape = embedded.json.shape;
    if (!root || !shape) continue;
    const end = root.offset + root.length;
    const from = root.offset < start ? root.offset : root.offset >= oldEnd ? root.offset + delta : undefined;
    const to = end <= start ? end : end >= oldEnd ? end + delta : undefined;
    if (from === undefined || to === undefined || offset < from || offset > to) continue;
    const cuts: [number, number][] = [[0, from], ...mappedCuts(root, then, now, offset), [to, now.length]];
    return { shape, cuts: cuts.filter(([s, e]) => e > s) };
  }
  return undefined;
}

// YAML templates ----------------------------------------------------------------------------

/** The embedded document a path from the top of a template leads into, and the rest of the path inside it. */
function embeddedPlace(text: string, path: YamlStep[]): { shape: JsonShapeInfo; steps: YamlStep[] } | undefined {
  if (path.length < 3 || path[0].key !== 'Resources' || typeof path[1].key !== 'string' || path[2].key !== 'Properties') return undefined;
  const type = blockMember(text, path[1].line, path[1].column, path[2].column, 'Type');
  const places = type ? EMBEDDED_PLACES[type] : undefined;
  const rest = path.slice(3);
  for (const place of places ?? []) {
    if (rest.length < place.path.length) continue;
    if (!place.path.every((step, i) => (step === '*' ? typeof rest[i].key === 'number' : rest[i].key === step))) continue;
    return { shape: shapeInfo(place.shape), steps: rest.slice(place.path.length) };
  }
  return undefined;
}

/** The last statement parsed, by its text: the completion and hover of one place read it once. */
let lastStatement: { block: string; root: Node | undefined } | undefined;

/** The statement a step opens (a `Statement` item, or the `Statement` mapping itself), parsed alone. */
function statementNode(text: string, step: YamlStep | undefined): Node | undefined {
  if (!step) return undefined;
  // In a flow collection (a policy written as JSON inside the YAML): the item's mapping, or the key's value.
  const flow = flowCollectionAt(text, step.line + step.column);
  if (flow !== undefined) {
    if (lastStatement?.block !== flow) lastStatement = { block: flow, root: parseYamlTree(flow).root };
    return lastStatement.root;
  }
  const block = blockText(text, step.line, step.column, MAX_STATEMENT);
  if (block === undefined) return undefined;
  if (lastStatement?.block !== block) lastStatement = { block, root: parseYamlTree(block).root };
  const root = lastStatement.root;
  if (typeof step.key === 'number') return root?.type === 'array' ? valuesOf(root)[0] : undefined;
  return member(root, step.key);
}

/** A statement's `Action` strings; undefined with `NotAction` or a value the template works out. */
function actionNames(statement: Node): string[] | undefined {
  if (member(statement, 'NotAction')) return undefined;
  const value = member(statement, 'Action');
  const nodes = value?.type === 'array' ? valuesOf(value) : value ? [value] : [];
  const names = nodes.map((n) => stringValue(n));
  return names.length && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/** The keys written in the cursor's mapping besides its own: on its line in a flow mapping, else the block's lines around it. */
function writtenKeys({ cursor, text }: YamlReading): string[] {
  return cursor.flow ? cursor.flow.written : siblingKeys(text, cursor.lineStart, cursor.column, cursor.startsItem);
}

/** How far the document indents a block below its key: as the cursor's mapping is indented below its own, else two spaces. */
function indentStep(reading: YamlReading): number {
  const owner = reading.cursor.path[reading.cursor.path.length - 1];
  const step = owner && typeof owner.key === 'string' ? reading.cursor.column - owner.column : 0;
  return step > 0 && step <= 8 ? step : 2;
}

function memberItems(document: TextDocument, reading: YamlReading, schema: JSONSchema): CompletionItem[] {
  const { cursor } = reading;
  const written = new Set(writtenKeys(reading));
  const { range, key } = keyEdit(document, cursor);
  const pad = ' '.repeat(cursor.column + indentStep(reading));
  const items: CompletionItem[] = [];
  for (const [name, ref] of Object.entries(schema.properties ?? {})) {
    const property = deref(ref);
    if (!property || property.doNotSuggest || written.has(name)) continue;
    const inline = hasType(property, 'string') || hasType(property, 'number') || hasType(property, 'boolean') || !property.type;
    const newText = cursor.hasColon
      ? name
      : inline
        ? `${key(name)}: $0`
        : cursor.flow
          ? `${key(name)}: ${hasType(property, 'array') ? '[$0]' : '{ $0 }'}`
          : hasType(property, 'array')
            ? `${key(name)}:\n${pad}- $0`
            : `${key(name)}:\n${pad}$0`;
    items.push(
      asIs({
        label: name,
        kind: CompletionItemKind.Property,
        documentation: property.markdownDescription ? { kind: MarkupKind.Markdown, value: property.markdownDescription } : undefined,
        sortText: String(items.length).padStart(3, '0'),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText },
      }),
    );
  }
  return items;
}

/**
 * Where a key's item writes, and how it writes the key: over what is typed when the key's colon
 * is already there; else over the whole token, a quoted one (`"s3:pre"`, in a policy written as
 * JSON) written with its quotes again, since its colon goes after them.
 */
function keyEdit(document: TextDocument, cursor: YamlCursor): { range: Range; key: (name: string) => string } {
  const { token } = cursor;
  if (cursor.hasColon || !token.quote) return { range: rangeOf(document, token.contentStart, token.contentEnd), key: (name) => name };
  const quote = token.quote;
  return { range: rangeOf(document, token.start, token.end), key: (name) => `${quote}${name}${quote}` };
}

/** A schema's enumerated values (its items' for a list), or its examples, or `true`/`false`. */
function valueItems(schema: JSONSchema, range: Range, quoted: boolean): CompletionItem[] {
  const values = enumOf(schema) ?? { values: (schema.examples ?? []).filter((v): v is string => typeof v === 'string') };
  const items: CompletionItem[] = values.values.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.Value,
    documentation: values.docs?.[i] ? { kind: MarkupKind.Markdown, value: values.docs[i] } : undefined,
    textEdit: { range, newText: quoted ? value : yamlScalar(value) },
  }));
  if (!items.length && hasType(schema, 'boolean'))
    for (const value of ['true', 'false']) items.push({ label: value, kind: CompletionItemKind.Value, textEdit: { range, newText: value } });
  return items;
}

function enumOf(schema: JSONSchema): { values: string[]; docs?: string[] } | undefined {
  const own = schema.enum ? schema : deref(schema.items as JSONSchemaRef | undefined);
  const values = own?.enum?.filter((v): v is string => typeof v === 'string');
  return values?.length ? { values, docs: own?.markdownEnumDescriptions } : undefined;
}

/** A value as a YAML scalar: plain when YAML (1.1 or 1.2) reads it back as that string, else double-quoted. */
export function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z_/.$][^:#]*$|^[A-Za-z_/.$][^#]*[^ :#]$/.test(value) &&
    !/: |\s#|^\s|\s$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(value) &&
    !/^[-+.]?\d/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** The schema a path from the top of a document leads to (object members, pattern members, list items). */
function schemaAt(root: JSONSchema, path: (string | number)[]): JSONSchema | undefined {
  let schema: JSONSchema | undefined = root;
  for (const step of path) {
    if (!schema) return undefined;
    if (typeof step === 'number') {
      schema = Array.isArray(schema.items) ? undefined : deref(schema.items);
      continue;
    }
    const own: JSONSchema | undefined = deref(schema.properties?.[step]);
    if (own) {
      schema = own;
      continue;
    }
    const pattern = Object.entries(schema.patternProperties ?? {}).find(([p]) => new RegExp(p).test(step));
    schema = pattern ? deref(pattern[1]) : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  }
  return schema;
}

function deref(ref: JSONSchemaRef | undefined): JSONSchema | undefined {
  return typeof ref === 'object' ? ref : undefined;
}

function hasType(schema: JSONSchema, type: string): boolean {
  return Array.isArray(schema.type) ? schema.type.includes(type) : schema.type === type;
}

function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The item's text is laid out with the indentation it needs where it goes: the editor must not indent it again. */
function asIs(item: CompletionItem): CompletionItem {
  return { ...item, insertTextMode: InsertTextMode.asIs };
}
