/**
 * The language service: one object that knows the workspace's documents and answers every
 * question the editor, the CLI and the tests ask. It works on `TextDocument`s and returns LSP
 * data types, and knows nothing of the transport, the file system or AWS.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { checkMeta } from './checks/registry';
import { IamDataSource, IamReference } from './domain/iamReference';
import { type Check, type Finding, MAX_FINDINGS_PER_CHECK, type Report, type Severity, type SeveritySetting } from './checks/types';
import { getCodeActions } from './features/codeActions';
import { getTemplateCompletions } from './features/completion';
import { toDiagnostic } from './features/diagnostics';
import { getTemplateHover } from './features/hover';
import { clampPosition, clampRange } from './features/positions';
import { CloudFormationFeatures } from './features/cloudFormation';
import { JsonFeatures } from './features/json';
import type { Node as JsonNode } from 'jsonc-parser';
import type { JsonDocument } from './json/document';
import type { JsonShapeInfo } from './json/kinds';
import type { CodeActionSource, TemplateFeatureSource } from './ports';
import type { SampleInput } from './sampleInput';
import { DEFAULT_SETTINGS, type ServiceSettings } from './settings';
import { isYamlDocument } from './cfn/documents';
import { CloudFormationAnalyses } from './store/cloudformation';
import { JsonAnalyses, isJsonFile } from './store/json';
import type { CheckRunner, DocumentKind, KindAnalyses } from './store/kinds';
import { DocumentStore, memo } from './store/store';
import { TemplateAnalyses } from './store/template';
import type { TemplateDocument } from './template/document';
import { documentKind } from './templateFiles';
import { runSteps } from './util/steps';
import { basename } from './util/uri';
import type { DocumentFacts } from './workspace/facts';
import { Dependencies, WorkspaceIndex } from './workspace/index';

export { DEFAULT_SETTINGS, type ServiceSettings } from './settings';
export type { DocumentKind } from './store/kinds';

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

/** What a file is: asked for every document on every edit, worked out once per version. */
const KIND = memo<DocumentKind>('kind', 'recognition');
/** The largest document whose findings a code action works out in one call when its validation has not yet (a few milliseconds). */
const ONE_CALL_FIXES = 64_000;
/** A document's own findings, with the settings applied; they read its sample input, if any. */
const FINDINGS = memo<Finding[]>('findings', 'settings');
/**
 * Its cross-file findings, with what they were computed from: the kinds of fact their checks read
 * (and when), the other files they point at, and the index's move count when they were computed.
 */
const CROSS_FILE_FINDINGS = memo<{ value: Finding[]; dependencies: Dependencies; pointsAt: string[]; moves: number }>('cross-file findings', 'settings');

export class LanguageService implements TemplateFeatureSource, CodeActionSource {
  private settings: ServiceSettings = DEFAULT_SETTINGS;
  /** The documents, their versions and every memo of them, under one invalidation rule (`store/store.ts`). */
  private readonly store = new DocumentStore();
  private readonly template: TemplateAnalyses;
  private readonly json: JsonAnalyses;
  private readonly cloudFormation: CloudFormationAnalyses;
  /** The kinds of document checked, in the order they are recognised: where a new kind plugs in (`store/kinds.ts`). */
  private readonly kinds: readonly KindAnalyses[];
  private readonly index: WorkspaceIndex;
  private readonly jsonFeatures: JsonFeatures;
  private readonly cloudFormationFeatures: CloudFormationFeatures;
  /** Per service, loaded when a check, `prepareFeatures` or a request first needs it. */
  readonly iam?: IamReference;

  constructor(readonly options: ServiceOptions = {}) {
    this.iam = options.iamData && new IamReference(options.iamData);
    const store = this.store;
    this.template = new TemplateAnalyses(store, {
      sampleInputSettings: () => this.settings,
      isTemplate: (document) => this.isTemplateDocument(document),
      severityOf: (code) => this.severityOf(code),
    });
    this.json = new JsonAnalyses(store, { jsonFiles: () => this.settings.jsonFiles, folderOf: (uri) => this.folderOf(uri), iam: this.iam });
    this.cloudFormation = new CloudFormationAnalyses(store, this.json, { iam: this.iam });
    this.kinds = [this.template, this.json, this.cloudFormation];
    this.index = new WorkspaceIndex({
      getDocument: (uri) => store.get(uri),
      uris: () => store.uris(),
      folderOf: (uri) => this.folderOf(uri),
      displayPath: (uri) => this.displayPath(uri),
      factsKey: (document) => this.factsKey(document),
      factsOf: (document) => this.analysesOf(this.kindOf(document))?.facts(document) ?? {},
    });
    this.jsonFeatures = new JsonFeatures({
      shapeOf: (document) => this.json.shapeOf(document),
      latestTree: (document) => this.json.latestTree(document),
      iam: this.iam,
    });
    this.cloudFormationFeatures = new CloudFormationFeatures(
      { latestTemplate: (document) => this.cloudFormation.latest(document), iam: this.iam },
      this.jsonFeatures,
    );
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
    const recognition = !sameJson(next.jsonFiles, previous.jsonFiles) || !sameJson(next.workspaceFolders, previous.workspaceFolders);
    this.store.moveEpochs(recognition);
    if (recognition) this.index.touchAll();
  }

  getSettings(): ServiceSettings {
    return this.settings;
  }

  // Documents -------------------------------------------------------------------------------

  /**
   * Adds or replaces a document (open in the editor, or read from disk by the host). With
   * `validateNext`, the host says it will run this document's findings next (the server does,
   * after each change): its cross-file facts are then worked out in that run, from the tree it
   * parses a step at a time, rather than by whichever refresh comes first.
   */
  setDocument(document: TextDocument, options: { validateNext?: boolean } = {}): void {
    this.store.set(document);
    this.index.touch(document.uri, options.validateNext);
    this.template.touched(document.uri, !isJsonFile(document));
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
    this.store.delete(uri);
    this.template.touched(uri, true);
  }

  getDocument(uri: string): TextDocument | undefined {
    return this.store.get(uri);
  }

  allDocuments(): TextDocument[] {
    return this.store.all();
  }

  /** What a document is; asked for every document on every edit, so it is worked out once per version (JSON files are parsed for it). */
  kindOf(document: TextDocument): DocumentKind {
    return this.store.read(document, KIND) ?? this.store.write(document, KIND, this.classify(document));
  }

  /**
   * Whether a document is a worker template: `templateFiles.ts` alone decides that (no other kind
   * is a template), so nothing is parsed to answer. Asked for each document opened or changed
   * (which templates read a sample input): `kindOf` would parse a new YAML or JSON file there, in one
   * call, ahead of its validation's steps (a 100 KB stack's first parse held the thread 65 ms).
   */
  private isTemplateDocument(document: TextDocument): boolean {
    const kept = this.store.read(document, KIND);
    if (kept !== undefined) return kept === 'template';
    const byName = this.kindByName(document);
    // What `classify` would answer first.
    if (byName !== 'other') this.store.write(document, KIND, byName);
    return byName === 'template';
  }

  /** `templateFiles.ts` first (the preview asks it too), then each kind checked, in order. */
  private classify(document: TextDocument): DocumentKind {
    const kind = this.kindByName(document);
    if (kind !== 'other') return kind;
    for (const analyses of this.kinds) if (analyses.recognise(document)) return analyses.kind;
    return 'other';
  }

  /** What `templateFiles.ts` makes of a document: a template or a sample input by its name, language or markers, else 'other'. */
  private kindByName(document: TextDocument): DocumentKind {
    return documentKind(document.uri, document.languageId, () => document.getText());
  }

  private analysesOf(kind: DocumentKind): KindAnalyses | undefined {
    return this.kinds.find((k) => k.kind === kind);
  }

  /** Whether the service has a use for a file read from disk: a template, a sample input, or a recognised JSON file. */
  isRelevant(uri: string): boolean {
    const document = this.store.get(uri);
    return !!document && this.kindOf(document) !== 'other';
  }

  /**
   * What `isRelevant` and `prepareFacts` read of a JSON or YAML file, worked out in slices as a
   * validation works it out (its parse, the policies' statements, its facts): the host runs it
   * between requests while it indexes the workspace, where they would have parsed it in one call
   * (a 1 MB stack held the thread over a second). Nothing for a template, which needs no parse to
   * be known.
   */
  *prepareSteps(uri: string): Generator<void, void> {
    const document = this.store.get(uri);
    if (!document) return;
    yield* this.parseSteps(document);
    for (const analyses of this.kinds) yield* analyses.factsSteps?.(document) ?? [];
  }

  /**
   * A validated document's cross-file facts, in slices: the host runs them once its diagnostics
   * are out (its own checks do not read them), then the index takes them, and the other
   * documents' cross-file findings follow (`crossFileVersion`). Until then the others see the
   * facts of its previous version.
   */
  *factsSteps(uri: string): Generator<void, void> {
    const document = this.store.get(uri);
    if (!document) return;
    const analyses = this.analysesOf(this.kindOf(document));
    yield* analyses?.factsSteps?.(document) ?? [];
    if (this.store.get(uri) === document) this.index.settle(uri);
  }

  /** Each kind's parse of the document in slices (a JSON or YAML file's: what the file is comes from it). */
  private *parseSteps(document: TextDocument): Generator<void, void> {
    for (const analyses of this.kinds) yield* analyses.parseSteps?.(document) ?? [];
  }

  /** Works out a file's cross-file facts now (the host calls it while indexing, between requests). */
  prepareFacts(uri: string): DocumentFacts | undefined {
    const document = this.store.get(uri);
    return document && this.index.factsOf(document);
  }

  /** Prepares completion and hover of a document ahead of the first request (the host calls it once the document has its diagnostics). */
  prepareFeatures(uri: string): void {
    const document = this.store.get(uri);
    if (document && this.kindOf(document) === 'template') this.template.prepareFeatures(document);
    if (!document || !isJsonFile(document) || !this.json.shapeOf(document)) return;
    this.json.prepareFeatures(document);
    this.jsonFeatures.warm(document);
  }

  /**
   * Whether a document is a template: from its name or language (`templateFiles.ts`) alone, or
   * the kind already worked out. The kinds after the template's are not asked: a JSON file is
   * not parsed in one go here (on opening, the host asks this before the validation that parses
   * the file in slices).
   */
  isTemplate(uri: string): boolean {
    const document = this.store.get(uri);
    if (!document) return false;
    return (this.store.read(document, KIND) ?? this.kindByName(document)) === 'template';
  }

  /** The parsed template: the tree of the findings run in progress, or a new one that is not kept. */
  templateTree(document: TextDocument): TemplateDocument {
    return this.template.tree(document);
  }

  /** The parsed JSON document, kept per version; undefined for documents that are not JSON. */
  jsonParsed(document: TextDocument): JsonDocument | undefined {
    return this.json.parsed(document);
  }

  /** What a JSON document is, for completion and hover: as of its latest parse (`JsonAnalyses.shapeOf`). */
  jsonShapeOf(document: TextDocument): JsonShapeInfo | undefined {
    return this.json.shapeOf(document);
  }

  /** The checks' tree of the document's latest parse, with the text and version it was parsed from (`JsonAnalyses.latestTree`). */
  latestJsonTree(document: TextDocument): { root: JsonNode; text: string; version: number } | undefined {
    return this.json.latestTree(document);
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
    return this.template.candidates(templateUri);
  }

  sampleInputFor(templateUri: string): SampleInput | undefined {
    return this.template.sampleInputFor(templateUri);
  }

  /** Templates whose sample input is this document (to re-check them when it changes). */
  templatesUsingSample(sampleUri: string): string[] {
    return this.template.templatesUsingSample(sampleUri);
  }

  // Checks ----------------------------------------------------------------------------------

  severityOf(code: string): SeveritySetting {
    return this.settings.checks[code] ?? checkMeta(code)?.severity ?? 'warning';
  }

  /** Findings for one document, with settings applied (disabled checks left out). */
  findings(uri: string): Finding[] {
    return runSteps(this.findingsSteps(uri)) ?? [];
  }

  /**
   * The findings of a document, worked out a step at a time: the generator yields after the
   * parse and after each check, so a host can answer requests in between (a 1 MB file takes
   * hundreds of milliseconds in all, a step a few). It returns undefined, abandoning the run,
   * when the document changes or goes between two steps; what a finished part found is kept.
   */
  *findingsSteps(uri: string): Generator<void, Finding[] | undefined> {
    const document = this.store.get(uri);
    if (!document) return [];
    const version = document.version;
    // A JSON or YAML file is parsed in slices first: what the file is comes from that parse.
    for (const _ of this.parseSteps(document)) {
      yield;
      if (this.store.get(uri) !== document || document.version !== version) return undefined;
    }
    const analyses = this.analysesOf(this.kindOf(document));
    if (!analyses) {
      // None of its facts come from a parse: they are worked out at the next refresh.
      this.index.settle(uri);
      return [];
    }
    const run = { document, version: document.version };
    this.template.enter(run);
    try {
      const steps = this.computeFindings(document, analyses);
      for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
        yield;
        if (this.store.get(uri) !== document || document.version !== run.version) return undefined;
        // Work done for others in between (a code action's findings) had its own run.
        this.template.enter(run);
      }
    } finally {
      this.template.leave(run);
    }
  }

  private *computeFindings(document: TextDocument, analyses: KindAnalyses): Generator<void, Finding[]> {
    const uri = document.uri;
    const input = analyses.findingsInput(document);
    const runChecks = this.checkRunner(document);
    const local = this.store.read(document, FINDINGS, input) ?? this.store.write(document, FINDINGS, yield* analyses.checks(document, input, runChecks), input);
    // Its facts, from the tree its checks read (the template's, parsed in slices): a step of their
    // own. A kind whose facts come in slices of their own is settled by the host after the
    // document's diagnostics (`factsSteps`).
    yield;
    if (!analyses.factsSteps) this.index.settle(uri);
    this.index.refresh();
    let across = this.store.read(document, CROSS_FILE_FINDINGS, input);
    if (!across || this.crossFileOutdated(uri)) {
      const moves = this.index.moveCount;
      const workspace = this.index.view(uri);
      const value = yield* analyses.workspaceChecks(document, input, workspace, runChecks);
      const pointsAt = new Set(value.flatMap((f) => (f.related ?? []).map((r) => r.uri)).filter((u) => u !== uri));
      across = this.store.write(document, CROSS_FILE_FINDINGS, { value, dependencies: workspace.dependencies(), pointsAt: [...pointsAt], moves }, input);
    }
    return joined(local, across.value);
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
    const across = this.store.last(uri, CROSS_FILE_FINDINGS);
    if (!across) return false;
    if (this.index.changedSince(across.dependencies)) return true;
    return across.pointsAt.length > 0 && this.index.movedSince(across.pointsAt, across.moves);
  }

  /**
   * What decides a document's cross-file facts: the store's rule with the recognition epoch,
   * spelt as a key the index can keep once the document's text is dropped (`releaseDocument`).
   * Not severities: facts are the same whichever checks are on. Not a template's sample input:
   * the checks read its buckets apart (`sampleBuckets`), so typing in a sample input does not
   * parse the templates using it once more for their facts.
   */
  private factsKey(document: TextDocument): string {
    return this.store.key(document, 'recognition');
  }

  /** The service's loop over a list of checks, for one document (`CheckRunner`). */
  private checkRunner(document: TextDocument): CheckRunner {
    return (checks, run) => runChecks(document.uri, (code) => this.severityOf(code), checks, run);
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
    if (!this.store.get(uri)) return [];
    return findings.map((f) => toDiagnostic(f, (u) => this.store.get(u), this.options.docsBaseUri));
  }

  // Features --------------------------------------------------------------------------------

  completions(uri: string, requested: Position): CompletionList | null {
    const document = this.store.get(uri);
    if (!document) return null;
    const position = clampPosition(document, requested);
    // A JSON file's kind is not asked: that would parse each new version; what it was last parsed as says.
    if (isJsonFile(document)) return this.jsonFeatures.completions(document, position) ?? this.cloudFormationFeatures.completions(document, position);
    // Nor a YAML file's, which would parse a new stack in one call, before its validation's steps: what it was last parsed as says.
    if (isYamlDocument(document)) return this.cloudFormationFeatures.completions(document, position);
    const kind = this.kindOf(document);
    if (kind === 'cloudformation') return this.cloudFormationFeatures.completions(document, position);
    return kind === 'template' ? getTemplateCompletions(this, document, position) : null;
  }

  hover(uri: string, requested: Position): Hover | null {
    const document = this.store.get(uri);
    if (!document) return null;
    const position = clampPosition(document, requested);
    if (isJsonFile(document)) return this.jsonFeatures.hover(document, position) ?? this.cloudFormationFeatures.hover(document, position);
    if (isYamlDocument(document)) return this.cloudFormationFeatures.hover(document, position);
    const kind = this.kindOf(document);
    if (kind === 'cloudformation') return this.cloudFormationFeatures.hover(document, position);
    return kind === 'template' ? getTemplateHover(this, document, position) : null;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const document = this.store.get(uri);
    if (!document) return [];
    // What the document is as of its last reading: `kindOf` would parse a new JSON or YAML file
    // here, in one call. (Before its first reading it has no diagnostic of ours to fix.)
    const kind = this.store.read(document, KIND) ?? this.store.latest(document, KIND) ?? (this.isTemplateDocument(document) ? 'template' : undefined);
    return kind && this.analysesOf(kind) ? getCodeActions(this, document, clampRange(document, range), diagnostics) : [];
  }

  /**
   * The findings a quick fix is read from. The editor asks for code actions at every cursor
   * move, and after a key with the diagnostics of the version before: the current version's
   * findings once a reader (its validation, in steps) has worked them out; until then, worked out
   * here in one call only for a document of up to `ONE_CALL_FIXES` characters (milliseconds), and
   * none for a larger one, whose validation would otherwise run here whole, every request behind
   * it. The editor asks again when the new diagnostics come.
   */
  fixableFindings(uri: string): Finding[] {
    const document = this.store.get(uri);
    if (!document) return [];
    return this.readyFindings(document) ?? (document.getText().length <= ONE_CALL_FIXES ? this.findings(uri) : []);
  }

  /** The current version's findings when they are worked out already (and the cross-file ones not out of date). */
  private readyFindings(document: TextDocument): Finding[] | undefined {
    const kind = this.store.read(document, KIND);
    const analyses = kind && this.analysesOf(kind);
    if (!analyses) return undefined;
    const input = analyses.findingsInput(document);
    const local = this.store.read(document, FINDINGS, input);
    const across = this.store.read(document, CROSS_FILE_FINDINGS, input);
    if (!local || !across || this.crossFileOutdated(document.uri)) return undefined;
    return joined(local, across.value);
  }

  /** Whether the editor's HTML support already covers elements and attributes in this document. */
  hostCoversHtml(document: TextDocument): boolean {
    return this.options.hostHtmlLanguages?.includes(document.languageId) ?? false;
  }
}

/** A document's own findings and its cross-file ones, in the order of the text. */
function joined(local: Finding[], across: Finding[]): Finding[] {
  if (!across.length) return local;
  return [...local, ...across].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Runs checks on a document a step at a time: yields before each check, applies the severities,
 * caps each check's findings and keeps a failing check from taking the others down.
 */
function* runChecks<C extends Check>(
  uri: string,
  severityOf: (code: string) => SeveritySetting,
  checks: readonly C[],
  run: (check: C, report: (r: Report) => void) => void | Generator<void, void>,
): Generator<void, Finding[]> {
  const findings: Finding[] = [];
  for (const check of checks) {
    const setting = severityOf(check.meta.code);
    if (setting === 'off') continue;
    yield;
    let reported = 0;
    const report = (r: Report) => {
      if (reported++ < MAX_FINDINGS_PER_CHECK) findings.push({ ...r, code: check.meta.code, severity: r.severity ?? (setting as Severity), uri });
    };
    try {
      // A check run in steps: its steps are the loop's (its exceptions too, caught below).
      const steps = run(check, report) as Generator<void, void> | undefined;
      if (steps) yield* steps;
    } catch (error) {
      // One faulty check must not take the others down with it.
      findings.push({
        code: check.meta.code,
        severity: 'information',
        uri,
        start: 0,
        end: 0,
        message: `The ${check.meta.code} check failed on this document (${error instanceof Error ? error.message : String(error)}); the other checks ran.`,
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Whether two settings values are equal (settings are JSON: from the editor or a settings file). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createLanguageService(options?: ServiceOptions): LanguageService {
  return new LanguageService(options);
}
