/**
 * The language service: one object that knows the workspace's documents and answers every
 * question the editor, the CLI and the tests ask. It works on `TextDocument`s and returns LSP
 * data types, and knows nothing of the transport, the file system or AWS.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { JSON_CHECKS, TEMPLATE_CHECKS, WORKSPACE_CHECKS, checkMeta } from './checks/registry';
import { IamDataSource, IamReference } from './domain/iamReference';
import { MAX_CHECKED_LENGTH } from './domain/limits';
import type { Check, Finding, Report, Severity, SeveritySetting } from './checks/types';
import { getCodeActions } from './features/codeActions';
import { getTemplateCompletions } from './features/completion';
import { toDiagnostic } from './features/diagnostics';
import { getTemplateHover } from './features/hover';
import { clampPosition, clampRange } from './features/positions';
import { JsonFeatures } from './features/json';
import type { Node as JsonNode } from 'jsonc-parser';
import { JsonDocument, MAX_JSON_LENGTH, parseJson } from './json/document';
import { JsonShapeId, JsonShapeInfo, NOT_RECOGNISED, isShapeId } from './json/kinds';
import { policyStatements } from './json/policies';
import { SampleInput, parseSampleInput } from './sampleInput';
import type { TemplateDocument } from './template/document';
import { prepareCursor } from './template/cursor';
import { parseTemplate, parseTemplateSteps } from './template/parser';
import { type DocumentKind as FileKind, documentKind, sampleInputCandidates } from './templateFiles';
import { basename } from './util/uri';
import { matchesGlob } from './util/glob';
import type { DocumentFacts } from './workspace/facts';
import { Dependencies, WorkspaceIndex } from './workspace/index';
import { CloudFormationDocuments } from './cfn/documents';
import type { CloudFormationTemplate } from './cfn/template';

export interface ServiceSettings {
  /** Severity per check code; 'off' disables it. */
  checks: Record<string, SeveritySetting>;
  /** Template glob (relative to a workspace folder) → sample input path (relative to that folder). */
  sampleInputs: Record<string, string>;
  /**
   * JSON file glob (relative to a workspace folder) → what the file is (`CreateWorkteam`,
   * `Policy`... see `json/kinds.ts`), or `none` to leave matching files alone. Without a match,
   * JSON files are recognised by their content.
   */
  jsonFiles: Record<string, string>;
  /** Workspace folder URIs, for relative settings. */
  workspaceFolders: string[];
}

export interface ServiceOptions {
  /** Base URI of the check documentation (`<base>/<code>.md`), for `codeDescription`. */
  docsBaseUri?: string;
  /**
   * Language ids for which the editor's own HTML support (fed by our custom data) already
   * completes and explains elements and attributes; the service then leaves those out.
   */
  hostHtmlLanguages?: string[];
  /** AWS's list of actions (the server and gtlint read it from disk); without it, policies are not checked against it. */
  iamData?: IamDataSource;
}

/**
 * What templateFiles says, plus `json`: a JSON file the service recognises (a workteam, a
 * policy...), and `cloudformation`: a CloudFormation template, in JSON or YAML; other JSON is `other`.
 */
export type DocumentKind = FileKind | 'json' | 'cloudformation';

/**
 * A template of tens of thousands of unclosed tags would otherwise send as many diagnostics on
 * every keystroke; past this many of one check, the first ones say all there is to say.
 */
export const MAX_FINDINGS_PER_CHECK = 1000;

export const DEFAULT_SETTINGS: ServiceSettings = { checks: {}, sampleInputs: {}, jsonFiles: {}, workspaceFolders: [] };

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

/** Findings computed for one document state, and the key of that state. */
interface Cached<T> {
  key: string;
  value: T;
}

/**
 * How many JSON trees stay parsed: the documents being edited are always among the most recently
 * used; files read from disk for the workspace index are parsed again if a check needs their tree.
 */
const MAX_JSON_TREES = 32;

/** Characters of a template parsed between two steps of its validation (a few milliseconds). */
const PARSE_SLICE = 16_384;

export class LanguageService {
  private settings: ServiceSettings = DEFAULT_SETTINGS;
  private readonly documents = new Map<string, TextDocument>();
  private readonly samples = new Map<string, { version: number; sample: SampleInput }>();
  /** Most recently used last; see `MAX_JSON_TREES`. */
  private readonly jsonParses = new Map<string, { version: number; recognition: number; text: TextDocument; document: JsonDocument }>();
  private readonly kinds = new Map<string, { version: number; recognition: number; languageId: string; document: TextDocument; kind: DocumentKind }>();
  private readonly candidates = new Map<string, { epoch: number; value: string[] }>();
  /**
   * Sample input → the templates that may read it, and template → the candidates it is listed
   * under: `templatesUsingSample` is asked on every keystroke. Built again when settings change,
   * then kept up to date from the documents set or removed since (`unsortedTemplates`).
   */
  private readonly sampleUsers = new Map<string, Set<string>>();
  private readonly sampleReaders = new Map<string, string[]>();
  private readonly unsortedTemplates = new Set<string>();
  private sampleUsersEpoch = -1;
  private readonly localFindings = new Map<string, Cached<Finding[]>>();
  /**
   * With what they were computed from (the kinds of fact their checks read, and when), the other
   * files the findings point at, and the index's move count when they were computed.
   */
  private readonly workspaceFindings = new Map<string, Cached<Finding[]> & { dependencies: Dependencies; pointsAt: string[]; moves: number }>();
  /**
   * The template tree of the findings run in progress: parsed at most once per run, shared by its
   * checks and its cross-file facts, then dropped (a tree kept for every version, or for every
   * indexed template, would only raise the server's memory).
   */
  private run?: { document: TextDocument; version: number; tree?: TemplateDocument };
  /** Changes with any setting: findings depend on severities. */
  private settingsEpoch = 0;
  /** Changes with `jsonFiles` and the workspace folders, which decide what a JSON file is. */
  private recognitionEpoch = 0;
  private readonly index = new WorkspaceIndex(this);
  private readonly json = new JsonFeatures(this);
  private readonly cloudFormation = new CloudFormationDocuments();
  /** Per service, loaded when a check, `prepareFeatures` or a request first needs it. */
  readonly iam?: IamReference;

  constructor(readonly options: ServiceOptions = {}) {
    this.iam = options.iamData && new IamReference(options.iamData);
  }

  /**
   * Takes the settings. The host passes them again on every change of any gtTemplates setting
   * (the preview's too): settings equal to the current ones change nothing, and only a change of
   * what decides recognition makes files be recognised, and their facts worked out, again.
   */
  configure(settings: Partial<ServiceSettings>): void {
    const next = { ...DEFAULT_SETTINGS, ...settings };
    const previous = this.settings;
    if (sameJson(next, previous)) return;
    this.settings = next;
    this.settingsEpoch++;
    if (!sameJson(next.jsonFiles, previous.jsonFiles) || !sameJson(next.workspaceFolders, previous.workspaceFolders)) {
      this.recognitionEpoch++;
      this.index.touchAll();
    }
  }

  getSettings(): ServiceSettings {
    return this.settings;
  }

  // Documents -------------------------------------------------------------------------------

  /** Adds or replaces a document (open in the editor, or read from disk by the host). */
  setDocument(document: TextDocument): void {
    this.documents.set(document.uri, document);
    this.index.touch(document.uri);
    // A JSON file is never a template; one listed as a template may have changed its language.
    if (!isJsonFile(document) || this.sampleReaders.has(document.uri)) this.unsortedTemplates.add(document.uri);
  }

  removeDocument(uri: string): void {
    this.dropWorkedOut(uri);
    this.index.forget(uri);
  }

  /**
   * Drops a document's text and everything worked out from it, but keeps its cross-file facts as
   * they are now: gtlint checks files one at a time, and the others take part only through their
   * facts, so its memory is bounded by the largest file. Setting the document again replaces its
   * facts; removing it forgets them.
   */
  releaseDocument(uri: string): void {
    this.index.refresh();
    this.index.detach(uri);
    this.dropWorkedOut(uri);
  }

  /** Forgets a document's text and what was worked out from it, cross-file facts aside. */
  private dropWorkedOut(uri: string): void {
    this.documents.delete(uri);
    this.unsortedTemplates.add(uri);
    this.jsonParses.delete(uri);
    this.cloudFormation.forget(uri);
    this.kinds.delete(uri);
    this.candidates.delete(uri);
    this.samples.delete(uri);
    this.localFindings.delete(uri);
    this.workspaceFindings.delete(uri);
  }

  getDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  allDocuments(): TextDocument[] {
    return [...this.documents.values()];
  }

  /** What a document is; asked for every document on every edit, so it is worked out once per version (JSON files are parsed for it). */
  kindOf(document: TextDocument): DocumentKind {
    const cached = this.kinds.get(document.uri);
    if (
      cached?.version === document.version &&
      cached.recognition === this.recognitionEpoch &&
      cached.languageId === document.languageId &&
      cached.document === document
    )
      return cached.kind;
    const kind = this.classify(document);
    this.kinds.set(document.uri, { version: document.version, recognition: this.recognitionEpoch, languageId: document.languageId, document, kind });
    return kind;
  }

  private classify(document: TextDocument): DocumentKind {
    const kind = documentKind(document.uri, document.languageId, () => document.getText());
    if (kind === 'other' && isJsonFile(document) && this.jsonParsed(document)?.shape) return 'json';
    if (kind === 'other' && this.cloudFormationParsed(document)) return 'cloudformation';
    return kind;
  }

  /** The CloudFormation template a document is, parsed once per version; undefined when it is none. */
  cloudFormationParsed(document: TextDocument): CloudFormationTemplate | undefined {
    return this.cloudFormation.parsed(document, () => this.jsonParsed(document)?.root);
  }

  /** Whether the service has a use for a file read from disk: a template, a sample input, or a recognised JSON file. */
  isRelevant(uri: string): boolean {
    const document = this.documents.get(uri);
    return !!document && this.kindOf(document) !== 'other';
  }

  /** Works out a file's cross-file facts now (the host calls it while indexing, between requests). */
  prepareFacts(uri: string): DocumentFacts | undefined {
    const document = this.documents.get(uri);
    return document && this.index.factsOf(document);
  }

  /** Prepares completion and hover of a document ahead of the first request (the host calls it once the document has its diagnostics). */
  prepareFeatures(uri: string): void {
    const document = this.documents.get(uri);
    if (document && this.kindOf(document) === 'template') prepareCursor(document.getText());
    if (!document || !isJsonFile(document) || !this.jsonShapeOf(document)) return;
    // The services its policies name, whether or not a check has read them: completion and hover only look them up.
    const json = this.jsonParsed(document);
    if (json && this.iam) this.iam.prefetch(policyStatements(json).flatMap((s) => [...(s.actionNames ?? []), ...(s.notActionNames ?? [])]));
    this.json.warm(document);
  }

  isTemplate(uri: string): boolean {
    const document = this.documents.get(uri);
    return !!document && this.kindOf(document) === 'template';
  }

  /** The parsed template: the tree of the findings run in progress, or a new one that is not kept. */
  templateTree(document: TextDocument): TemplateDocument {
    const run = this.run;
    if (run && run.document === document && run.version === document.version) return (run.tree ??= parseTemplate(document.getText()));
    return parseTemplate(document.getText());
  }

  /** The parsed JSON document, cached per version; undefined for documents that are not JSON. */
  jsonParsed(document: TextDocument): JsonDocument | undefined {
    if (!isJsonFile(document) || document.getText().length > MAX_JSON_LENGTH) return undefined;
    const cached = this.recentJsonParse(document.uri);
    if (cached && cached.version === document.version && this.documents.get(document.uri) === document) return cached.document;
    const parsed = parseJson(document.uri, document.getText(), { shapeId: this.configuredShape(document.uri), fileName: basename(document.uri) });
    this.jsonParses.set(document.uri, { version: document.version, recognition: this.recognitionEpoch, text: document, document: parsed });
    // Indexed files are parsed for their facts once; keeping every tree would grow with the workspace.
    for (const uri of this.jsonParses.keys()) {
      if (this.jsonParses.size <= MAX_JSON_TREES) break;
      this.jsonParses.delete(uri);
    }
    return parsed;
  }

  /** The cached parse of `uri`, marked as the most recently used; none when what decides recognition has changed since. */
  private recentJsonParse(uri: string) {
    const cached = this.jsonParses.get(uri);
    if (!cached || cached.recognition !== this.recognitionEpoch) return undefined;
    this.jsonParses.delete(uri);
    this.jsonParses.set(uri, cached);
    return cached;
  }

  /**
   * What a JSON document is, for completion and hover: as of its last parse when that was an
   * earlier version of the same document (what a file is does not change while someone types in
   * it, and the next validation parses it again), so a request right after an edit does not wait
   * for a parse it does not need.
   */
  jsonShapeOf(document: TextDocument): JsonShapeInfo | undefined {
    if (!isJsonFile(document) || /\.input\.json$/i.test(document.uri)) return undefined;
    const cached = this.recentJsonParse(document.uri);
    if (cached && cached.text === document && this.documents.get(document.uri) === document) return cached.document.shape;
    return this.jsonParsed(document)?.shape;
  }

  /**
   * The checks' tree of the document's latest parse, with the text it was parsed from: of this
   * very version, or of an earlier one while the next validation has not parsed it yet. It is
   * never parsed for the asking.
   */
  latestJsonTree(document: TextDocument): { root: JsonNode; text: string } | undefined {
    const cached = this.recentJsonParse(document.uri);
    if (!cached || cached.text !== document || !cached.document.root) return undefined;
    return { root: cached.document.root, text: cached.document.text };
  }

  /** What `gtTemplates.jsonFiles` says a file is: a shape, null for "none of ours", undefined for no setting. */
  private configuredShape(uri: string): JsonShapeId | null | undefined {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    const relative = decodeURIComponent(uri.slice(folder.length + 1));
    for (const [glob, value] of Object.entries(this.settings.jsonFiles)) {
      if (!matchesGlob(relative, glob)) continue;
      if (value === NOT_RECOGNISED) return null;
      if (isShapeId(value)) return value;
    }
    return undefined;
  }

  /** The workspace folder a document is in (the innermost one). */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.settings.workspaceFolders) {
      if (uri.startsWith(folder + '/') && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** How messages name a file: relative to its workspace folder, else by its name. */
  displayPath(uri: string): string {
    const folder = this.folderOf(uri);
    return folder ? decodeURIComponent(uri.slice(folder.length + 1)) : basename(uri);
  }

  // Sample input ----------------------------------------------------------------------------

  /** Where the sample input of a template may be, most specific first. The host loads these from disk. */
  sampleInputCandidates(templateUri: string): string[] {
    // Asked for a template on each of its validations: computed once per settings.
    const cached = this.candidates.get(templateUri);
    if (cached && cached.epoch === this.settingsEpoch) return cached.value.slice();
    const value = sampleInputCandidates(templateUri, this.settings);
    this.candidates.set(templateUri, { epoch: this.settingsEpoch, value });
    return value.slice();
  }

  sampleInputFor(templateUri: string): SampleInput | undefined {
    for (const candidate of this.sampleInputCandidates(templateUri)) {
      const document = this.documents.get(candidate);
      if (!document) continue;
      const cached = this.samples.get(candidate);
      if (cached && cached.version === document.version) return cached.sample;
      const sample = parseSampleInput(candidate, document.getText());
      this.samples.set(candidate, { version: document.version, sample });
      return sample;
    }
    return undefined;
  }

  /** Templates whose sample input is this document (to re-check them when it changes). */
  templatesUsingSample(sampleUri: string): string[] {
    if (this.sampleUsersEpoch !== this.settingsEpoch) {
      this.sampleUsersEpoch = this.settingsEpoch;
      this.sampleUsers.clear();
      this.sampleReaders.clear();
      for (const document of this.documents.values()) if (!isJsonFile(document)) this.unsortedTemplates.add(document.uri);
    }
    for (const uri of this.unsortedTemplates) {
      for (const candidate of this.sampleReaders.get(uri) ?? []) this.sampleUsers.get(candidate)?.delete(uri);
      this.sampleReaders.delete(uri);
      const document = this.documents.get(uri);
      if (!document || this.kindOf(document) !== 'template') continue;
      const candidates = this.sampleInputCandidates(uri);
      this.sampleReaders.set(uri, candidates);
      for (const candidate of candidates) {
        let users = this.sampleUsers.get(candidate);
        if (!users) this.sampleUsers.set(candidate, (users = new Set()));
        users.add(uri);
      }
    }
    this.unsortedTemplates.clear();
    return [...(this.sampleUsers.get(sampleUri) ?? [])];
  }

  // Checks ----------------------------------------------------------------------------------

  severityOf(code: string): SeveritySetting {
    return this.settings.checks[code] ?? checkMeta(code)?.severity ?? 'warning';
  }

  /** Findings for one document, with settings applied (disabled checks left out). */
  findings(uri: string): Finding[] {
    const steps = this.findingsSteps(uri);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value ?? [];
    }
  }

  /**
   * The findings of a document, worked out a step at a time: the generator yields after the
   * parse and after each check, so a host can answer requests in between (a 1 MB file takes
   * hundreds of milliseconds in all, a step a few). It returns undefined, abandoning the run,
   * when the document changes or goes between two steps; what a finished part found is kept.
   */
  *findingsSteps(uri: string): Generator<void, Finding[] | undefined> {
    const document = this.documents.get(uri);
    if (!document) return [];
    const kind = this.kindOf(document);
    if (kind !== 'template' && kind !== 'json' && kind !== 'cloudformation') return [];
    const run = { document, version: document.version };
    this.run = run;
    try {
      const steps = this.computeFindings(document, kind);
      for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
        yield;
        if (this.documents.get(uri) !== document || document.version !== run.version) return undefined;
        // Work done for others in between (a code action's findings) had its own run.
        this.run = run;
      }
    } finally {
      if (this.run === run) this.run = undefined;
    }
  }

  private *computeFindings(document: TextDocument, kind: 'template' | 'json' | 'cloudformation'): Generator<void, Finding[]> {
    const uri = document.uri;
    const sample = kind === 'template' ? this.sampleInputFor(uri) : undefined;
    const localKey = `${identity(document)}@${document.version}|${this.settingsEpoch}|${sample ? `${sample.uri}@${this.documents.get(sample.uri)?.version}` : ''}`;
    let local = this.localFindings.get(uri);
    if (!local || local.key !== localKey) {
      local = {
        key: localKey,
        value: yield* kind === 'template'
          ? this.runTemplateChecks(document, sample)
          : kind === 'json'
            ? this.runJsonChecks(document)
            : this.runCloudFormationChecks(document),
      };
      this.localFindings.set(uri, local);
    }
    this.index.refresh();
    let across = this.workspaceFindings.get(uri);
    if (!across || across.key !== localKey || this.crossFileOutdated(uri)) {
      const moves = this.index.moveCount;
      const { findings: value, dependencies } = yield* this.runWorkspaceChecks(document, kind, sample);
      const pointsAt = new Set(value.flatMap((f) => (f.related ?? []).map((r) => r.uri)).filter((u) => u !== uri));
      across = { key: localKey, value, dependencies, pointsAt: [...pointsAt], moves };
      this.workspaceFindings.set(uri, across);
    }
    if (!across.value.length) return local.value;
    return [...local.value, ...across.value].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Changes whenever some file's cross-file facts change: open documents checked before then are out of date. */
  workspaceEpoch(): number {
    return this.index.refresh();
  }

  /** Changes whenever some file's cross-file facts change or move: until it does, no document's cross-file findings can go out of date. */
  crossFileVersion(): string {
    return `${this.index.refresh()}/${this.index.moveCount}`;
  }

  /**
   * Whether the cross-file findings last computed for `uri` are out of date: a kind of fact its
   * checks read changed in its folder since, or they point at places in other files (related
   * locations) that have moved, their facts unchanged. False for a document not checked yet.
   * Facts its checks did not read may change at will: opening a template beside others does not
   * make the others' findings out of date.
   */
  crossFileOutdated(uri: string): boolean {
    const across = this.workspaceFindings.get(uri);
    if (!across) return false;
    if (this.index.changedSince(across.dependencies)) return true;
    return across.pointsAt.length > 0 && this.index.movedSince(across.pointsAt, across.moves);
  }

  /**
   * What decides a document's cross-file facts: its identity and version (a file read from disk
   * and the same file opened in the editor both start at version 1) and what it is recognised
   * as. Not severities: facts are the same whichever checks are on. Not a template's sample
   * input: the checks read its buckets apart (`sampleBuckets`), so typing in a sample input
   * does not parse the templates using it once more for their facts.
   */
  factsKey(document: TextDocument): string {
    return `${identity(document)}@${document.version}|${this.recognitionEpoch}`;
  }

  private *runTemplateChecks(document: TextDocument, sampleInput: SampleInput | undefined): Generator<void, Finding[]> {
    const text = document.getText();
    const huge = text.length > MAX_CHECKED_LENGTH;
    // The tree the checks read, parsed in slices: the parse of a large template is the longest step otherwise.
    const run = this.run;
    const needsTree = TEMPLATE_CHECKS.some((check) => !check.meta.textOnly && this.severityOf(check.meta.code) !== 'off');
    if (needsTree && !huge && run?.document === document && run.version === document.version && !run.tree)
      run.tree = yield* parseTemplateSteps(text, PARSE_SLICE);
    const parsed = () => this.templateTree(document);
    return yield* this.runChecks(document, TEMPLATE_CHECKS, (check, report) => {
      if (huge && !check.meta.textOnly) return;
      check.run({
        uri: document.uri,
        text,
        get document() {
          return parsed();
        },
        sampleInput,
        report,
      });
    });
  }

  private *runJsonChecks(document: TextDocument): Generator<void, Finding[]> {
    const json = this.jsonParsed(document)!;
    return yield* this.runChecks(document, JSON_CHECKS, (check, report) =>
      check.run({ uri: document.uri, text: json.text, document: json, iam: this.iam, report }),
    );
  }

  private *runCloudFormationChecks(document: TextDocument): Generator<void, Finding[]> {
    const template = this.cloudFormationParsed(document);
    if (!template) return [];
    return yield* this.runChecks(document, JSON_CHECKS, (check, report) => this.cloudFormation.runJsonCheck(template, check, this.iam, report));
  }

  private *runWorkspaceChecks(
    document: TextDocument,
    kind: 'template' | 'json' | 'cloudformation',
    sampleInput: SampleInput | undefined,
  ): Generator<void, { findings: Finding[]; dependencies: Dependencies }> {
    const text = document.getText();
    const workspace = this.index.view(document.uri);
    if (kind === 'template' && text.length > MAX_CHECKED_LENGTH) return { findings: [], dependencies: workspace.dependencies() };
    const base = { uri: document.uri, text, workspace };
    const tree = () => this.templateTree(document);
    const template = kind === 'cloudformation' ? this.cloudFormationParsed(document) : undefined;
    const findings = yield* this.runChecks(document, WORKSPACE_CHECKS, (check, report) => {
      if (kind === 'cloudformation') {
        if (template) this.cloudFormation.runWorkspaceCheck(template, check, base, report);
        return;
      }
      check.run(
        kind === 'template'
          ? {
              ...base,
              report,
              kind,
              // Most cross-file checks read the facts, not the tree: parsed only when one asks.
              get template() {
                return tree();
              },
              sampleInput,
            }
          : { ...base, report, kind, document: this.jsonParsed(document)! },
      );
    });
    return { findings, dependencies: workspace.dependencies() };
  }

  private *runChecks<C extends Check>(
    document: TextDocument,
    checks: readonly C[],
    run: (check: C, report: (r: Report) => void) => void,
  ): Generator<void, Finding[]> {
    const findings: Finding[] = [];
    for (const check of checks) {
      const setting = this.severityOf(check.meta.code);
      if (setting === 'off') continue;
      yield;
      let reported = 0;
      const report = (r: Report) => {
        if (reported++ < MAX_FINDINGS_PER_CHECK)
          findings.push({ ...r, code: check.meta.code, severity: r.severity ?? (setting as Severity), uri: document.uri });
      };
      try {
        run(check, report);
      } catch (error) {
        // One faulty check must not take the others down with it.
        findings.push({
          code: check.meta.code,
          severity: 'information',
          uri: document.uri,
          start: 0,
          end: 0,
          message: `The ${check.meta.code} check failed on this document (${error instanceof Error ? error.message : String(error)}); the other checks ran.`,
        });
      }
    }
    return findings.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.toDiagnostics(uri, this.findings(uri));
  }

  /** `findingsSteps` for the diagnostics of a document: undefined when the run was abandoned. */
  *diagnosticsSteps(uri: string): Generator<void, Diagnostic[] | undefined> {
    const findings = yield* this.findingsSteps(uri);
    return findings && this.toDiagnostics(uri, findings);
  }

  private toDiagnostics(uri: string, findings: Finding[]): Diagnostic[] {
    if (!this.documents.get(uri)) return [];
    return findings.map((f) => toDiagnostic(f, (u) => this.documents.get(u), this.options.docsBaseUri));
  }

  // Features --------------------------------------------------------------------------------

  completions(uri: string, requested: Position): CompletionList | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const position = clampPosition(document, requested);
    if (isJsonFile(document)) return this.json.completions(document, position);
    return this.kindOf(document) === 'template' ? getTemplateCompletions(this, document, position) : null;
  }

  hover(uri: string, requested: Position): Hover | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const position = clampPosition(document, requested);
    if (isJsonFile(document)) return this.json.hover(document, position);
    return this.kindOf(document) === 'template' ? getTemplateHover(this, document, position) : null;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const document = this.documents.get(uri);
    if (!document) return [];
    const kind = this.kindOf(document);
    return kind === 'template' || kind === 'json' || kind === 'cloudformation' ? getCodeActions(this, document, clampRange(document, range), diagnostics) : [];
  }

  /** Whether the editor's HTML support already covers elements and attributes in this document. */
  hostCoversHtml(document: TextDocument): boolean {
    return this.options.hostHtmlLanguages?.includes(document.languageId) ?? false;
  }
}

/** Whether two settings values are equal (settings are JSON: from the editor or a settings file). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isJsonFile(document: TextDocument): boolean {
  return JSON_LANGUAGES.has(document.languageId) || /\.jsonc?$/i.test(document.uri);
}

const identities = new WeakMap<TextDocument, number>();
let nextIdentity = 0;

/** A number per TextDocument object, which stays the same across its versions. */
function identity(document: TextDocument): number {
  let id = identities.get(document);
  if (id === undefined) identities.set(document, (id = nextIdentity++));
  return id;
}

export function createLanguageService(options?: ServiceOptions): LanguageService {
  return new LanguageService(options);
}
