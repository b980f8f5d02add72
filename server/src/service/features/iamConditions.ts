/**
 * Completion and hover inside a policy's `Condition`: the keys a statement's actions support
 * (AWS's Service Authorization Reference, `domain/iamReference.ts`) and the global keys, under an
 * operator that suits their type; the operators that suit the keys under an operator; and what a
 * key is. Ahead of the schema's completion, which cannot know the statement's actions.
 */
import type { ASTNode, JSONDocument, ObjectASTNode, PropertyASTNode } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, CompletionList, Hover, InsertTextFormat, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import {
  type ConditionKeyDefinition,
  GLOBAL_CONDITION_KEYS,
  type KeyType,
  type KeyTypes,
  actionServices,
  globalConditionKey,
  globalKeyTypes,
  isKeyTemplate,
  keyType,
} from '../domain/conditionKeys';
import { type OperatorFamily, conditionKey, familyOf, operatorsOf } from '../domain/iam';
import type { IamReference } from '../domain/iamReference';
import { OPERATOR_DOCS } from '../json/docs';
import type { JsonShapeId } from '../json/kinds';
import { statementPathStart } from '../json/policies';
import { parseConditionOperator } from '../json/shapes';

/** Where in a `Condition` the cursor is, and the statement around it. */
type ConditionPlace =
  /** On a key's name under an operator, or where a key may be written (`key` undefined). */
  | { kind: 'key'; operator: string; block: ObjectASTNode; key?: PropertyASTNode; statement: ObjectASTNode }
  /** On an operator's name. */
  | { kind: 'operator'; operator: PropertyASTNode; statement: ObjectASTNode };

/** The cursor's place in a policy's `Condition`, from the tree the schema's completion parses anyway. */
function conditionPlaceAt(shape: JsonShapeId, json: JSONDocument, offset: number): ConditionPlace | undefined {
  const node = json.getNodeFromOffset(offset, true);
  if (!node) return undefined;
  // The containers from the top down to the cursor, and the path to it.
  const path: (string | number)[] = [];
  const containers: ASTNode[] = [];
  let name: PropertyASTNode | undefined;
  let current: ASTNode | undefined = node;
  if (node.type === 'string' && node.parent?.type === 'property' && node.parent.keyNode === node) {
    name = node.parent;
    path.unshift(name.keyNode.value);
    current = name.parent;
  } else if (node.type !== 'object') {
    return undefined;
  }
  for (let child = current; child;) {
    containers.unshift(child);
    const parent: ASTNode | undefined = child.parent;
    if (parent?.type === 'property') {
      path.unshift(parent.keyNode.value);
      child = parent.parent;
    } else if (parent?.type === 'array') {
      path.unshift(parent.items.indexOf(child));
      child = parent;
    } else {
      child = undefined;
    }
  }
  const start = statementPathStart(shape, path);
  if (start === undefined) return undefined;
  const statement = containers[start];
  const rest = path.slice(start);
  if (statement?.type !== 'object' || rest[0] !== 'Condition') return undefined;
  const block = containers[start + 2];
  if (rest.length === 2 && name) return { kind: 'operator', operator: name, statement };
  if (rest.length === (name ? 3 : 2) && block?.type === 'object') return { kind: 'key', operator: String(rest[1]), block, key: name, statement };
  return undefined;
}

/** A statement's `Action` values, when it has an `Action` of strings and no `NotAction`. */
function actionNames(statement: ObjectASTNode): string[] | undefined {
  if (statement.properties.some((p) => p.keyNode.value === 'NotAction')) return undefined;
  const value = statement.properties.find((p) => p.keyNode.value === 'Action')?.valueNode;
  const nodes = value?.type === 'array' ? value.items : value ? [value] : [];
  if (!nodes.length || nodes.some((n) => n.type !== 'string')) return undefined;
  return nodes.map((n) => n.value as string);
}

/**
 * What a statement's actions (its `Action` strings; undefined when it has `NotAction` or values
 * not written out) tell about keys: their types, and the keys their requests may carry
 * (undecided: global keys only).
 */
export function statementKeys(iam: IamReference | undefined, names: string[] | undefined): StatementKeys {
  if (!iam) return { types: globalKeyTypes, supported: [] };
  const services = actionServices(names);
  const actions = names && iam.resolveActions(names);
  const supported = actions
    ? iam
        .supportedKeys(actions)
        .names()
        .flatMap((key) => iam.conditionKey(key, services) ?? [])
    : [];
  return { types: iam.keyTypes(services), supported };
}

export interface StatementKeys {
  types: KeyTypes;
  supported: ConditionKeyDefinition[];
}

/** Whether completion offers a key of this type under an operator of this family: each key under its own family (an ARN key under ARN operators). */
function offeredUnder(type: KeyType | undefined, family: OperatorFamily): boolean {
  if (!type || family === 'null') return true;
  return type.families[0] === family || (family !== 'string' && type.families.includes(family));
}

const snippetText = (text: string) => text.replace(/[$}\\]/g, (c) => `\\${c}`);

/** The key as a snippet: its variable parts (`${TagKey}`, `<key>`) become placeholders to fill in. */
function keySnippet(key: string, next: { n: number }): string {
  let out = '';
  let at = 0;
  for (const m of key.matchAll(/\$\{([^}]*)\}|<([^>]*)>/g)) {
    out += snippetText(key.slice(at, m.index));
    out += `\${${next.n++}:${snippetText(m[1] ?? m[2])}}`;
    at = m.index + m[0].length;
  }
  return out + snippetText(key.slice(at));
}

export function conditionCompletions(
  iam: IamReference | undefined,
  shape: JsonShapeId,
  document: TextDocument,
  json: JSONDocument,
  position: Position,
): CompletionList | undefined {
  const offset = document.offsetAt(position);
  const place = conditionPlaceAt(shape, json, offset);
  if (!place) return undefined;
  const keys = statementKeys(iam, actionNames(place.statement));
  if (place.kind === 'operator') {
    const block = place.operator.valueNode;
    if (block?.type !== 'object') return undefined;
    const keyNode = place.operator.keyNode;
    const range = { start: document.positionAt(keyNode.offset), end: document.positionAt(keyNode.offset + keyNode.length) };
    const items = operatorItems(
      block.properties.map((p) => p.keyNode.value),
      keys.types,
      range,
      (label) => JSON.stringify(label),
    );
    return items && { isIncomplete: false, items };
  }
  const text = document.getText();
  let range: Range;
  let value = '';
  if (place.key) {
    const keyNode = place.key.keyNode;
    range = { start: document.positionAt(keyNode.offset), end: document.positionAt(keyNode.offset + keyNode.length) };
    // A key written without its colon yet gets its value list too.
    if (place.key.colonOffset === undefined || place.key.colonOffset < 0) value = ': [$0]';
  } else {
    range = { start: document.positionAt(offset), end: document.positionAt(offset) };
    value = ': [$0]';
    if (/^\s*"/.test(text.slice(offset, offset + 200))) value += ',';
  }
  const written = place.block.properties.filter((p) => p !== place.key).map((p) => p.keyNode.value);
  const items = keyItems(place.operator, written, keys, range, (snippet) => `"${snippet}"${value}`, place.key ? (key) => JSON.stringify(key) : undefined);
  return items.length ? { isIncomplete: false, items } : undefined;
}

/**
 * The keys that may be written under `operator` (beside the keys already `written`): the
 * statement's actions' own first, then the global keys, each only under operators of its type.
 * `write` turns a key (a snippet: its variable parts are placeholders) into the text inserted.
 */
export function keyItems(
  operator: string,
  written: string[],
  keys: StatementKeys,
  range: Range,
  write: (snippet: string) => string,
  filterText?: (key: string) => string,
): CompletionItem[] {
  const parsed = parseConditionOperator(operator);
  const family = parsed ? familyOf(parsed.base) : undefined;
  const taken = new Set(written.map((k) => k.toLowerCase()));
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const offer = (definition: ConditionKeyDefinition, global: boolean) => {
    const lower = definition.key.toLowerCase();
    if (seen.has(lower) || taken.has(lower)) return;
    seen.add(lower);
    const type = keyType(definition.type) ?? keys.types(definition.key);
    if (family && !offeredUnder(type, family)) return;
    const notes = conditionKey(definition.key)?.docs;
    items.push({
      label: definition.key,
      kind: CompletionItemKind.Property,
      detail: definition.type,
      documentation: { kind: MarkupKind.Markdown, value: [sentence(definition.description), notes].filter(Boolean).join('\n\n') },
      filterText: filterText ? filterText(definition.key) : definition.key,
      sortText: `${global ? 1 : 0}${definition.key.toLowerCase()}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: write(keySnippet(definition.key, { n: 1 })) },
    });
  };
  for (const definition of keys.supported) offer(definition, false);
  for (const definition of GLOBAL_CONDITION_KEYS) offer(definition, true);
  return items;
}

/**
 * The operators that suit every typed key of `keys` (the keys under the operator being written),
 * with `IfExists`, and the set prefixes for multivalued keys; undefined when none is typed.
 * `write` turns an operator's name into the text inserted.
 */
export function operatorItems(
  keys: string[],
  types: KeyTypes,
  range: Range,
  write: (label: string) => string,
  filterText: (label: string) => string = write,
): CompletionItem[] | undefined {
  const keyTypes = keys.flatMap((k) => types(k) ?? []);
  if (!keyTypes.length) return undefined;
  const families = keyTypes[0].families.filter((f) => keyTypes.every((t) => t.families.includes(f)));
  const multivalued = keyTypes.some((t) => t.multivalued);
  const items: CompletionItem[] = [];
  const add = (label: string, family: OperatorFamily, rank: number) =>
    items.push({
      label,
      kind: CompletionItemKind.Operator,
      documentation: { kind: MarkupKind.Markdown, value: OPERATOR_DOCS[family] },
      filterText: filterText(label),
      sortText: `${rank}${String(items.length).padStart(3, '0')}`,
      textEdit: { range, newText: write(label) },
    });
  families.forEach((family, rank) => {
    for (const base of operatorsOf(family)) {
      for (const name of [base, `${base}IfExists`]) {
        if (multivalued) for (const prefix of ['ForAnyValue:', 'ForAllValues:']) add(`${prefix}${name}`, family, rank);
        else add(name, family, rank);
      }
    }
  });
  add('Null', 'null', families.length);
  return items;
}

/** Hover on a condition key's name: what AWS says it filters by, its type and operators, and what this domain adds. */
export function conditionKeyHover(
  iam: IamReference | undefined,
  shape: JsonShapeId,
  document: TextDocument,
  json: JSONDocument,
  position: Position,
): Hover | undefined {
  const place = conditionPlaceAt(shape, json, document.offsetAt(position));
  if (place?.kind !== 'key' || !place.key) return undefined;
  const value = conditionKeyHoverText(iam, place.key.keyNode.value, actionNames(place.statement));
  if (!value) return undefined;
  const node = place.key.keyNode;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) },
  };
}

/** What hover says of a condition key in a statement of these actions: what AWS says it filters by, its type and operators, and what this domain adds. */
export function conditionKeyHoverText(iam: IamReference | undefined, key: string, actions: string[] | undefined): string | undefined {
  const services = actionServices(actions);
  const definition = iam ? iam.conditionKey(key, services) : globalConditionKey(key);
  if (!definition) return undefined;
  const type = keyType(definition.type);
  const global = !!globalConditionKey(key);
  const owner = global ? 'global condition key' : (iam?.serviceName(key.slice(0, key.indexOf(':'))) ?? 'condition key');
  const name = isKeyTemplate(definition.key) ? `${key}** (\`${definition.key}\`)` : `${definition.key}**`;
  const lines = [
    `**${name} (${owner})`,
    sentence(definition.description),
    conditionKey(key)?.docs,
    [
      `Type: ${definition.type}${type ? (type.multivalued ? ' (multivalued: use `ForAnyValue:` or `ForAllValues:`)' : ' (single-valued)') : ''}`,
      type ? `Operators: ${type.families.flatMap(operatorsOf).join(', ')}.` : undefined,
    ]
      .filter(Boolean)
      .join('  \n'),
  ];
  return lines.filter(Boolean).join('\n\n');
}

function sentence(text: string): string {
  return text && !/[.!?]$/.test(text) ? `${text}.` : text;
}
