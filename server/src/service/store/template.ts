/**
 * The analyses of templates: the tree (parsed for a validation run, in slices, and not kept past
 * it), the cursor's first window, the sample input and which templates read a sample input, the
 * checks, and the cross-file facts.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TEMPLATE_CHECKS, WORKSPACE_CHECKS } from '../checks/registry';
import type { Finding, SeveritySetting } from '../checks/types';
import { MAX_CHECKED_LENGTH } from '../domain/limits';
import { SampleInput, parseSampleInput } from '../sampleInput';
import { CURSOR_WINDOW, prepareCursor } from '../template/cursor';
import type { TemplateDocument } from '../template/document';
import { parseTemplate, parseTemplateSteps } from '../template/parser';
import { reparseSteps } from '../template/reparse';
import { inputReferencesSteps } from '../template/scope';
import { type SampleInputSettings, sampleInputCandidates } from '../templateFiles';
import { type DocumentFacts, templateFacts } from '../workspace/facts';
import type { WorkspaceView } from '../workspace/view';
import type { CheckRunner, KindAnalyses } from './kinds';
import { isJsonFile } from './json';
import { runSteps } from '../util/steps';
import { DocumentStore, memo } from './store';

/** Where a template's sample input may be: a function of its URI and the settings. */
const CANDIDATES = memo<string[]>('sample input candidates', 'settings', { of: 'uri' });
/** A sample input's parse, in the sample input's own slot. */
const SAMPLE = memo<SampleInput>('sample input', 'none');

/** Characters of a template parsed between two steps of its validation (a few milliseconds). */
const PARSE_SLICE = 4_096;
/** Liquid nodes whose `task.input` references a validation works out between two yields. */
const LIQUID_SLICE = 500;

/** What template analyses need of the service. */
export interface TemplateHost {
  sampleInputSettings(): SampleInputSettings;
  /** Whether a document is a worker template, without reading it as any other kind (a YAML stack is not parsed to answer). */
  isTemplate(document: TextDocument): boolean;
  severityOf(code: string): SeveritySetting;
}

/** A findings run in progress (`LanguageService.findingsSteps`), and the tree it parsed. */
export interface Run {
  document: TextDocument;
  version: number;
  tree?: TemplateDocument;
}

export class TemplateAnalyses implements KindAnalyses {
  readonly kind = 'template';
  /**
   * The template tree of the findings run in progress: parsed at most once per run, shared by its
   * checks and its cross-file facts, then dropped (a tree kept for every version, or for every
   * indexed template, would only raise the server's memory). The one analysis that is not a memo.
   */
  private run?: Run;
  /**
   * The tree of the last findings run that ended: the next run of the same template parses again
   * only around what changed since (`reparse.ts`), and uses it up. One for all templates (the
   * one being typed in), so memory stays at one tree more.
   */
  private lastTree?: { uri: string; tree: TemplateDocument };
  private readonly sampleUsers: SampleUsers;

  constructor(
    private readonly store: DocumentStore,
    private readonly host: TemplateHost,
  ) {
    this.sampleUsers = new SampleUsers(store, host, (uri) => this.candidates(uri));
  }

  /** Templates are found by `templateFiles.ts`, before any kind is asked. */
  recognise(): boolean {
    return false;
  }

  /** A findings run starts (or, after a step, goes on): its tree is shared until it ends. */
  enter(run: Run): void {
    this.run = run;
  }

  leave(run: Run): void {
    if (this.run === run) this.run = undefined;
    // Nothing reads a run's tree once it has ended.
    if (run.tree) this.lastTree = { uri: run.document.uri, tree: run.tree };
  }

  /** The parsed template: the tree of the findings run in progress, or a new one that is not kept. */
  tree(document: TextDocument): TemplateDocument {
    const run = this.run;
    if (run && run.document === document && run.version === document.version) return (run.tree ??= runSteps(this.runTreeSteps(document)));
    return parseTemplate(document.getText());
  }

  /** A findings run's tree: from the last run's tree of the template when it can be, else parsed whole, in slices. */
  private *runTreeSteps(document: TextDocument): Generator<void, TemplateDocument> {
    const text = document.getText();
    const last = this.lastTree;
    if (last?.uri === document.uri) {
      this.lastTree = undefined;
      let tree: TemplateDocument | undefined;
      try {
        tree = yield* reparseSteps(last.tree, text);
      } catch {
        // A fault of the reparse (a differential test holds it to the whole parse) costs a whole parse, not the validation.
      }
      if (tree) return tree;
    }
    return yield* parseTemplateSteps(text, PARSE_SLICE);
  }

  /**
   * Reads the cursor's window ahead of the first request: all of a template AWS takes. A longer
   * one's requests each read the window before them, wherever they are: none is read ahead.
   */
  prepareFeatures(document: TextDocument): void {
    const text = document.getText();
    if (text.length <= CURSOR_WINDOW) prepareCursor(text);
  }

  facts(document: TextDocument): DocumentFacts {
    // Like its own checks, a file far over the template limit takes no part (parsing it would cost every keystroke).
    if (document.getText().length > MAX_CHECKED_LENGTH) return {};
    return { template: templateFacts(this.tree(document)) };
  }

  // Sample input -----------------------------------------------------------------------------

  /** Where the sample input of a template may be, most specific first (a copy the caller may keep). */
  candidates(templateUri: string): string[] {
    const document = this.store.get(templateUri);
    // Asked for a template on each of its validations and requests: worked out once per settings.
    const kept = document && this.store.read(document, CANDIDATES);
    if (kept) return kept.slice();
    const value = sampleInputCandidates(templateUri, this.host.sampleInputSettings());
    return (document ? this.store.write(document, CANDIDATES, value) : value).slice();
  }

  sampleInputFor(templateUri: string): SampleInput | undefined {
    for (const candidate of this.candidates(templateUri)) {
      const document = this.store.get(candidate);
      if (document) return this.store.read(document, SAMPLE) ?? this.store.write(document, SAMPLE, parseSampleInput(candidate, document.getText()));
    }
    return undefined;
  }

  findingsInput(document: TextDocument): SampleInput | undefined {
    return this.sampleInputFor(document.uri);
  }

  templatesUsingSample(sampleUri: string): string[] {
    return this.sampleUsers.templatesUsing(sampleUri);
  }

  /** A document was set or dropped: whether it reads a sample input is found again when next asked (a JSON file never does). */
  touched(uri: string, couldBeTemplate: boolean): void {
    this.sampleUsers.touched(uri, couldBeTemplate);
  }

  // Checks -----------------------------------------------------------------------------------

  *checks(document: TextDocument, sampleInput: SampleInput | undefined, runChecks: CheckRunner): Generator<void, Finding[]> {
    const text = document.getText();
    const huge = text.length > MAX_CHECKED_LENGTH;
    // The tree the checks read, parsed in slices: the parse of a large template is the longest step otherwise.
    const run = this.run;
    const needsTree = TEMPLATE_CHECKS.some((check) => !check.meta.textOnly && this.host.severityOf(check.meta.code) !== 'off');
    if (needsTree && !huge && run?.document === document && run.version === document.version && !run.tree) run.tree = yield* this.runTreeSteps(document);
    // What task.input each variable reads, which three checks and the facts ask, in slices too (the first reader made it in one go).
    if (needsTree && !huge && run?.document === document && run.tree) yield* inputReferencesSteps(run.tree, LIQUID_SLICE);
    const parsed = () => this.tree(document);
    return yield* runChecks(TEMPLATE_CHECKS, (check, report) => {
      if (huge && !check.meta.textOnly) return;
      return check.run({
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

  *workspaceChecks(document: TextDocument, sampleInput: SampleInput | undefined, workspace: WorkspaceView, runChecks: CheckRunner): Generator<void, Finding[]> {
    const text = document.getText();
    if (text.length > MAX_CHECKED_LENGTH) return [];
    const tree = () => this.tree(document);
    return yield* runChecks(WORKSPACE_CHECKS, (check, report) =>
      check.run({
        uri: document.uri,
        text,
        workspace,
        report,
        kind: 'template',
        // Most cross-file checks read the facts, not the tree: parsed only when one asks.
        get template() {
          return tree();
        },
        sampleInput,
      }),
    );
  }
}

/**
 * Sample input → the templates that may read it, and template → the candidates it is listed
 * under: `templatesUsingSample` is asked on every keystroke. Built again when the settings epoch
 * moves, then kept up to date from the documents set or dropped since (`unsorted`). The one index
 * across documents besides the workspace index: it is not a memo of one document.
 */
class SampleUsers {
  private readonly users = new Map<string, Set<string>>();
  private readonly readers = new Map<string, string[]>();
  private readonly unsorted = new Set<string>();
  private epoch = -1;

  constructor(
    private readonly store: DocumentStore,
    private readonly host: TemplateHost,
    private readonly candidates: (uri: string) => string[],
  ) {}

  touched(uri: string, couldBeTemplate: boolean): void {
    // One listed as a template may have changed its language.
    if (couldBeTemplate || this.readers.has(uri)) this.unsorted.add(uri);
  }

  templatesUsing(sampleUri: string): string[] {
    const epoch = this.store.epoch('settings');
    if (this.epoch !== epoch) {
      this.epoch = epoch;
      this.users.clear();
      this.readers.clear();
      for (const document of this.store.documents()) if (!isJsonFile(document)) this.unsorted.add(document.uri);
    }
    for (const uri of this.unsorted) {
      for (const candidate of this.readers.get(uri) ?? []) this.users.get(candidate)?.delete(uri);
      this.readers.delete(uri);
      const document = this.store.get(uri);
      if (!document || !this.host.isTemplate(document)) continue;
      const candidates = this.candidates(uri);
      this.readers.set(uri, candidates);
      for (const candidate of candidates) {
        let users = this.users.get(candidate);
        if (!users) this.users.set(candidate, (users = new Set()));
        users.add(uri);
      }
    }
    this.unsorted.clear();
    return [...(this.users.get(sampleUri) ?? [])];
  }
}
