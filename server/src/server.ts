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
import {
  CodeActionKind,
  Diagnostic,
  DidChangeConfigurationNotification,
  ErrorCodes,
  FileChangeType,
  InitializeError,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from './editorDocument';
import { URI } from 'vscode-uri';
import { TextRead, readTextFile, realPathInside } from './disk';
import { BUNDLED_IAM_DATA, iamDataFrom } from './iamData';
import { clampRange } from './service/features/positions';
import { DEFAULT_SETTINGS, LanguageService, ServiceOptions, createLanguageService } from './service/languageService';
import { readSettings } from './service/settings';
import { canonicalFolder, canonicalUri, fileUri, fsPath } from './service/util/uri';
import { MAX_CONFIGURATION_BYTES, isSkippedFolder, isWorkspaceFile, isWorkspaceFileName, languageOfFileName } from './service/workspace/files';
import { warmUp as warmUpService } from './warmUp';
import { Traffic } from './traffic';
import { validationDelay } from './validationDelay';
import { startWatchdog } from './watchdog';
import { ALIVE_REQUEST, CLIENT_WATCHDOG, type ServerProcessInfo, WATCHDOG_MS } from './launch';

export interface InitializationOptions {
  docsBaseUri?: string;
  hostHtmlLanguages?: string[];
  /** `CLIENT_WATCHDOG` when the client ends a server that stops answering (`launch.ts`). */
  watchdog?: string;
  /**
   * Validations that take at least this many milliseconds are logged, with their turns and the
   * requests answered during them (`SLOW_VALIDATION_MS` unless given; 0 logs every one: the LSP
   * tests read the log for what happened during a validation, however fast it was).
   */
  logValidationsFromMs?: number;
}

/** What shows the connection busy, for the validation to step aside (`traffic.ts`): each message dispatched, and bytes arriving. */
const traffic = new Traffic();
const connection = createConnection(ProposedFeatures.all, {
  messageStrategy: {
    handleMessage(message, handle) {
      traffic.note();
      return handle(message);
    },
  },
});
/**
 * Every URI entering the service is in VS Code's spelling (`canonicalUri`), so a file open in the
 * editor, read from disk and named in settings is one document. A client that spells a URI
 * otherwise gets its diagnostics under its own spelling.
 */
const clientUris = new Map<string, string>();
const documents = new TextDocuments<EditorDocument>({
  create: (uri, languageId, version, text) => {
    const canonical = canonicalUri(uri);
    clientUris.set(canonical, uri);
    return new EditorDocument(canonical, languageId, version, text);
  },
  // An edit whose range lies past the end of the document corrupts the incremental line index
  // (as in vscode-languageserver-textdocument, whose behaviour `EditorDocument` keeps: a range on
  // line 77 of a 29-line document leaves it 78 lines, and NaN positions after). Clamped as LSP
  // reads such ranges, one change at a time, since each applies to the text the one before it left.
  update: (document, changes, version) => {
    for (const change of changes) document.update(['range' in change ? { ...change, range: clampRange(document, change.range) } : change], version);
    return document;
  },
});

/** The document the editor has open under `uri` (canonical). */
function openDocument(uri: string): TextDocument | undefined {
  return documents.get(clientUris.get(uri) ?? uri);
}

/** LSP's `integer`: a version outside it (a client may count past it) is left out rather than sent as a number the client rejects. */
const MAX_INTEGER = 2 ** 31 - 1;

function publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
  const inRange = version !== undefined && Number.isInteger(version) && version >= -MAX_INTEGER - 1 && version <= MAX_INTEGER;
  connection.sendDiagnostics({ uri: clientUris.get(uri) ?? uri, version: inRange ? version : undefined, diagnostics });
}

/**
 * Where the server is in LSP's lifecycle. vscode-languageserver answers requests whenever they
 * come; LSP answers them only between `initialize` and `shutdown`, and a client (or a test)
 * relies on those errors to know the server's state.
 */
let lifecycle: 'starting' | 'running' | 'shut down' = 'starting';

function refusal(): ResponseError<void> | undefined {
  if (lifecycle === 'starting') return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.');
  if (lifecycle === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down: only exit is accepted.');
  return undefined;
}
let service: LanguageService = createLanguageService();
let serviceOptions: ServiceOptions = {};
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
let followsWorkspaceFolders = false;

connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
  if (lifecycle !== 'starting') return new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.', { retry: false });
  lifecycle = 'running';
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  serviceOptions = {
    docsBaseUri: options.docsBaseUri,
    hostHtmlLanguages: options.hostHtmlLanguages,
    iamData: iamDataFrom(BUNDLED_IAM_DATA),
  };
  service = createLanguageService(serviceOptions);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => canonicalFolder(f.uri));
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [canonicalFolder(params.rootUri)];
  service.configure({ ...DEFAULT_SETTINGS, workspaceFolders });
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  followsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  if (typeof options.logValidationsFromMs === 'number' && options.logValidationsFromMs >= 0) logValidationsFromMs = options.logValidationsFromMs;
  const watch = watchdog(options.watchdog === CLIENT_WATCHDOG);
  warmUp();
  return {
    capabilities: {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['|', '.', ' ', '<', '"', "'", '%', '{', ':'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    },
    serverInfo: { name: 'gtlint-language-server' },
    gtTemplates: watch,
  };
});

/**
 * Who ends this process should its main thread stop turning (`launch.ts`, docs/decisions/0010):
 * the client, when it says it watches (it is then told the process id and pings
 * `ALIVE_REQUEST`), or else a worker thread of the server's own. Nobody under a debugger, where a
 * breakpoint stops the main thread on purpose.
 */
function watchdog(clientWatches: boolean): ServerProcessInfo {
  if (process.execArgv.some((arg) => arg.startsWith('--inspect'))) return {};
  if (clientWatches) return { processId: process.pid };
  startWatchdog(
    WATCHDOG_MS,
    `gtlint-language-server: busy for over ${WATCHDOG_MS / 1000} s without answering; exiting so that the editor starts a fresh server.`,
  );
  return {};
}

// Answered from the main thread between any two steps of a validation: the client's watchdog.
connection.onRequest(ALIVE_REQUEST, () => ({}));

connection.onInitialized(
  isolatedAsync('Initialization', async () => {
    // Before any await: a folder change sent right after initialization must find its handler.
    if (followsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        isolatedAsync('Changing workspace folders', (event) => changeWorkspaceFolders(event.added, event.removed)),
      );
    }
    if (canPullConfiguration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'gtTemplates' });
      await refreshSettings();
    }
    await indexWorkspace(workspaceFolders);
  }),
);

/**
 * Runs the service's code once on small documents of its own (`warmUp.ts`: a template, a policy
 * and a stack) before the editor's first document: about 55 ms on a cold process, which the
 * first file opened would otherwise spend several times over in code that V8 has not compiled
 * yet, as would the first completion and hover of each kind of file. A failure there is logged
 * and changes nothing.
 *
 * Before the answer to `initialize`: a client sends its open documents right after that answer,
 * and run at `initialized` the warm-up held them up (the first diagnostics of a 100 KB template
 * waited about 70 ms for it). Nothing the user sees waits on the answer itself.
 */
function warmUp(): void {
  const start = performance.now();
  try {
    warmUpService(serviceOptions);
  } catch (error) {
    connection.console.error(`Warming up failed: ${describe(error)}`);
  }
  connection.console.log(`Warmed up in ${Math.round(performance.now() - start)} ms.`);
}

/** Folders added to or removed from the workspace: settings resolve against the new list, and the index follows. */
async function changeWorkspaceFolders(added: { uri: string }[], removed: { uri: string }[]): Promise<void> {
  const gone = removed.map((f) => canonicalFolder(f.uri));
  const fresh = added.map((f) => canonicalFolder(f.uri));
  workspaceFolders = [...workspaceFolders.filter((f) => !gone.includes(f)), ...fresh.filter((f) => !workspaceFolders.includes(f))];
  service.configure({ ...service.getSettings(), workspaceFolders });
  for (const document of service.allDocuments()) {
    if (!openDocument(document.uri) && gone.some((folder) => document.uri.startsWith(folder + '/'))) service.removeDocument(document.uri);
  }
  await indexWorkspace(fresh);
  validateAll();
}

async function refreshSettings(): Promise<void> {
  let section: unknown = {};
  if (canPullConfiguration) {
    try {
      section = await connection.workspace.getConfiguration('gtTemplates');
    } catch (error) {
      connection.console.warn(`Could not read the gtTemplates settings; using defaults (${describe(error)}).`);
    }
  }
  service.configure({ ...readSettings(section, (message) => connection.console.warn(message)), workspaceFolders });
  try {
    for (const document of documents.all()) await loadSampleInputs(document.uri);
  } finally {
    validateAll();
  }
}

connection.onDidChangeConfiguration(isolatedAsync('Reading the settings', refreshSettings));

// Documents ---------------------------------------------------------------------------------

/** Templates whose sample inputs are still being read: validating them now would publish findings that the input is about to change. */
const loading = new Map<string, Promise<void>>();

documents.onDidOpen(
  isolatedAsync('Opening a document', async ({ document }) => {
    // Validated next: its facts are worked out there, from the tree parsed a step at a time.
    service.setDocument(document, { validateNext: true });
    const load = loadSampleInputs(document.uri);
    loading.set(document.uri, load);
    try {
      await load;
    } finally {
      // Validated even when its sample input could not be read: never left waiting.
      if (loading.get(document.uri) === load) loading.delete(document.uri);
      schedule(document.uri);
    }
  }),
);

documents.onDidChangeContent(({ document }) => {
  service.setDocument(document, { validateNext: true });
  schedule(document.uri, 0, true);
  for (const uri of service.templatesUsingSample(document.uri)) schedule(uri);
});

documents.onDidClose(
  isolatedAsync('Closing a document', async ({ document }) => {
    const dependents = service.templatesUsingSample(document.uri);
    loading.delete(document.uri);
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    costs.delete(document.uri);
    changedAt.delete(document.uri);
    prepared.delete(document.uri);
    published.delete(document.uri);
    publish(document.uri, []);
    clientUris.delete(document.uri);
    // A file closed in the editor is still on disk, for the templates using it as their sample input
    // and for the index. What the editor had stays until it is read back, in the background.
    if (dependents.length || indexable(document.uri)) queueReread(document.uri);
    else service.removeDocument(document.uri);
  }),
);

/** Files closed in the editor, to be read back from disk. */
const rereads = new Set<string>();
let rereading = false;
let rereadTimer: NodeJS.Timeout | undefined;
let lastClose = 0;
/** Rereading starts this long after the last close, so that the requests sent after "Close All" come first. */
const REREAD_DELAY_MS = 100;

/**
 * Reads closed files back one at a time, each read a turn of the event loop apart, after a burst
 * of closes has ended: closing hundreds of editors at once leaves requests answered in between.
 * The text the editor had is usually what is on disk: until then the file keeps its facts, and
 * others keep their findings.
 */
function queueReread(uri: string): void {
  rereads.add(uri);
  lastClose = performance.now();
  if (!rereading && !rereadTimer) rereadTimer = setTimeout(startRereading, REREAD_DELAY_MS);
}

function startRereading(): void {
  const wait = lastClose + REREAD_DELAY_MS - performance.now();
  // Closes are still coming: wait for the burst to end (re-arming a timer per close costs more).
  if (wait > 1) {
    rereadTimer = setTimeout(startRereading, wait);
    return;
  }
  rereadTimer = undefined;
  rereading = true;
  void (async () => {
    try {
      for (let next = first(rereads); next !== undefined; next = first(rereads)) {
        rereads.delete(next);
        await reread(next).catch((error: unknown) => connection.console.error(`Reading ${next} back failed: ${describe(error)}`));
      }
    } finally {
      rereading = false;
      if (rereads.size) rereadTimer = setTimeout(startRereading, REREAD_DELAY_MS);
    }
  })();
}

function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}

async function reread(uri: string): Promise<void> {
  if (openDocument(uri)) return;
  const dependents = service.templatesUsingSample(uri);
  if (dependents.length) await loadFromDisk(uri);
  else await indexFile(uri);
  for (const template of dependents) schedule(template);
  requestRevalidation();
}

connection.onDidChangeWatchedFiles(
  isolatedAsync('Reading changed files', async ({ changes }) => {
    for (const change of changes) {
      const uri = canonicalUri(change.uri);
      if (openDocument(uri)) continue;
      const dependents = service.templatesUsingSample(uri);
      if (change.type === FileChangeType.Deleted) service.removeDocument(uri);
      else if (dependents.length || service.getDocument(uri)) await loadFromDisk(uri);
      else if (indexable(uri)) await indexFile(uri);
      for (const template of [...dependents, ...service.templatesUsingSample(uri)]) schedule(template);
    }
    requestRevalidation();
  }),
);

/** Reads the candidate sample inputs of a template that the editor does not have open. */
async function loadSampleInputs(uri: string): Promise<void> {
  if (!service.isTemplate(uri)) return;
  for (const candidate of service.sampleInputCandidates(uri)) {
    if (openDocument(candidate) || service.getDocument(candidate)) continue;
    await loadFromDisk(candidate);
  }
}

const MAX_DISK_FILE = 10 * 1024 * 1024;

/** Reads a file the editor has not opened into the service; false when it is missing, too large, binary or not really in its folder. */
async function loadFromDisk(uri: string, maxBytes = MAX_DISK_FILE): Promise<boolean> {
  const read = uri.startsWith('file:') ? await readFromDisk(uri, maxBytes) : undefined;
  // The editor may have opened it while it was being read: its text wins.
  if (openDocument(uri)) return true;
  if (read?.kind !== 'text') {
    // Missing candidates are the normal case: most templates have no sample input.
    if (service.getDocument(uri)) service.removeDocument(uri);
    return false;
  }
  const previous = service.getDocument(uri);
  service.setDocument(new EditorDocument(uri, languageOfFileName(uri) ?? 'html', (previous?.version ?? 0) + 1, read.text));
  return true;
}

/** A file inside a workspace folder is read only when its real path is inside too: a committed symbolic link must not lead the server out. */
async function readFromDisk(uri: string, maxBytes: number): Promise<TextRead | undefined> {
  const folder = service.folderOf(uri);
  const path = folder ? await realPathInside(fsPath(folder), fsPath(uri)) : fsPath(uri);
  return path === undefined ? undefined : readTextFile(path, maxBytes);
}

// Workspace index ---------------------------------------------------------------------------

/** Workspaces larger than this are indexed in part: cross-file checks then see the first files found. */
const MAX_INDEXED_FILES = 5000;
/** Files read between two turns of the event loop, so requests are answered while indexing. */
const INDEX_BATCH = 20;

function indexable(uri: string): boolean {
  const folder = service.folderOf(uri);
  return !!folder && isWorkspaceFile(decodeURIComponent(uri.slice(folder.length + 1)));
}

/** Turns the workspace index gave requests while it parsed files (`indexFile`), for its log line. */
let indexTurns = 0;

/** Reads one file into the index and works out its facts; files that are none of ours are dropped again. */
async function indexFile(uri: string): Promise<void> {
  const folder = service.folderOf(uri);
  // Templates that large are not written by hand either; the index keeps only small files in memory.
  if (!(await loadFromDisk(uri, MAX_CONFIGURATION_BYTES)) || openDocument(uri)) return;
  const read = service.getDocument(uri);
  // A stack or a policy is parsed in slices, between requests, as its validation would parse it.
  try {
    const tally = { busy: 0, turns: 0 };
    await inTurns(service.prepareSteps(uri), () => service.getDocument(uri) === read, tally);
    indexTurns += tally.turns;
  } catch (error) {
    // What a validation of it would report; `isRelevant` below reads it again in one call.
    connection.console.error(`Reading ${service.displayPath(uri)} for the workspace index failed: ${describe(error)}`);
  }
  // Opened in the editor, or read again, meanwhile: that text is the one indexed.
  if (openDocument(uri) || service.getDocument(uri) !== read) return;
  // Its folder removed while it was read (the removal is handled meanwhile, as any message): it
  // stays out, or a removed folder's workteams would answer for templates again.
  if (!service.isRelevant(uri) || (folder && !service.folderOf(uri))) service.removeDocument(uri);
  else service.prepareFacts(uri);
}

/**
 * Runs `steps` to their end, giving the event loop turns (and the requests waiting, `traffic.ts`)
 * every `SLICE_MS` of work: a validation, and the index's parse of a file. Stops early (undefined)
 * once `wanted` says the work is moot. `tally` adds up the time worked and the turns given, also
 * when a step throws.
 */
async function inTurns<T>(steps: Generator<void, T>, wanted: () => boolean, tally: { busy: number; turns: number }): Promise<T | undefined> {
  let slice = performance.now();
  for (;;) {
    const next = steps.next();
    const now = performance.now();
    if (next.done) {
      tally.busy += now - slice;
      return next.value;
    }
    if (now - slice < SLICE_MS) continue;
    tally.busy += now - slice;
    tally.turns++;
    await traffic.turns();
    if (!wanted()) return undefined;
    slice = performance.now();
  }
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
      if (!isSkippedFolder(entry.name)) await listFiles(full, out);
    } else if (entry.isFile() && isWorkspaceFileName(entry.name)) out.push(fileUri(full));
  }
}

async function indexWorkspace(folders: string[]): Promise<void> {
  const files: string[] = [];
  for (const folder of folders) {
    const parsed = URI.parse(folder);
    if (parsed.scheme === 'file') await listFiles(parsed.fsPath, files);
  }
  const start = performance.now();
  const turnsBefore = indexTurns;
  for (let i = 0; i < files.length; i++) {
    const uri = files[i];
    // Listed from a folder removed since (`indexFile` drops one whose folder goes while it is read).
    if (!service.folderOf(uri)) continue;
    if (!openDocument(uri) && !service.getDocument(uri)) await indexFile(uri);
    if (i % INDEX_BATCH === INDEX_BATCH - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      requestRevalidation();
    }
  }
  requestRevalidation();
  const partial = files.length >= MAX_INDEXED_FILES ? ` (the first ${MAX_INDEXED_FILES}; cross-file checks do not see the rest)` : '';
  const turns = indexTurns - turnsBefore;
  connection.console.info(
    `Workspace indexed: ${files.length} templates and JSON files read in ${Math.round(performance.now() - start)} ms${partial}; their parses gave requests ${turns} turn${turns === 1 ? '' : 's'}.`,
  );
}

// Validation --------------------------------------------------------------------------------

const timers = new Map<string, NodeJS.Timeout>();
/** Open documents whose completion and hover have been prepared ahead of the first request. */
const prepared = new Set<string>();
/** How long each document's validation took, at the last version validated. */
const costs = new Map<string, { version: number; ms: number }>();
/**
 * The diagnostics last published for each open document, as sent: validating a version again
 * (after a settings read that changed nothing, or for a change in another file that left its
 * findings as they were) does not send them again.
 */
const published = new Map<string, { version: number; sent: string }>();
/** When each open document last changed (`performance.now()`): a key after a pause is validated at once. */
const changedAt = new Map<string, number>();

/**
 * Coalesces validation: a burst of edits validates each document once, at its latest version
 * (`validationDelay`: inside a burst a costly document waits half what its last validation
 * took; a key after a pause is validated at once). `change`: the call is for an edit of this
 * very document. `floor` makes it wait at least that long (a change in another file, which may
 * be followed by more).
 */
function schedule(uri: string, floor = 0, change = false): void {
  clearTimeout(timers.get(uri));
  let sinceChange: number | undefined;
  if (change) {
    const now = performance.now();
    const last = changedAt.get(uri);
    sinceChange = last === undefined ? undefined : now - last;
    changedAt.set(uri, now);
  }
  // Another file's change, a sample input read: as inside a burst.
  const delay = validationDelay(costs.get(uri)?.ms, change ? sinceChange : 0, floor);
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

/**
 * A validation gives the event loop a turn once it has run this long, so that requests sent
 * meanwhile are answered between two of its steps rather than after all of them. It gives more
 * turns while the connection is busy (`traffic.ts`): a request is read, handled and answered
 * before the next slice, so it waits for the slice it arrived in. A turn costs microseconds.
 */
const SLICE_MS = 2;
/** A validation that takes this long is logged (the editor's output channel for the server), with the requests answered during it. */
const SLOW_VALIDATION_MS = 100;
/** `InitializationOptions.logValidationsFromMs`. */
let logValidationsFromMs = SLOW_VALIDATION_MS;
/** Requests answered so far: a validation's log line says how many were answered while it ran. */
let answered = 0;
/** What the first requests in a document need, worked out ahead of them (`validateInTurns`). */
function prepareFeatures(uri: string): void {
  isolated('Preparing completion', (u: string) => service.prepareFeatures(u), undefined)(uri);
  // Requests and edits find offsets through the document's line index, built on first use and
  // kept up to date after: built now, not under the first request.
  void openDocument(uri)?.lineCount;
}

/** Documents due for validation, validated one at a time in this order. */
const due = new Set<string>();
let validating = false;

function validate(uri: string): void {
  due.add(uri);
  if (validating) return;
  validating = true;
  void (async () => {
    try {
      for (let next = first(due); next !== undefined; next = first(due)) {
        due.delete(next);
        // A failure outside the checks (publishing, scheduling) is logged; the queue goes on.
        await validateInTurns(next).catch((error: unknown) => connection.console.error(`Validation of ${next} failed: ${describe(error)}`));
      }
    } finally {
      validating = false;
    }
  })();
}

/**
 * Runs the checks of one document a step at a time (`diagnosticsSteps`), in slices of the event
 * loop: completion and hover, which read a bounded window or a cut of the document, do not wait
 * for the validation of a large file. A run overtaken by an edit is abandoned: the edit has
 * scheduled the next one.
 */
async function validateInTurns(uri: string): Promise<void> {
  const document = openDocument(uri);
  if (!document || loading.has(uri)) return;
  const version = document.version;
  let diagnostics: Diagnostic[] | undefined;
  const tally = { busy: 0, turns: 0 };
  const answeredBefore = answered;
  try {
    diagnostics = await inTurns(service.diagnosticsSteps(uri), () => true, tally);
  } catch (error) {
    connection.console.error(`Validation of ${uri} failed: ${describe(error)}`);
  }
  const { busy, turns } = tally;
  if (busy >= logValidationsFromMs) {
    const requests = answered - answeredBefore;
    connection.console.log(
      `Validating ${service.displayPath(uri)} (version ${version}) took ${Math.round(busy)} ms in ${turns + 1} turns; ${requests} request${requests === 1 ? ' was' : 's were'} answered in between.${diagnostics ? '' : ' It was overtaken by an edit.'}`,
    );
  }
  if (diagnostics) {
    // What a new version costs: validating one again (for a change in another file) reads
    // what it can from the cache, and its near-nothing would make the next keystroke's
    // validation start at once, under the requests that follow it.
    const last = costs.get(uri);
    if (!last || last.version !== version) costs.set(uri, { version, ms: busy });
    // Once per opened document, what its first requests need (`prepareFeatures`). A template's
    // (the cursor's window) before its first diagnostics, so that a request sent on seeing them
    // does not wait for it; a JSON file's (under 10 ms) after, so that it does not hold them back:
    // vscode-jsonrpc writes them in an immediate of its own, queued by `publish`, and a request
    // read after that is handled after the preparation.
    const prepare = !prepared.has(uri);
    prepared.add(uri);
    const early = prepare && service.isTemplate(uri);
    if (early) prepareFeatures(uri);
    const sent = JSON.stringify(diagnostics);
    const previous = published.get(uri);
    if (openDocument(uri) && (previous?.version !== version || previous.sent !== sent)) {
      published.set(uri, { version, sent });
      publish(uri, diagnostics, version);
    }
    if (prepare && !early) setImmediate(() => openDocument(uri) && prepareFeatures(uri));
    // Its cross-file facts, which only other documents' checks read: after its diagnostics.
    try {
      await inTurns(service.factsSteps(uri), () => openDocument(uri)?.version === version, { busy: 0, turns: 0 });
    } catch (error) {
      connection.console.error(`Reading the cross-file facts of ${uri} failed: ${describe(error)}`);
    }
  }
  // Validating this document may have changed its cross-file facts, which others read.
  requestRevalidation();
}

/** A document revalidated for a change in another file waits this long, so that a stream of such changes validates it once. */
const CROSS_FILE_DELAY_MS = 100;
let revalidationRequested = false;
/** The service's `crossFileVersion` at the last revalidation pass: while it stays, no document can be out of date. */
let revalidatedAt = '';

/**
 * Asks for one pass, after the work in progress, over the open documents whose cross-file
 * findings are out of date (a kind of fact their checks read changed, or a place they point at
 * moved). Requests made meanwhile share the pass, and a pass finds nothing to do unless some
 * file's facts changed since the last one: the cost of opening, editing or closing one document
 * does not grow with the number of documents open.
 */
function requestRevalidation(): void {
  if (revalidationRequested) return;
  revalidationRequested = true;
  setImmediate(() => {
    revalidationRequested = false;
    const version = service.crossFileVersion();
    if (version === revalidatedAt) return;
    revalidatedAt = version;
    for (const document of documents.all()) {
      if (!timers.has(document.uri) && service.crossFileOutdated(document.uri)) schedule(document.uri, CROSS_FILE_DELAY_MS);
    }
  });
}

// Requests ----------------------------------------------------------------------------------

/** Runs a handler so that an exception becomes a logged, empty answer. */
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

/** A request handler: refused outside the lifecycle, else isolated. */
function request<P, R>(name: string, handler: (params: P) => R, fallback: R): (params: P) => R | ResponseError<void> {
  const answer = isolated(name, handler, fallback);
  return (params: P) => {
    answered++;
    return refusal() ?? answer(params);
  };
}

connection.onCompletion(request('Completion', (p) => service.completions(canonicalUri(p.textDocument.uri), p.position), null));
connection.onHover(request('Hover', (p) => service.hover(canonicalUri(p.textDocument.uri), p.position), null));
connection.onCodeAction(request('Code actions', (p) => service.codeActions(canonicalUri(p.textDocument.uri), p.range, p.context.diagnostics), []));
connection.onShutdown(() => {
  const refused = refusal();
  if (refused) return refused;
  lifecycle = 'shut down';
});
// Requests the server has no handler for: the lifecycle's error first, as for the others.
connection.onRequest((method) => refusal() ?? new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`));

/**
 * Runs a notification handler so that a failure is logged and the server carries on: a rejected
 * promise nobody awaits would end the process.
 */
function isolatedAsync<P>(name: string, handler: (params: P) => Promise<void>): (params: P) => void {
  return (params: P) => {
    handler(params).catch((error: unknown) => connection.console.error(`${name} failed: ${describe(error)}`));
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

documents.listen(connection);
connection.listen();
// A message is read from the transport a turn before it is dispatched: the transport's own event
// says it came. Listened to once the connection reads (a 'data' listener set earlier would take
// the first messages from it).
if (process.argv.includes('--stdio')) process.stdin.on('data', traffic.note);
else if (process.argv.includes('--node-ipc')) process.on('message', traffic.note);
