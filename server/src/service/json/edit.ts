/**
 * Quick-fix edits on JSON text in the document's own style: its indentation unit (spaces or
 * tabs, and how many), its line endings, and the indentation where the edit lands. Only the
 * inserted text is laid out; neighbouring members keep their formatting. An object or array
 * written on one line stays on one line.
 */
import { JSONPath, Node, findNodeAtLocation, modify } from 'jsonc-parser';
import type { OffsetEdit } from '../checks/types';

export interface EditableJson {
  text: string;
  root?: Node;
}

interface Style {
  unit: string;
  eol: string;
}

/** The style of the last text asked about: a CloudFormation template's fixes (one per document in it) all ask about the same text. */
let lastStyle: { text: string; style: Style } | undefined;

function styleOf(text: string): Style {
  if (lastStyle?.text === text) return lastStyle.style;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)["{[\]}]/.exec(text);
  // The first indented line is one level deep in a pretty-printed file.
  const style = { unit: indented ? (indented[1].startsWith('\t') ? '\t' : indented[1]) : '  ', eol };
  lastStyle = { text, style };
  return style;
}

/** The whitespace that starts the line `offset` is on. */
function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function oneLine(text: string, node: Node): boolean {
  return !text.slice(node.offset, node.offset + node.length).includes('\n');
}

/** A value laid out over several lines, continuing at `indent`. */
function render(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}

/** A value on one line, spaced as people write it: `{"a": [1, 2]}`. */
function renderInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderInline).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${renderInline(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** Sets the value at `path`, adding the members (and objects) that do not exist yet. */
export function setValue(json: EditableJson, path: JSONPath, value: unknown): OffsetEdit[] {
  const { text, root } = json;
  if (!root) return [];
  const style = styleOf(text);
  const existing = findNodeAtLocation(root, path);
  if (existing) {
    const newText = oneLine(text, existing.parent ?? existing) ? renderInline(value) : render(value, indentationAt(text, existing.offset), style);
    return [{ start: existing.offset, end: existing.offset + existing.length, newText }];
  }
  let depth = path.length - 1;
  let parent: Node | undefined;
  for (; depth >= 0; depth--) {
    parent = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth));
    if (parent) break;
  }
  const name = path[depth];
  if (!parent || parent.type !== 'object' || typeof name !== 'string') return [];
  const nested = path.slice(depth + 1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  return insertMember(text, parent, name, nested, style);
}

function insertMember(text: string, object: Node, name: string, value: unknown, style: Style): OffsetEdit[] {
  const members = object.children ?? [];
  const close = object.offset + object.length - 1;
  if (oneLine(text, object)) {
    const member = `${JSON.stringify(name)}: ${renderInline(value)}`;
    return [{ start: close, end: close, newText: members.length ? `, ${member}` : member }];
  }
  const outer = indentationAt(text, object.offset);
  const inner = members.length ? indentationAt(text, members[0].offset) : outer + style.unit;
  const member = `${JSON.stringify(name)}: ${render(value, inner, style)}`;
  if (!members.length) return [{ start: object.offset + 1, end: close, newText: `${style.eol}${inner}${member}${style.eol}${outer}` }];
  const last = members[members.length - 1];
  const at = last.offset + last.length;
  return [{ start: at, end: at, newText: `,${style.eol}${inner}${member}` }];
}

/** Adds values at the end of an array. */
export function appendValues(text: string, array: Node, values: unknown[]): OffsetEdit[] {
  const style = styleOf(text);
  const items = array.children ?? [];
  const close = array.offset + array.length - 1;
  if (oneLine(text, array)) {
    const added = values.map(renderInline).join(', ');
    return [{ start: close, end: close, newText: items.length ? `, ${added}` : added }];
  }
  const outer = indentationAt(text, array.offset);
  const inner = items.length ? indentationAt(text, items[0].offset) : outer + style.unit;
  const added = values.map((v) => `${inner}${render(v, inner, style)}`).join(`,${style.eol}`);
  if (!items.length) return [{ start: array.offset + 1, end: close, newText: `${style.eol}${added}${style.eol}${outer}` }];
  const last = items[items.length - 1];
  const at = last.offset + last.length;
  return [{ start: at, end: at, newText: `,${style.eol}${added}` }];
}

/** Removes the member or item at `path`, with its comma. */
export function removeValue(json: EditableJson, path: JSONPath): OffsetEdit[] {
  return modify(json.text, path, undefined, {}).map((e) => ({ start: e.offset, end: e.offset + e.length, newText: e.content }));
}
