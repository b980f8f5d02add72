/**
 * The preview in VS Code: one webview panel per template, beside its editor, driven by a
 * `PreviewController`. This module is the only part of the preview that touches the `vscode`
 * API; rendering, scheduling, the page and its security policy live in modules tests run without it.
 */
import * as vscode from 'vscode';
import { answerFields, documentKind, parseTemplate, readSettings, sampleInputCandidates } from '../../../server/src/api';
import { AwsTemplateRenderer } from './awsRenderer';
import { PreviewController, PreviewResult, RenderSource, systemClock } from './controller';
import { exists, fileAsDataUrl, readText } from './files';
import { WebviewPage, buildWebviewHtml, newNonce } from './html';
import { EMPTY_INPUT, InputChoice, ResolvedInput, chooseSampleInput, parseInputText } from './input';
import { issueRange } from './issues';
import { LocalTemplateRenderer } from './localRenderer';
import { PreviewPolicy, previewPolicy } from './policy';
import { disposePresignClients, renderPresigner } from './presigners';
import { redact } from './redact';
import { AWS_MIN_DEBOUNCE_MS, readPreviewSettings } from './settings';
import { buildTemplateFrame } from './templateFrame';
import type { PreviewIssue, RendererId } from './types';

export const VIEW_TYPE = 'gtTemplates.preview';

export const COMMANDS = {
  open: 'gtTemplates.preview.open',
  refresh: 'gtTemplates.preview.refresh',
  chooseInput: 'gtTemplates.preview.chooseInput',
  switchRenderer: 'gtTemplates.preview.switchRenderer',
  toggleLive: 'gtTemplates.preview.toggleLive',
  configureSecurity: 'gtTemplates.preview.configureSecurity',
} as const;

/** Context key: the active editor holds a worker template (editor title button, palette). */
const IS_TEMPLATE_KEY = 'gtTemplates.isTemplate';

/** What the extension's API tells tests about a render. */
export interface PreviewRenderInfo {
  uri: string;
  /** The document version rendered. */
  version: number;
  seq: number;
  renderer: RendererId;
  /** The input label the panel shows (`task.input.json`, `{}`...). */
  input: string;
  inputUri?: string;
  ok: boolean;
  /** The failure message when `ok` is false. */
  message?: string;
  issues: PreviewIssue[];
  /** Keys of the "Show answer" view; null for an unnamed field. */
  answerKeys: (string | null)[];
  /** The panel's whole HTML, and its Content Security Policy and nonce. */
  html: string;
  csp: string;
  nonce: string;
  /** The rendered template's frame document, as given to `srcdoc`. */
  srcdoc?: string;
  policy: Omit<PreviewPolicy, 'notes'>;
  live: boolean;
}

/** The preview part of the extension's API (used by the extension-host tests). */
export interface PreviewApi {
  /** The HTML of the panel of `uri` (or of the panel rendered last). */
  lastHtml(uri?: vscode.Uri | string): string | undefined;
  lastRender(uri?: vscode.Uri | string): PreviewRenderInfo | undefined;
  /** Fires each time a panel shows a render. */
  onDidRender: vscode.Event<PreviewRenderInfo>;
  /** Opens (or reveals) the preview of a template and resolves with its render. */
  open(uri?: vscode.Uri): Promise<PreviewRenderInfo | undefined>;
  /** Renders a panel now and resolves with the render. */
  refresh(uri?: vscode.Uri): Promise<PreviewRenderInfo | undefined>;
  /** Renders waiting for the debounce plus renders running, for a panel (live mode keeps it at most 2). */
  queued(uri?: vscode.Uri | string): { pending: number; running: number } | undefined;
}

interface Panel {
  key: string;
  uri: vscode.Uri;
  webview: vscode.WebviewPanel;
  controller: PreviewController;
  renderer: RendererId;
  input: InputChoice;
  showAnswer: boolean;
  /** The input file of the last render, to re-render when it changes. */
  inputUri?: string;
  result?: PreviewResult;
  render?: PreviewRenderInfo;
  /** Closed by the user: its webview throws on every access from then on. */
  disposed?: boolean;
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('gtTemplates.preview');
  /** Render errors before those the language server already reports are left out. */
  private readonly renderDiagnostics = new Map<string, vscode.Diagnostic[]>();
  private readonly rendered = new vscode.EventEmitter<PreviewRenderInfo>();
  private readonly log = vscode.window.createOutputChannel('SageMaker Worker Templates: Preview', { log: true });
  private readonly aws = new AwsTemplateRenderer(() => readPreviewSettings().aws);
  private readonly disposables: vscode.Disposable[] = [];
  private lastKey: string | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    const command = (id: string, run: (...args: unknown[]) => unknown) => this.disposables.push(vscode.commands.registerCommand(id, run));
    command(COMMANDS.open, (uri) => this.open(asUri(uri)));
    command(COMMANDS.refresh, (uri) => this.withPanel(uri, (p) => p.controller.refresh()));
    command(COMMANDS.chooseInput, (uri, choice) => this.withPanel(uri, (p) => this.chooseInput(p, choice)));
    command(COMMANDS.switchRenderer, (uri, id) => this.withPanel(uri, (p) => this.switchRenderer(p, id)));
    command(COMMANDS.toggleLive, (uri) => this.withPanel(uri, (p) => this.toggleLive(p)));
    command(COMMANDS.configureSecurity, () => this.configureSecurity());

    this.disposables.push(
      this.diagnostics,
      this.rendered,
      this.log,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        const key = e.document.uri.toString();
        for (const panel of this.panels.values()) if (panel.key === key || panel.inputUri === key) panel.controller.changed();
        if (vscode.window.activeTextEditor?.document === e.document) this.updateContextKey();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('gtTemplates.preview') && !e.affectsConfiguration('gtTemplates.sampleInputs')) return;
        const settings = readPreviewSettings();
        for (const panel of this.panels.values()) {
          if (e.affectsConfiguration('gtTemplates.preview.renderer')) panel.renderer = settings.renderer;
          if (e.affectsConfiguration('gtTemplates.preview.live')) panel.controller.live = settings.live;
          void panel.controller.refresh();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshAll()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) if (this.renderDiagnostics.has(uri.toString())) this.publishDiagnostics(uri);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKey()),
      vscode.languages.registerCodeLensProvider([{ language: 'html' }, { language: 'gt-liquid' }], {
        provideCodeLenses: (document) =>
          readPreviewSettings(document.uri).codeLens && isTemplate(document)
            ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: 'Preview Worker Template', command: COMMANDS.open, arguments: [document.uri] })]
            : [],
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.input.json');
    const inputChanged = (uri: vscode.Uri) => {
      const key = uri.toString();
      for (const panel of this.panels.values()) {
        if (panel.inputUri === key || (panel.input.kind === 'auto' && this.inputCandidates(panel.uri).includes(key))) panel.controller.changed();
      }
    };
    this.disposables.push(watcher, watcher.onDidChange(inputChanged), watcher.onDidCreate(inputChanged), watcher.onDidDelete(inputChanged));
    this.updateContextKey();
  }

  api(): PreviewApi {
    const find = (uri?: vscode.Uri | string) => this.panels.get(uri ? uri.toString() : (this.lastKey ?? ''));
    return {
      lastHtml: (uri) => find(uri)?.render?.html,
      lastRender: (uri) => find(uri)?.render,
      onDidRender: this.rendered.event,
      open: (uri) => this.open(uri),
      refresh: async (uri) => {
        const panel = find(uri);
        if (!panel) return undefined;
        await panel.controller.refresh();
        return panel.render;
      },
      queued: (uri) => {
        const panel = find(uri);
        return panel && { pending: panel.controller.pending, running: panel.controller.running };
      },
    };
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.webview.dispose();
    this.aws.dispose();
    disposePresignClients();
    for (const d of this.disposables) d.dispose();
  }

  // Panels ----------------------------------------------------------------------------------

  private async open(uri: vscode.Uri | undefined): Promise<PreviewRenderInfo | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a worker template to preview it.');
      return undefined;
    }
    const existing = this.panels.get(target.toString());
    if (existing) {
      existing.webview.reveal(undefined, true);
      if (!existing.render) await existing.controller.refresh();
      return this.firstRender(existing);
    }
    const settings = readPreviewSettings(target);
    const webview = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Preview ${basename(target)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')] },
    );
    const panel: Panel = {
      key: target.toString(),
      uri: target,
      webview,
      renderer: settings.renderer,
      input: { kind: 'auto' },
      showAnswer: false,
      controller: undefined as unknown as PreviewController,
    };
    panel.controller = new PreviewController({
      clock: systemClock,
      source: () => this.source(panel),
      show: (result) => this.show(panel, result),
      // A render in flight when the panel closes still ends, and says so.
      busy: (busy) => {
        if (!panel.disposed) void webview.webview.postMessage({ type: 'busy', busy });
      },
      debounceMs: () => {
        const s = readPreviewSettings(panel.uri);
        return this.policy(panel, s).renderer === 'aws' ? Math.max(AWS_MIN_DEBOUNCE_MS, s.debounceMs) : s.debounceMs;
      },
    });
    panel.controller.live = settings.live;
    this.panels.set(panel.key, panel);
    this.lastKey = panel.key;
    webview.webview.html = this.page(panel).html;
    webview.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(panel, message));
    webview.onDidDispose(() => {
      panel.disposed = true;
      panel.controller.dispose();
      this.panels.delete(panel.key);
      this.renderDiagnostics.delete(panel.key);
      this.diagnostics.delete(panel.uri);
    });
    await panel.controller.refresh();
    return this.firstRender(panel);
  }

  /** The panel's render once there is one: a refresh overtaken by a newer render ends before anything is shown. */
  private firstRender(panel: Panel): Promise<PreviewRenderInfo | undefined> {
    if (panel.render) return Promise.resolve(panel.render);
    return new Promise((resolve) => {
      const done = (info: PreviewRenderInfo | undefined) => {
        rendered.dispose();
        closed.dispose();
        resolve(info);
      };
      const rendered = this.rendered.event((info) => info.uri === panel.key && done(info));
      const closed = panel.webview.onDidDispose(() => done(undefined));
    });
  }

  private async withPanel(uri: unknown, action: (panel: Panel) => unknown): Promise<void> {
    const target = asUri(uri)?.toString() ?? this.activePanelKey();
    const panel = target ? this.panels.get(target) : undefined;
    if (!panel) {
      void vscode.window.showInformationMessage('Open the preview of a worker template first (Preview Worker Template).');
      return;
    }
    await action(panel);
  }

  /** The panel in focus, or the preview of the active editor, or the last one rendered. */
  private activePanelKey(): string | undefined {
    for (const panel of this.panels.values()) if (panel.webview.active) return panel.key;
    const editor = vscode.window.activeTextEditor?.document.uri.toString();
    return editor && this.panels.has(editor) ? editor : this.lastKey;
  }

  private refreshAll(): void {
    for (const panel of this.panels.values()) void panel.controller.refresh();
  }

  private policy(panel: Panel, settings = readPreviewSettings(panel.uri)): PreviewPolicy {
    return previewPolicy(vscode.workspace.isTrusted, { ...settings, renderer: panel.renderer });
  }

  // Rendering -------------------------------------------------------------------------------

  private async source(panel: Panel): Promise<RenderSource> {
    const document = await vscode.workspace.openTextDocument(panel.uri);
    const settings = readPreviewSettings(panel.uri);
    const policy = this.policy(panel, settings);
    const input = await this.resolveInput(panel);
    panel.inputUri = input.uri;
    const folder = vscode.workspace.getWorkspaceFolder(panel.uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const renderer =
      policy.renderer === 'aws'
        ? this.aws
        : new LocalTemplateRenderer(() =>
            renderPresigner({
              mapping: settings.s3Files,
              loadFile: (path) => (folder ? fileAsDataUrl(folder, path) : Promise.resolve(undefined)),
              aws: policy.awsPresign ? { profile: settings.aws.profile, region: settings.aws.region } : undefined,
            }),
          );
    return { template: document.getText(), version: document.version, input, renderer };
  }

  private async resolveInput(panel: Panel): Promise<ResolvedInput> {
    const choice = panel.input;
    if (choice.kind === 'empty') return { ...EMPTY_INPUT, label: '{} (chosen)' };
    const read = async (uri: vscode.Uri): Promise<ResolvedInput> => {
      const label = vscode.workspace.asRelativePath(uri, false);
      const text = await readText(uri);
      return text === undefined
        ? { label, uri: uri.toString(), error: `Cannot read the sample input ${label}: choose another input.` }
        : parseInputText(label, text, uri.toString());
    };
    if (choice.kind === 'file') return read(vscode.Uri.parse(choice.uri));
    const candidates = this.inputCandidates(panel.uri);
    const chosen = await chooseSampleInput(candidates, workspaceFolderUris(), (candidate) => exists(vscode.Uri.parse(candidate)));
    if (chosen) return read(vscode.Uri.parse(chosen));
    const expected = basename(vscode.Uri.parse(candidates[candidates.length - 1]));
    return { ...EMPTY_INPUT, label: `{} (no sample input: create ${expected} or choose one)` };
  }

  /**
   * The language server's association, from the same settings read the same way (`readSettings`
   * drops what it would drop) and the same pure function. The server reports a dropped value.
   */
  private inputCandidates(uri: vscode.Uri): string[] {
    const { sampleInputs } = readSettings({ sampleInputs: vscode.workspace.getConfiguration('gtTemplates', uri).get('sampleInputs') }, () => undefined);
    return sampleInputCandidates(uri.toString(), { sampleInputs, workspaceFolders: workspaceFolderUris() });
  }

  private show(panel: Panel, result: PreviewResult): void {
    if (panel.disposed) return;
    panel.result = result;
    this.lastKey = panel.key;
    const page = this.page(panel);
    panel.webview.webview.html = page.html;
    this.updateDiagnostics(panel, result);
    const outcome = result.outcome;
    this.log.info(
      `render #${result.seq} ${result.renderer} ${basename(panel.uri)} v${result.version} (${Math.round(result.elapsedMs)} ms): ` +
        redact(outcome.ok ? `${outcome.issues.length} template error(s)` : outcome.message),
    );
    if (panel.render) this.rendered.fire(panel.render);
  }

  /** Builds the panel's page from its last render (a new nonce every time) and records it for the API. */
  private page(panel: Panel): WebviewPage {
    const policy = this.policy(panel);
    const result = panel.result;
    const nonce = newNonce();
    const parsed = result?.outcome.ok ? parseTemplate(result.outcome.html) : undefined;
    const frame = parsed ? buildTemplateFrame(parsed, { nonce, scripts: policy.scripts }) : undefined;
    const answer = parsed ? answerFields(parsed) : [];
    const webview = panel.webview.webview;
    const page = buildWebviewHtml(
      { templateName: basename(panel.uri), renderer: panel.renderer, live: panel.controller.live, showAnswer: panel.showAnswer, policy, result, frame, answer },
      {
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'preview-webview.js')).toString(),
        nonce,
      },
    );
    if (result) {
      panel.render = {
        uri: panel.key,
        version: result.version,
        seq: result.seq,
        renderer: result.renderer,
        input: result.input.label,
        inputUri: result.input.uri,
        ok: result.outcome.ok,
        message: result.outcome.ok ? undefined : result.outcome.message,
        issues: result.outcome.ok ? result.outcome.issues : [],
        answerKeys: answer.map((f) => f.key ?? null),
        html: page.html,
        csp: page.csp,
        nonce: page.nonce,
        srcdoc: frame?.srcdoc,
        policy: {
          trusted: policy.trusted,
          renderer: policy.renderer,
          scripts: policy.scripts,
          remoteContent: policy.remoteContent,
          awsPresign: policy.awsPresign,
        },
        live: panel.controller.live,
      };
    }
    return page;
  }

  /** Re-shows the last render (after a view toggle), without rendering again. */
  private reshow(panel: Panel): void {
    if (panel.result) this.show(panel, panel.result);
    else panel.webview.webview.html = this.page(panel).html;
  }

  // Diagnostics -----------------------------------------------------------------------------

  private updateDiagnostics(panel: Panel, result: PreviewResult): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === panel.key);
    const issues = result.outcome.ok ? result.outcome.issues : [];
    if (!document || !issues.length) {
      this.renderDiagnostics.delete(panel.key);
      this.diagnostics.delete(panel.uri);
      return;
    }
    const text = document.getText();
    const source = result.renderer === 'aws' ? 'RenderUiTemplate' : 'preview';
    this.renderDiagnostics.set(
      panel.key,
      issues.map((issue) => {
        const { start, end } = issueRange(text, issue);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(start), document.positionAt(end)),
          issue.message,
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.source = source;
        if (issue.code) diagnostic.code = issue.code;
        return diagnostic;
      }),
    );
    this.publishDiagnostics(panel.uri);
  }

  /** Publishes render errors, except where the language server already reports a Liquid syntax error on the same line. */
  private publishDiagnostics(uri: vscode.Uri): void {
    const ours = this.renderDiagnostics.get(uri.toString()) ?? [];
    const syntaxLines = new Set(
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => codeOf(d) === 'liquid-syntax')
        .map((d) => d.range.start.line),
    );
    const kept = ours.filter((d) => !syntaxLines.has(d.range.start.line));
    const current = this.diagnostics.get(uri) ?? [];
    const same = current.length === kept.length && current.every((d, i) => d.message === kept[i].message && d.range.isEqual(kept[i].range));
    if (!same) this.diagnostics.set(uri, kept);
  }

  // Panel actions ---------------------------------------------------------------------------

  private async onMessage(panel: Panel, message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const { command, issue } = message as { command?: unknown; issue?: unknown };
    switch (command) {
      case 'switchRenderer':
        return this.switchRenderer(panel);
      case 'chooseInput':
        return this.chooseInput(panel);
      case 'toggleLive':
        return this.toggleLive(panel);
      case 'refresh':
        return panel.controller.refresh();
      case 'toggleAnswer':
        panel.showAnswer = !panel.showAnswer;
        return this.reshow(panel);
      case 'configureSecurity':
        return this.configureSecurity();
      case 'reveal':
        if (typeof issue === 'number') return this.reveal(panel, issue);
    }
  }

  private async switchRenderer(panel: Panel, requested?: unknown): Promise<void> {
    let id: RendererId | undefined = requested === 'aws' || requested === 'local' ? requested : undefined;
    if (!id) {
      const settings = readPreviewSettings(panel.uri).aws;
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Local', description: 'offline, liquidjs configured like Ground Truth', id: 'local' as const },
          {
            label: 'AWS RenderUiTemplate',
            description: settings.endpoint
              ? `endpoint ${redact(settings.endpoint)}`
              : `${settings.region ?? 'default region'}, profile ${settings.profile ?? 'default'}`,
            detail: vscode.workspace.isTrusted ? undefined : 'Needs a trusted workspace: renders locally in Restricted Mode.',
            id: 'aws' as const,
          },
        ],
        { title: 'Render the preview with' },
      );
      id = picked?.id;
    }
    if (!id) return;
    panel.renderer = id;
    await panel.controller.refresh();
  }

  private async chooseInput(panel: Panel, requested?: unknown): Promise<void> {
    let choice: InputChoice | undefined;
    if (requested === 'auto' || requested === 'empty') choice = { kind: requested };
    else if (requested instanceof vscode.Uri || typeof requested === 'string') choice = { kind: 'file', uri: requested.toString() };
    else {
      const files = await vscode.workspace.findFiles('**/*.input.json', '**/node_modules/**', 500);
      const associated = this.inputCandidates(panel.uri);
      type Item = vscode.QuickPickItem & { choice: InputChoice };
      const items: Item[] = [
        { label: 'Sample input of the template', description: 'the file the checks use', choice: { kind: 'auto' } },
        { label: '{}', description: 'empty task.input', choice: { kind: 'empty' } },
        ...files
          .sort((a, b) => Number(associated.includes(b.toString())) - Number(associated.includes(a.toString())) || a.path.localeCompare(b.path))
          .map((uri) => ({
            label: vscode.workspace.asRelativePath(uri, false),
            description: associated.includes(uri.toString()) ? 'associated' : undefined,
            choice: { kind: 'file' as const, uri: uri.toString() },
          })),
      ];
      choice = (await vscode.window.showQuickPick(items, { title: 'task.input for the preview', matchOnDescription: true }))?.choice;
    }
    if (!choice) return;
    panel.input = choice;
    await panel.controller.refresh();
  }

  private async toggleLive(panel: Panel): Promise<void> {
    panel.controller.live = !panel.controller.live;
    if (panel.controller.live) await panel.controller.refresh();
    else this.reshow(panel);
  }

  private async configureSecurity(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      if (
        (await vscode.window.showInformationMessage(
          'In Restricted Mode the preview renders locally with scripts and remote content off. Trust the workspace to allow more.',
          manage,
        )) === manage
      ) {
        await vscode.commands.executeCommand('workbench.trust.manage');
      }
      return;
    }
    const settings = readPreviewSettings();
    type Item = vscode.QuickPickItem & { key: 'allowScripts' | 'allowRemoteContent' | 'presign' };
    const items: Item[] = [
      {
        key: 'allowScripts',
        label: 'Run template scripts',
        description: 'and load crowd-html-elements from https://assets.crowd.aws',
        picked: settings.allowScripts,
      },
      { key: 'allowRemoteContent', label: 'Load remote content', description: 'https: images, media, styles and fonts', picked: settings.allowRemoteContent },
      {
        key: 'presign',
        label: 'Presign S3 references with my AWS credentials',
        description: 'local renderer; otherwise placeholders',
        picked: settings.presign === 'aws',
      },
    ];
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'What the preview may run and load' });
    if (!picked) return;
    const config = vscode.workspace.getConfiguration('gtTemplates.preview');
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const on = (key: Item['key']) => picked.some((p) => p.key === key);
    await config.update('allowScripts', on('allowScripts'), target);
    await config.update('allowRemoteContent', on('allowRemoteContent'), target);
    await config.update('presign', on('presign') ? 'aws' : 'placeholder', target);
  }

  private async reveal(panel: Panel, index: number): Promise<void> {
    const result = panel.result;
    const issue = result?.outcome.ok ? result.outcome.issues[index] : undefined;
    if (!issue) return;
    const document = await vscode.workspace.openTextDocument(panel.uri);
    const { start, end } = issueRange(document.getText(), issue);
    const selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection });
  }

  private updateContextKey(): void {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', IS_TEMPLATE_KEY, !!document && isTemplate(document));
  }
}

/** The workspace folders as the language server spells them (no trailing slash). */
function workspaceFolderUris(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString().replace(/\/$/, ''));
}

function isTemplate(document: vscode.TextDocument): boolean {
  return documentKind(document.uri.toString(), document.languageId, () => document.getText()) === 'template';
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  return undefined;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function registerPreview(context: vscode.ExtensionContext): PreviewApi {
  const manager = new PreviewManager(context);
  context.subscriptions.push(manager);
  return manager.api();
}
