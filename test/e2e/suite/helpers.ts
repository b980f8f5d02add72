/**
 * One helper per thing a user sees, through the `vscode` API only: the files of the workspace,
 * the diagnostics of a document (as code + highlighted text), the completion list in the order
 * the editor shows it, the hover text, the document after a code action, and the preview's
 * renders (through the extension's API). Every wait is for an event (`onDidChangeDiagnostics`,
 * the preview's `onDidRender`), bounded so that a missing event fails with what was seen.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import type { PreviewApi, PreviewRenderInfo } from '../../../client/src/preview/panel';

export const EXTENSION_ID = 'gt-tools.sagemaker-worker-templates';
/** `diagnostic.source` of everything the language server reports. */
export const SOURCE = 'gtlint';
/** The cursor marker in a test document (`|` is Liquid's pipe). */
export const CURSOR = '█';
export const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

/** How long to wait for the language server to answer an edit before failing with what it did send. */
const EVENT_TIMEOUT_MS = 15_000;

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'The suite needs a workspace folder; both launchers open an empty one.');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export interface Opened {
  document: vscode.TextDocument;
  editor: vscode.TextEditor;
  /** Where the █ marker was (the marker itself is not written). */
  cursor: vscode.Position;
}

/** Writes a file into the workspace and opens it in an editor, as a user would from the Explorer. */
export async function open(relative: string, textWithCursor: string): Promise<Opened> {
  const marker = textWithCursor.indexOf(CURSOR);
  const uri = await writeFile(relative, textWithCursor.replace(CURSOR, ''));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor, cursor: document.positionAt(Math.max(marker, 0)) };
}

/**
 * Replaces the whole text of files a suite wrote with `text` and saves them, as a user would:
 * what they held (a workteam, a stack) would otherwise be compared with the other suites' templates.
 */
export async function overwriteAndSave(uris: readonly vscode.Uri[], text: string): Promise<void> {
  for (const uri of uris) {
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** The language server's diagnostics of a document, as `[code, highlighted text]`. */
export function seen(document: vscode.TextDocument, diagnostics = ours(document.uri)): [string, string][] {
  return diagnostics.map((d) => [codeOf(d), document.getText(d.range)]);
}

function ours(uri: vscode.Uri, sources: readonly string[] = [SOURCE]): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source !== undefined && sources.includes(d.source));
}

/**
 * Resolves with the document's diagnostics once `until` holds for them. `sources` picks whose:
 * the language server's by default; the preview publishes its render errors as `preview` and
 * `RenderUiTemplate`.
 */
export function diagnosticsWhen(
  document: vscode.TextDocument,
  until: (diagnostics: vscode.Diagnostic[]) => boolean,
  expectation: string,
  sources: readonly string[] = [SOURCE],
): Promise<vscode.Diagnostic[]> {
  if (until(ours(document.uri, sources))) return Promise.resolve(ours(document.uri, sources));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const had = ours(document.uri, sources).map((d) => [d.source, codeOf(d), document.getText(d.range)]);
      reject(
        new Error(`No diagnostics where ${expectation} arrived for ${document.uri.path} within ${EVENT_TIMEOUT_MS / 1000} s; it has ${JSON.stringify(had)}.`),
      );
    }, EVENT_TIMEOUT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((uri) => uri.toString() === document.uri.toString())) return;
      const diagnostics = ours(document.uri, sources);
      if (!until(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

/** Waits until the document's diagnostics have exactly these codes (in document order), and returns them. */
export function diagnosticsWithCodes(document: vscode.TextDocument, codes: string[]): Promise<vscode.Diagnostic[]> {
  return diagnosticsWhen(document, (d) => sameCodes(d, codes), `the codes are ${JSON.stringify(codes)}`);
}

function sameCodes(diagnostics: vscode.Diagnostic[], codes: string[]): boolean {
  const sorted = [...diagnostics].sort((a, b) => a.range.start.compareTo(b.range.start));
  return JSON.stringify(sorted.map(codeOf)) === JSON.stringify(codes);
}

let fences = 0;

/**
 * Proves that the language server has nothing to say about a document. Absence has no event, so
 * this opens a template with a known mistake after it and waits for that: the server validates
 * documents in the order they were opened, so by the time the later one is reported, anything about
 * the earlier one would have been reported too.
 */
export async function assertNoDiagnostics(document: vscode.TextDocument): Promise<void> {
  const fence = await open(`fence-${++fences}.liquid.html`, `${SCRIPT}<crowd-form><crowd-input></crowd-input></crowd-form>`);
  await diagnosticsWithCodes(fence.document, ['unnamed-crowd-field']);
  assert.deepEqual(seen(document), []);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Completion labels at a position, in the order the suggest widget lists them before anything is typed. */
export async function completionLabels(document: vscode.TextDocument, position: vscode.Position, triggerCharacter?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, triggerCharacter);
  const key = (item: vscode.CompletionItem) => (item.sortText ?? labelOf(item)).toLowerCase();
  return [...list.items].sort((a, b) => key(a).localeCompare(key(b)) || labelOf(a).localeCompare(labelOf(b))).map(labelOf);
}

/** Everything the hovers at a position show, joined. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

/** The code actions the editor offers for a range (what the lightbulb lists). */
export async function codeActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, range);
  return actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/** Applies the code action titled `title` at `range` and returns the document text afterwards. */
export async function applyCodeAction(document: vscode.TextDocument, range: vscode.Range, title: string): Promise<string> {
  const actions = await codeActions(document, range);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `No code action "${title}" at ${document.getText(range)}; offered: ${JSON.stringify(actions.map((a) => a.title))}.`);
  assert.ok(action.edit, `The code action "${title}" has no edit.`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `The editor refused the edit of "${title}".`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return document.getText();
}

/** The extension's preview API, activating the extension if no earlier test has. */
export async function previewApi(): Promise<PreviewApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  return api.preview;
}

/**
 * Resolves with the preview of `uri` once a render for which `until` holds is shown: the last one
 * if it already does, else the next `onDidRender` that does.
 */
export function renderWhen(
  preview: PreviewApi,
  uri: vscode.Uri,
  until: (render: PreviewRenderInfo) => boolean,
  expectation: string,
): Promise<PreviewRenderInfo> {
  const last = preview.lastRender(uri);
  if (last && until(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const had = preview.lastRender(uri);
      const summary = had && {
        seq: had.seq,
        version: had.version,
        renderer: had.renderer,
        input: had.input,
        ok: had.ok,
        message: had.message,
        issues: had.issues.map((i) => i.message),
      };
      reject(
        new Error(`No preview render of ${uri.path} where ${expectation} within ${EVENT_TIMEOUT_MS / 1000} s; the last one was ${JSON.stringify(summary)}.`),
      );
    }, EVENT_TIMEOUT_MS);
    const subscription = preview.onDidRender((render) => {
      if (render.uri !== uri.toString() || !until(render)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(render);
    });
  });
}

/** The language server the extension host runs: its child whose command line runs dist/server.js (these machines are Linux). */
export function languageServerProcess(): { pid: string; argv: string[] } {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
        // A zombie (Z) has ended; its parent has not collected it yet.
        return parent === process.pid && state !== 'Z' ? [{ pid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') }] : [];
      } catch {
        return []; // A process that ended meanwhile.
      }
    });
  const server = children.find(({ argv }) => argv.some((arg) => arg.endsWith('server.js')));
  assert.ok(server, `no language server among the extension host's children: ${JSON.stringify(children)}`);
  return server;
}
