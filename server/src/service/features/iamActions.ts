/**
 * Completion and hover inside a policy's `Action` / `NotAction` values: the service prefixes, a
 * service's actions with their access level and description (AWS's Service Authorization
 * Reference, `domain/iamReference.ts`), and on hover its resource types and condition keys. Ahead
 * of the schema's completion, which knows only that an action is a string.
 */
import type { JSONPath } from 'jsonc-parser';
import type { ASTNode, JSONDocument } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, CompletionList, Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { hasPolicyVariable, wildcardMatch } from '../domain/iam';
import { IamAction, IamReference } from '../domain/iamReference';
import type { JsonShapeId } from '../json/kinds';
import { isPolicyActionPath } from '../json/policies';

/** A hover on a wildcard lists this many of the actions it matches. */
const LISTED = 10;
/** A hover on an action lists this many of the condition keys it supports. */
const LISTED_KEYS = 20;

interface ActionValue {
  /** What is written between the quotes. */
  value: string;
  /** Offsets of the string, quotes included, and of what is between them. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

/**
 * The `Action` / `NotAction` string the cursor is inside, if it is in one: read from the tree the
 * schema's completion parses anyway, so no request scans the text again (a 1 MB policy).
 */
function actionValueAt(shape: JsonShapeId, document: TextDocument, json: JSONDocument, offset: number): ActionValue | undefined {
  const node = json.getNodeFromOffset(offset, true);
  if (node?.type !== 'string') return undefined;
  const path: JSONPath = [];
  for (let child: ASTNode = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'property') {
      if (parent.keyNode === child) return undefined;
      path.unshift(parent.keyNode.value);
      child = parent;
      parent = parent.parent;
      if (!parent) break;
    }
    if (parent.type === 'array') path.unshift(parent.items.indexOf(child));
  }
  if (!isPolicyActionPath(shape, path)) return undefined;
  const text = document.getText();
  const start = node.offset;
  const end = start + node.length;
  // A string still being typed has no closing quote yet.
  const contentEnd = node.length > 1 && text[end - 1] === '"' ? end - 1 : end;
  if (offset <= start || offset > contentEnd) return undefined;
  return { value: text.slice(start + 1, contentEnd), start, end, contentStart: start + 1, contentEnd };
}

export function actionCompletions(
  iam: IamReference,
  shape: JsonShapeId,
  document: TextDocument,
  json: JSONDocument,
  position: Position,
): { list: CompletionList; withExamples: boolean } | undefined {
  const at = actionValueAt(shape, document, json, document.offsetAt(position));
  if (!at) return undefined;
  return actionItems(iam, at.value, { start: document.positionAt(at.contentStart), end: document.positionAt(at.contentEnd) });
}

/**
 * The items for an action written so far (`value`), each replacing `range`: the service prefixes
 * before a colon (`withExamples`: the schema's examples may follow), the service's actions after it.
 * Action names and prefixes need no quoting in YAML either, so both syntaxes insert the same text.
 */
export function actionItems(iam: IamReference, value: string, range: Range): { list: CompletionList; withExamples: boolean } | undefined {
  const colon = value.indexOf(':');
  const items: CompletionItem[] = [];
  if (colon < 0) {
    for (const prefix of iam.servicePrefixes()) {
      items.push({
        label: prefix,
        kind: CompletionItemKind.Module,
        detail: iam.serviceName(prefix),
        textEdit: { range, newText: `${prefix}:` },
        // Its actions follow at once.
        command: { title: 'Actions', command: 'editor.action.triggerSuggest' },
      });
    }
  } else {
    const prefix = value.slice(0, colon).toLowerCase();
    for (const action of iam.actionsOf(prefix)?.values() ?? []) {
      const label = `${prefix}:${action.name}`;
      items.push({
        label,
        kind: CompletionItemKind.Value,
        detail: action.accessLevel,
        documentation: { kind: MarkupKind.Markdown, value: action.description },
        textEdit: { range, newText: label },
      });
    }
  }
  return items.length ? { list: { isIncomplete: false, items }, withExamples: colon < 0 } : undefined;
}

export function actionHover(iam: IamReference, shape: JsonShapeId, document: TextDocument, json: JSONDocument, position: Position): Hover | undefined {
  const at = actionValueAt(shape, document, json, document.offsetAt(position));
  const value = at && actionHoverText(iam, at.value);
  if (!at || !value) return undefined;
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: document.positionAt(at.start), end: document.positionAt(at.end) } };
}

/** What hover says of an action (or a wildcard) written as `value`: what it allows, on which resources, with which keys. */
export function actionHoverText(iam: IamReference, value: string): string | undefined {
  if (hasPolicyVariable(value)) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  const actions = iam.actionsOf(prefix);
  if (!actions) return undefined;
  const service = iam.serviceName(prefix) ?? prefix;
  if (/[*?]/.test(name)) {
    const matching = [...actions.values()].filter((a) => wildcardMatch(name, a.name));
    if (!matching.length) return undefined;
    const listed = matching.slice(0, LISTED).map((a) => `\`${a.name}\``);
    if (matching.length > LISTED) listed.push(`and ${matching.length - LISTED} more`);
    return `\`${value}\` matches ${matching.length} ${matching.length === 1 ? 'action' : 'actions'} of ${service}: ${listed.join(', ')}.`;
  }
  const action = actions.get(name.toLowerCase());
  if (!action) return undefined;
  return describe(`${prefix.toLowerCase()}:${action.name}`, service, action, iam.supportedKeys([{ prefix: prefix.toLowerCase(), action }]).names());
}

function describe(fullName: string, service: string, action: IamAction, keys: string[]): string {
  const resources = action.resourceTypes.length
    ? action.resourceTypes.map((r) => `\`${r.name}\`${r.required ? ' (required)' : ''}`).join(', ')
    : 'none: it takes `"Resource": "*"`';
  const sentence = action.description.endsWith('.') ? action.description : `${action.description}.`;
  const listed = keys.slice(0, LISTED_KEYS).map((k) => `\`${k}\``);
  if (keys.length > LISTED_KEYS) listed.push(`and ${keys.length - LISTED_KEYS} more`);
  const supported = `Condition keys: ${listed.length ? listed.join(', ') : 'none of its own'} (and the global \`aws:\` keys)`;
  return `**${fullName}** (${service})\n\n${sentence}\n\nAccess level: ${action.accessLevel}  \nResource types: ${resources}  \n${supported}`;
}
