/**
 * The LSP adapter: connects the pure language service to the editor. It owns the transport,
 * the file system (sample inputs and workspace files the editor has not opened) and the
 * scheduling of validation; every request is isolated so one failure never takes the server down.
 * The workspace's templates and JSON files are read in the background, a few at a time between
 * requests, so cross-file checks see files the editor has not opened.
 */
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, LanguageService, ServiceSettings, createLanguageService } from './service/languageService';
import type { SeveritySetting } from './service/checks/types';
import { JSON_SHAPES, NOT_RECOGNISED, isShapeId } from './service/json/kinds';

export interface InitializationOptions {
  docsBaseUri?: string;
  hostHtmlLanguages?: string[];
}

/** The `gtTemplates` settings section, as the client sends it. */
interface ClientSettings {
  checks?: Record<string, SeveritySetting>;
  sampleInputs?: Record<string, string>;
  jsonFiles?: Record<string, string>;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: LanguageService = createLanguageService();
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
let followsWorkspaceFolders = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  service = createLanguageService({ docsBaseUri: options.docsBaseUri, hostHtmlLanguages: options.hostHtmlLanguages });
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/$/, ''));
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [params.rootUri.replace(/\/$/, '')];
  service.configure({ ...DEFAULT_SETTINGS, workspaceFolders });
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  followsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  return {
    capabilities: {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['|', '.', ' ', '<', '"', "'", '%', '{', ':'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    },
    serverInfo: { name: 'gtlint-language-server' },
  };
});

connection.onInitialized(async () => {
  // Before any await: a folder change sent right after initialization must find its handler.
  if (followsWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => void changeWorkspaceFolders(event.added, event.removed));
  if (canPullConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'gtTemplates' });
    await refreshSettings();
  }
  void indexWorkspace(workspaceFolders);
});

/** Folders added to or removed from the workspace: settings resolve against the new list, and the index follows. */
async function changeWorkspaceFolders(added: { uri: string }[], removed: { uri: string }[]): Promise<void> {
  const gone = removed.map((f) => f.uri.replace(/\/$/, ''));
  const fresh = added.map((f) => f.uri.replace(/\/$/, ''));
  workspaceFolders = [...workspaceFolders.filter((f) => !gone.includes(f)), ...fresh.filter((f) => !workspaceFolders.includes(f))];
  service.configure({ ...service.getSettings(), workspaceFolders });
  for (const document of service.allDocuments()) {
    if (!documents.get(document.uri) && gone.some((folder) => document.uri.startsWith(folder + '/'))) service.removeDocument(document.uri);
  }
  await indexWorkspace(fresh);
  validateAll();
}

async function refreshSettings(): Promise<void> {
  let settings: ClientSettings = {};
  if (canPullConfiguration) {
    try {
      settings = ((await connection.workspace.getConfiguration('gtTemplates')) ?? {}) as ClientSettings;
    } catch (error) {
      connection.console.warn(`Could not read the gtTemplates settings; using defaults (${describe(error)}).`);
    }
  }
  const next: ServiceSettings = {
    checks: sanitizeChecks(settings.checks),
    sampleInputs: typeof settings.sampleInputs === 'object' && settings.sampleInputs ? settings.sampleInputs : {},
    jsonFiles: sanitizeJsonFiles(settings.jsonFiles),
    workspaceFolders,
  };
  service.configure(next);
  for (const document of documents.all()) await loadSampleInputs(document.uri);
  validateAll();
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings come from user files: drop anything that is not a known severity rather than fail. */
function sanitizeChecks(checks: unknown): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (!checks || typeof checks !== 'object') return out;
  for (const [code, value] of Object.entries(checks)) {
    if (typeof value === 'string' && SEVERITIES.has(value)) out[code] = value as SeveritySetting;
    else connection.console.warn(`gtTemplates.checks.${code}: "${String(value)}" is not one of error, warning, information, hint, off; ignored.`);
  }
  return out;
}

const JSON_FILE_KINDS = [...Object.keys(JSON_SHAPES), NOT_RECOGNISED].join(', ');

/** `gtTemplates.jsonFiles` values must name a shape the service knows, or `none`. */
function sanitizeJsonFiles(jsonFiles: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!jsonFiles || typeof jsonFiles !== 'object') return out;
  for (const [glob, value] of Object.entries(jsonFiles)) {
    if (typeof value === 'string' && (value === NOT_RECOGNISED || isShapeId(value))) out[glob] = value;
    else connection.console.warn(`gtTemplates.jsonFiles["${glob}"]: "${String(value)}" is not one of ${JSON_FILE_KINDS}; ignored.`);
  }
  return out;
}

connection.onDidChangeConfiguration(() => void refreshSettings());

// Documents ---------------------------------------------------------------------------------

/** Templates whose sample inputs are still being read: validating them now would publish findings that the input is about to change. */
const loading = new Map<string, Promise<void>>();

documents.onDidOpen(async ({ document }) => {
  service.setDocument(document);
  const load = loadSampleInputs(document.uri);
  loading.set(document.uri, load);
  await load;
  if (loading.get(document.uri) === load) loading.delete(document.uri);
  schedule(document.uri);
});

documents.onDidChangeContent(({ document }) => {
  service.setDocument(document);
  schedule(document.uri);
  for (const uri of service.templatesUsingSample(document.uri)) schedule(uri);
});

documents.onDidClose(async ({ document }) => {
  const dependents = service.templatesUsingSample(document.uri);
  loading.delete(document.uri);
  clearTimeout(timers.get(document.uri));
  timers.delete(document.uri);
  costs.delete(document.uri);
  validatedAt.delete(document.uri);
  prepared.delete(document.uri);
  service.removeDocument(document.uri);
  connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  // A file closed in the editor is still on disk: read it back for the templates using it as their sample input, and for the index.
  if (dependents.length) await loadFromDisk(document.uri);
  else if (indexable(document.uri)) await indexFile(document.uri);
  for (const uri of dependents) schedule(uri);
  revalidateOutdated();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    if (documents.get(change.uri)) continue;
    const dependents = service.templatesUsingSample(change.uri);
    if (change.type === FileChangeType.Deleted) service.removeDocument(change.uri);
    else if (dependents.length || service.getDocument(change.uri)) await loadFromDisk(change.uri);
    else if (indexable(change.uri)) await indexFile(change.uri);
    for (const uri of [...dependents, ...service.templatesUsingSample(change.uri)]) schedule(uri);
  }
  revalidateOutdated();
});

/** Reads the candidate sample inputs of a template that the editor does not have open. */
async function loadSampleInputs(uri: string): Promise<void> {
  if (!service.isTemplate(uri)) return;
  for (const candidate of service.sampleInputCandidates(uri)) {
    if (documents.get(candidate) || service.getDocument(candidate)) continue;
    await loadFromDisk(candidate);
  }
}

const MAX_DISK_FILE = 10 * 1024 * 1024;

function languageOf(uri: string): string {
  if (/\.jsonc?$/i.test(uri)) return 'json';
  return /\.liquid$/i.test(uri) ? 'gt-liquid' : 'html';
}

/** Reads a file the editor has not opened into the service; false when it is missing, too large or binary. */
async function loadFromDisk(uri: string, maxBytes = MAX_DISK_FILE): Promise<boolean> {
  if (!uri.startsWith('file:')) return false;
  try {
    const path = fileURLToPath(uri);
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > maxBytes) return false;
    const buffer = await fs.readFile(path);
    if (buffer.includes(0)) return false;
    // The editor may have opened it while it was being read: its text wins.
    if (documents.get(uri)) return true;
    const previous = service.getDocument(uri);
    service.setDocument(TextDocument.create(uri, languageOf(uri), (previous?.version ?? 0) + 1, buffer.toString('utf8')));
    return true;
  } catch {
    // Missing candidates are the normal case: most templates have no sample input.
    if (service.getDocument(uri) && !documents.get(uri)) service.removeDocument(uri);
    return false;
  }
}

// Workspace index ---------------------------------------------------------------------------

const INDEXED = /\.(json|liquid\.html|liquid|html|htm)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'build', 'coverage']);
/** Workspaces larger than this are indexed in part: cross-file checks then see the first files found. */
const MAX_INDEXED_FILES = 5000;
/** Policies, requests and templates are small; larger JSON is data, not configuration. */
const MAX_INDEXED_BYTES = 2 * 1024 * 1024;
/** Files read between two turns of the event loop, so requests are answered while indexing. */
const INDEX_BATCH = 20;

function indexable(uri: string): boolean {
  return INDEXED.test(uri) && workspaceFolders.some((folder) => uri.startsWith(folder + '/'));
}

/** Reads one file into the index and works out its facts; files that are none of ours are dropped again. */
async function indexFile(uri: string): Promise<void> {
  if (!(await loadFromDisk(uri, MAX_INDEXED_BYTES)) || documents.get(uri)) return;
  if (!service.isRelevant(uri)) service.removeDocument(uri);
  else service.prepareFacts(uri);
}

async function listFiles(folder: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= MAX_INDEXED_FILES) return;
    const full = nodePath.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await listFiles(full, out);
    } else if (entry.isFile() && INDEXED.test(entry.name)) out.push(pathToFileURL(full).href);
  }
}

async function indexWorkspace(folders: string[]): Promise<void> {
  const files: string[] = [];
  for (const folder of folders) {
    if (folder.startsWith('file:')) await listFiles(fileURLToPath(folder), files);
  }
  const start = performance.now();
  for (let i = 0; i < files.length; i++) {
    if (!documents.get(files[i]) && !service.getDocument(files[i])) await indexFile(files[i]);
    if (i % INDEX_BATCH === INDEX_BATCH - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      revalidateOutdated();
    }
  }
  revalidateOutdated();
  const partial = files.length >= MAX_INDEXED_FILES ? ` (the first ${MAX_INDEXED_FILES}; cross-file checks do not see the rest)` : '';
  connection.console.info(`Workspace indexed: ${files.length} templates and JSON files read in ${Math.round(performance.now() - start)} ms${partial}.`);
}

// Validation --------------------------------------------------------------------------------

const timers = new Map<string, NodeJS.Timeout>();
/** The workspace epoch each open document was last validated at: older ones miss cross-file changes. */
const validatedAt = new Map<string, number>();
/** Open documents whose completion and hover have been prepared ahead of the first request. */
const prepared = new Set<string>();
/** How long each document's last validation took. */
const costs = new Map<string, number>();
/** The longest a document waits for validation after an edit. */
const MAX_DELAY_MS = 150;

/**
 * Coalesces validation: a burst of edits validates each document once, at its latest version.
 * A document that validates in a few milliseconds is validated at once; one that takes longer
 * waits half as long as its last validation took, so keys typed in between are not each
 * followed by a full validation that would delay the next key.
 */
function schedule(uri: string): void {
  clearTimeout(timers.get(uri));
  const delay = Math.min(MAX_DELAY_MS, (costs.get(uri) ?? 0) / 2);
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      validate(uri);
    }, delay),
  );
}

function validateAll(): void {
  for (const document of documents.all()) schedule(document.uri);
}

function validate(uri: string): void {
  const document = documents.get(uri);
  if (!document || loading.has(uri)) return;
  const start = performance.now();
  try {
    const diagnostics = service.diagnostics(uri);
    costs.set(uri, performance.now() - start);
    if (!prepared.has(uri)) {
      prepared.add(uri);
      // Once per opened document, before its first diagnostics: a request sent on seeing them does not wait for it.
      isolated('Preparing completion', (u: string) => service.prepareFeatures(u), undefined)(uri);
    }
    connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  } catch (error) {
    connection.console.error(`Validation of ${uri} failed: ${describe(error)}`);
  }
  // Also after a failure: the document is not validated again until something changes.
  validatedAt.set(uri, service.workspaceEpoch());
  revalidateOutdated();
}

/**
 * Validates again the open documents checked before some file's cross-file facts changed, and
 * those whose findings point at places in other files that moved (an edit above a fact moves it
 * without changing it, and changes nothing else).
 */
function revalidateOutdated(): void {
  const epoch = service.workspaceEpoch();
  for (const document of documents.all()) {
    if (timers.has(document.uri)) continue;
    if ((validatedAt.get(document.uri) ?? -1) < epoch || service.relatedMoved(document.uri)) schedule(document.uri);
  }
}

// Requests ----------------------------------------------------------------------------------

/** Runs a request handler so that an exception becomes a logged, empty answer. */
function isolated<P, R>(name: string, handler: (params: P) => R, fallback: R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${describe(error)}`);
      return fallback;
    }
  };
}

connection.onCompletion(isolated('Completion', (p) => service.completions(p.textDocument.uri, p.position), null));
connection.onHover(isolated('Hover', (p) => service.hover(p.textDocument.uri, p.position), null));
connection.onCodeAction(isolated('Code actions', (p) => service.codeActions(p.textDocument.uri, p.range, p.context.diagnostics), []));

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

documents.listen(connection);
connection.listen();
