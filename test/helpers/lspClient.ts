/**
 * A minimal LSP client that drives the real, bundled server process over stdio: used by the
 * protocol tests and by the benchmark, so both see exactly what an editor sees.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { CLIENT_WATCHDOG, SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../server/src/launch';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export interface StartOptions {
  server?: string;
  rootUri?: string;
  initializationOptions?: Record<string, unknown>;
  /**
   * Say, as the extension's client does, that the client watches the server (`launch.ts`), so the
   * server starts without a watchdog thread of its own and the bench measures what the extension
   * runs (default). This client does not ping: each test has its own timeouts.
   */
  clientWatchdog?: boolean;
  /** Answers to workspace/configuration, by section. */
  settings?: Record<string, unknown>;
}

type Waiter = { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspClient {
  /** The server's answer to `initialize`. */
  initializeResult: Record<string, unknown> = {};
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** How many times the server published diagnostics for each URI. */
  readonly publishCounts = new Map<string, number>();
  private waiters: Waiter[] = [];
  readonly logs: string[] = [];
  /** What the server reported as failures: window/logMessage of type Error, and anything on stderr. */
  readonly errors: string[] = [];
  /** How the process ended, once it has. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private logWaiters: { pattern: RegExp; resolve: () => void }[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    private settings: Record<string, unknown>,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      this.publishCounts.set(p.uri, (this.publishCounts.get(p.uri) ?? 0) + 1);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.predicate(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p.message);
      if (p.type === 1) this.errors.push(p.message);
      this.logWaiters = this.logWaiters.filter((w) => {
        if (!w.pattern.test(p.message)) return true;
        w.resolve();
        return false;
      });
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => this.settings[i.section ?? ''] ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    // The flags the extension starts the server with, then GT_SERVER_NODE_ARGS: more for the
    // server's Node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a bench run.
    const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.GT_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
    const child = spawn(process.execPath, [...nodeArgs, options.server ?? SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...SERVER_ENVIRONMENT },
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (d) => {
      client.logs.push(String(d));
      client.errors.push(String(d));
    });
    child.on('exit', (code, signal) => (client.exit = { code, signal }));
    // A server that exits (or is stopped) closes its pipes; that is reported by the requests that fail, not as a crash here.
    child.stdin!.on('error', () => undefined);
    connection.listen();
    const rootUri = options.rootUri ?? null;
    client.initializeResult = await connection.sendRequest<Record<string, unknown>>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      initializationOptions: { ...(options.clientWatchdog === false ? {} : { watchdog: CLIENT_WATCHDOG }), ...options.initializationOptions },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Tells the server that files changed on disk (1 created, 2 changed, 3 deleted), as the editor's file watcher does. */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Adds and removes workspace folders, as the editor does when the user changes the workspace. */
  changeFolders(added: string[], removed: string[]): void {
    const folder = (uri: string) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) });
    void this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: added.map(folder), removed: removed.map(folder) } });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate` (the latest ones, if they already do). */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const current = this.latest.get(uri);
    if (current && predicate(current)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server said:\n${this.logs.join('\n')}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  /** Resolves when the server has logged a message matching `pattern` (at once if it already has). */
  logged(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    if (this.logs.some((l) => pattern.test(l))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not log ${pattern} within ${timeoutMs} ms; it said:\n${this.logs.join('\n')}`)),
        timeoutMs,
      );
      this.logWaiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The last diagnostics published for `uri`, if any. */
  latestFor(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /** Diagnostics for a given document version. */
  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (p) => p.version === version);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Resident set size of the server process, in bytes (Linux). */
  rss(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  }

  /** The server process's peak resident set size so far, in bytes (Linux VmHWM). */
  rssHighWater(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone; it is killed below either way.
    }
    // A server that exits on its own gets to finish (a profile it writes at exit, for one).
    if (this.exit === undefined)
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    this.connection.dispose();
    this.process.kill();
  }
}
