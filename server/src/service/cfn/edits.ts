/**
 * Quick fixes on a template's embedded documents, in the template's own syntax. The JSON checks
 * write their fixes as JSON edits on a document's tree (`json/edit.ts`): a value replaced, values
 * added at the end of a list, members added to an object. Each edit is read back for what it
 * does, then written again: in JSON as it was (member names in CloudFormation's spelling), in
 * YAML in the style around it: a plain, single- or double-quoted scalar stays so; an item added to
 * a block sequence is a `- ` line at its siblings' indentation, to a flow sequence `, item`; a
 * member added to a block mapping a `Name: value` line; nested values in the file's indentation
 * and quotes. An edit on a value worked out from an intrinsic (`!Sub`, a parameter's default) is
 * not written: the text there is not the value, so the fix is not offered.
 */
import { Node, ParseError, parseTree, getNodeValue } from 'jsonc-parser';
import { Document, parseDocument } from 'yaml';
import type { OffsetEdit } from '../checks/types';
import { appendValues, setValue } from '../json/edit';
import { isDerived } from './intrinsics';
import type { EmbeddedDocument } from './embedded';
import type { CloudFormationTemplate } from './template';

/** The edits in the template's syntax, or undefined when one of them cannot be written there. */
export function sourceEdits(template: CloudFormationTemplate, embedded: EmbeddedDocument, edits: readonly OffsetEdit[]): OffsetEdit[] | undefined {
  const root = embedded.json.root;
  if (!root) return undefined;
  const out: OffsetEdit[] = [];
  for (const edit of edits) {
    const written = sourceEdit(template, root, embedded.sourceNames ?? {}, edit);
    if (!written) return undefined;
    out.push(written);
  }
  return out;
}

type Intent =
  | { kind: 'replace'; node: Node; value: unknown }
  | { kind: 'append'; container: Node; items: unknown[] }
  | { kind: 'members'; container: Node; members: [string, unknown][] };

function sourceEdit(template: CloudFormationTemplate, root: Node, names: Readonly<Record<string, string>>, edit: OffsetEdit): OffsetEdit | undefined {
  const intent = intentOf(template.text, root, edit);
  if (!intent) return undefined;
  const target = intent.kind === 'replace' ? intent.node : intent.container;
  if (isDerived(target) || derivedAbove(target)) return undefined;
  if (template.syntax === 'json') {
    // The JSON checks' own edits are JSON already: only member names are spelt as the template spells them.
    return intent.kind === 'replace' ? edit : { ...edit, newText: renameJsonKeys(edit.newText, names) };
  }
  const style = yamlStyle(template.text);
  switch (intent.kind) {
    case 'replace':
      return replaceInYaml(template.text, intent.node, intent.value, style);
    case 'append':
      return appendInYaml(template.text, intent.container, rename(intent.items, names) as unknown[], style);
    case 'members':
      return addMembersInYaml(
        template.text,
        intent.container,
        intent.members.map(([k, v]) => [names[k] ?? k, rename(v, names)]),
        style,
      );
  }
}

/** A value built from an intrinsic's result (a list from `Fn::Split`) is not the template's text either. */
function derivedAbove(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (isDerived(n)) return true;
  return false;
}

// What an edit does ------------------------------------------------------------------------------

function intentOf(text: string, root: Node, edit: OffsetEdit): Intent | undefined {
  const exact = nodeSpanning(root, edit.start, edit.end);
  if (exact) {
    const value = readJson(edit.newText) ?? readFlowYaml(edit.newText);
    return value === undefined ? undefined : { kind: 'replace', node: exact, value: value.value };
  }
  // An insertion: `, item`, `,\n  "Name": value`, or the inside of an empty `[]` / `{}`. Nested
  // lists and objects may end at the same offset (in YAML, always): the target is the one for
  // which `json/edit.ts` writes this very edit.
  const inserted = edit.newText.replace(/^\s*,?/, '').trim();
  const same = (edits: OffsetEdit[]) => edits.length === 1 && edits[0].start === edit.start && edits[0].end === edit.end && edits[0].newText === edit.newText;
  const items = readJson(`[${inserted}]`);
  if (items && Array.isArray(items.value)) {
    const values = items.value as unknown[];
    const array = containers(root, edit, 'array').find((c) => same(appendValues(text, c, values)));
    if (array) return { kind: 'append', container: array, items: values };
  }
  const members = readJson(`{${inserted}}`);
  if (members && members.value && typeof members.value === 'object' && !Array.isArray(members.value)) {
    const entries = Object.entries(members.value as Record<string, unknown>);
    const object =
      entries.length === 1 ? containers(root, edit, 'object').find((c) => same(setValue({ text, root: c }, [entries[0][0]], entries[0][1]))) : undefined;
    if (object) return { kind: 'members', container: object, members: entries };
  }
  return undefined;
}

function readJson(text: string): { value: unknown } | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return tree && !errors.length ? { value: getNodeValue(tree) as unknown } : undefined;
}

/** `[source]` (wrong-value-type's "put the value in a list") is YAML flow when the source is YAML. */
function readFlowYaml(text: string): { value: unknown } | undefined {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length) return undefined;
  try {
    return { value: document.toJS() as unknown };
  } catch {
    // An alias to an anchor outside the text (`[*a]`): not a value this edit can stand for.
    return undefined;
  }
}

/** The node (a key or a value) whose span is exactly this. */
function nodeSpanning(root: Node, start: number, end: number): Node | undefined {
  let found: Node | undefined;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.offset > end || node.offset + node.length < start) continue;
    if (node.type !== 'property' && node.offset === start && node.offset + node.length === end) found = node;
    if (node.children) stack.push(...node.children);
  }
  return found;
}

/** The lists or objects of the tree that the edit falls in (or right at the end of), innermost first. */
function containers(root: Node, edit: OffsetEdit, type: 'array' | 'object'): Node[] {
  const found: Node[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.offset > edit.start || node.offset + node.length < edit.end) continue;
    if (node.type === type && node.offset < edit.start) found.push(node);
    if (node.children) stack.push(...node.children);
  }
  return found.sort((a, b) => b.offset - a.offset);
}

function rename(value: unknown, names: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => rename(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [names[k] ?? k, rename(v, names)]));
  return value;
}

function renameJsonKeys(text: string, names: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [from, to] of Object.entries(names)) out = out.split(`${JSON.stringify(from)}:`).join(`${JSON.stringify(to)}:`);
  return out;
}

// YAML -------------------------------------------------------------------------------------------

interface YamlStyle {
  eol: string;
  /** Spaces per level. */
  unit: number;
  /** Whether a block sequence under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
  singleQuote: boolean;
}

function yamlStyle(text: string): YamlStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n( +)\S/.exec(text);
  const unit = indented ? Math.min(indented[1].length, 8) : 2;
  // A key whose next line is a sequence item: at the key's column, or further in.
  const seq = /\n( *)[^\s#-][^\n]*:[ \t]*\r?\n( *)- /.exec(text);
  const indentSeq = seq ? seq[2].length > seq[1].length : true;
  // The quotes of the first quoted scalar (after a key, a dash, or in a flow collection).
  const quote = /[:,[{-][ \t]*(['"])/.exec(text);
  return { eol, unit, indentSeq, singleQuote: quote?.[1] === "'" };
}

function toYaml(value: unknown, style: YamlStyle, flow: boolean): string {
  const document = new Document(value);
  return document
    .toString({
      indent: style.unit,
      indentSeq: style.indentSeq,
      singleQuote: style.singleQuote,
      collectionStyle: flow ? 'flow' : 'any',
      flowCollectionPadding: false,
      lineWidth: 0,
    })
    .replace(/\n$/, '');
}

/** The column a node starts at, and whether it is in flow context (inside `[]` or `{}`). */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function inFlow(node: Node, text: string): boolean {
  for (let n = node.parent; n; n = n.parent) if ((n.type === 'array' || n.type === 'object') && /[[{]/.test(text[n.offset] ?? '')) return true;
  return false;
}

function scalarInStyle(value: unknown, original: string, style: YamlStyle, flow: boolean): string {
  if (typeof value !== 'string') return toYaml(value, style, true);
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  if (original.startsWith('"')) return JSON.stringify(value);
  const written = toYaml(value, style, flow);
  // A plain scalar in flow context may not hold flow indicators.
  return flow && /^[^'"].*[,[\]{}]/.test(written) ? JSON.stringify(value) : written;
}

function replaceInYaml(text: string, node: Node, value: unknown, style: YamlStyle): OffsetEdit | undefined {
  const original = text.slice(node.offset, node.offset + node.length);
  const flow = inFlow(node, text);
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  let newText: string;
  if (value === null || typeof value !== 'object') newText = scalarInStyle(value, original, style, flow);
  else if (isKey) return undefined;
  else newText = toYaml(value, style, true);
  // An empty value (`Statement:` with nothing after it) is written after the colon's space.
  if (!node.length && text[node.offset - 1] === ':') newText = ` ${newText}`;
  return { start: node.offset, end: node.offset + node.length, newText };
}

/** The indented lines of a block value after its first line. */
function indentRest(rendered: string, indent: string, eol: string): string {
  return rendered
    .split('\n')
    .map((line, i) => (i === 0 || !line ? line : indent + line))
    .join(eol);
}

function appendInYaml(text: string, array: Node, items: unknown[], style: YamlStyle): OffsetEdit | undefined {
  const open = text[array.offset];
  const children = array.children ?? [];
  if (open === '[') {
    const close = array.offset + array.length - 1;
    if (text[close] !== ']') return undefined;
    const added = items.map((v) => toYaml(v, style, true)).join(', ');
    if (!children.length) return { start: array.offset + 1, end: close, newText: added };
    const last = children[children.length - 1];
    const at = last.offset + last.length;
    return { start: at, end: at, newText: `, ${added}` };
  }
  const last = children[children.length - 1];
  if (!last) return undefined;
  const dash = dashColumn(text, last) ?? columnOf(text, array.offset);
  const indent = ' '.repeat(dash);
  const lines = items.map((v) => `${indent}- ${indentRest(toYaml(v, style, false), `${indent}  `, style.eol)}`).join(style.eol);
  const at = last.offset + last.length;
  return { start: at, end: at, newText: `${style.eol}${lines}` };
}

/** The column of the `- ` that introduces a block sequence item, when it is on the item's line. */
function dashColumn(text: string, item: Node): number | undefined {
  const lineStart = text.lastIndexOf('\n', item.offset - 1) + 1;
  const m = /^( *)- /.exec(text.slice(lineStart, item.offset));
  return m ? m[1].length : undefined;
}

function addMembersInYaml(text: string, object: Node, members: [string, unknown][], style: YamlStyle): OffsetEdit | undefined {
  const children = object.children ?? [];
  if (text[object.offset] === '{') {
    const close = object.offset + object.length - 1;
    if (text[close] !== '}') return undefined;
    const added = members.map(([k, v]) => `${toYaml(k, style, true)}: ${toYaml(v, style, true)}`).join(', ');
    if (!children.length) return { start: object.offset + 1, end: close, newText: added };
    const last = children[children.length - 1];
    const at = last.offset + last.length;
    return { start: at, end: at, newText: `, ${added}` };
  }
  const last = children[children.length - 1];
  if (!last) return undefined;
  const indent = ' '.repeat(columnOf(text, last.offset));
  const lines = members.map(([k, v]) => {
    const key = toYaml(k, style, false);
    if (v === null || typeof v !== 'object' || (Array.isArray(v) ? !v.length : !Object.keys(v).length)) return `${indent}${key}: ${toYaml(v, style, true)}`;
    const nested = ' '.repeat(Array.isArray(v) && !style.indentSeq ? 0 : style.unit);
    const body = toYaml(v, style, false)
      .split('\n')
      .map((line) => (line ? `${indent}${nested}${line}` : line))
      .join(style.eol);
    return `${indent}${key}:${style.eol}${body}`;
  });
  const at = last.offset + last.length;
  return { start: at, end: at, newText: `${style.eol}${lines.join(style.eol)}` };
}
