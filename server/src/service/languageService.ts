/**
 * The language service: one object that knows the workspace's documents and answers every
 * question the editor, the CLI and the tests ask. It works on `TextDocument`s and returns LSP
 * data types, and knows nothing of the transport, the file system or AWS.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { TEMPLATE_CHECKS, checkMeta } from './checks/registry';
import { MAX_CHECKED_LENGTH } from './checks/template/template-too-large';
import type { Finding, Report, Severity, SeveritySetting } from './checks/types';
import { getCodeActions } from './features/codeActions';
import { getTemplateCompletions } from './features/completion';
import { toDiagnostic } from './features/diagnostics';
import { getTemplateHover } from './features/hover';
import { SampleInput, parseSampleInput } from './sampleInput';
import type { TemplateDocument } from './template/document';
import { parseTemplate } from './template/parser';
import { DocumentKind, documentKind, sampleInputCandidates } from './templateFiles';

export interface ServiceSettings {
  /** Severity per check code; 'off' disables it. */
  checks: Record<string, SeveritySetting>;
  /** Template glob (relative to a workspace folder) → sample input path (relative to that folder). */
  sampleInputs: Record<string, string>;
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
}

export type { DocumentKind } from './templateFiles';

export const DEFAULT_SETTINGS: ServiceSettings = { checks: {}, sampleInputs: {}, workspaceFolders: [] };

export class LanguageService {
  private settings: ServiceSettings = DEFAULT_SETTINGS;
  private readonly documents = new Map<string, TextDocument>();
  private readonly samples = new Map<string, { version: number; sample: SampleInput }>();
  private readonly findingsCache = new Map<string, { key: string; findings: Finding[] }>();
  private readonly kinds = new Map<string, { version: number; languageId: string; kind: DocumentKind }>();
  private settingsEpoch = 0;

  constructor(readonly options: ServiceOptions = {}) {}

  configure(settings: Partial<ServiceSettings>): void {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.settingsEpoch++;
  }

  getSettings(): ServiceSettings {
    return this.settings;
  }

  // Documents -------------------------------------------------------------------------------

  /** Adds or replaces a document (open in the editor, or read from disk by the host). */
  setDocument(document: TextDocument): void {
    this.documents.set(document.uri, document);
  }

  removeDocument(uri: string): void {
    this.documents.delete(uri);
    this.samples.delete(uri);
    this.findingsCache.delete(uri);
    this.kinds.delete(uri);
  }

  getDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  allDocuments(): TextDocument[] {
    return [...this.documents.values()];
  }

  /** What a document is; asked for every document on every edit, so an `.html` file is searched once per version. */
  kindOf(document: TextDocument): DocumentKind {
    const cached = this.kinds.get(document.uri);
    if (cached?.version === document.version && cached.languageId === document.languageId) return cached.kind;
    const kind = documentKind(document.uri, document.languageId, () => document.getText());
    this.kinds.set(document.uri, { version: document.version, languageId: document.languageId, kind });
    return kind;
  }

  isTemplate(uri: string): boolean {
    const document = this.documents.get(uri);
    return !!document && this.kindOf(document) === 'template';
  }

  // Sample input ----------------------------------------------------------------------------

  /** Where the sample input of a template may be, most specific first. The host loads these from disk. */
  sampleInputCandidates(templateUri: string): string[] {
    return sampleInputCandidates(templateUri, this.settings);
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
    return this.allDocuments()
      .filter((d) => this.kindOf(d) === 'template' && this.sampleInputCandidates(d.uri).includes(sampleUri))
      .map((d) => d.uri);
  }

  // Checks ----------------------------------------------------------------------------------

  severityOf(code: string): SeveritySetting {
    return this.settings.checks[code] ?? checkMeta(code)?.severity ?? 'warning';
  }

  /** Findings for one document, with settings applied (disabled checks left out). */
  findings(uri: string): Finding[] {
    const document = this.documents.get(uri);
    if (!document || this.kindOf(document) !== 'template') return [];
    const sample = this.sampleInputFor(uri);
    const key = `${document.version}|${this.settingsEpoch}|${sample ? `${sample.uri}@${this.documents.get(sample.uri)?.version}` : ''}`;
    const cached = this.findingsCache.get(uri);
    if (cached && cached.key === key) return cached.findings;
    const findings = this.runTemplateChecks(document, sample);
    this.findingsCache.set(uri, { key, findings });
    return findings;
  }

  private runTemplateChecks(document: TextDocument, sampleInput: SampleInput | undefined): Finding[] {
    const text = document.getText();
    const huge = text.length > MAX_CHECKED_LENGTH;
    const findings: Finding[] = [];
    // Parsed once per run and not kept: the findings are what later requests need, and a tree of
    // every version kept alive would only raise the server's memory.
    let tree: TemplateDocument | undefined;
    const parsed = () => (tree ??= parseTemplate(text));
    for (const check of TEMPLATE_CHECKS) {
      const setting = this.severityOf(check.meta.code);
      if (setting === 'off' || (huge && !check.meta.textOnly)) continue;
      const report = (r: Report) => findings.push({ ...r, code: check.meta.code, severity: r.severity ?? (setting as Severity), uri: document.uri });
      try {
        check.run({
          uri: document.uri,
          text,
          get document() {
            return parsed();
          },
          sampleInput,
          report,
        });
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
    const document = this.documents.get(uri);
    if (!document) return [];
    return this.findings(uri).map((f) => toDiagnostic(f, (u) => this.documents.get(u), this.options.docsBaseUri));
  }

  // Features --------------------------------------------------------------------------------

  completions(uri: string, position: Position): CompletionList | null {
    const document = this.documents.get(uri);
    if (!document || this.kindOf(document) !== 'template') return null;
    return getTemplateCompletions(this, document, position);
  }

  hover(uri: string, position: Position): Hover | null {
    const document = this.documents.get(uri);
    if (!document || this.kindOf(document) !== 'template') return null;
    return getTemplateHover(this, document, position);
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const document = this.documents.get(uri);
    if (!document || this.kindOf(document) !== 'template') return [];
    return getCodeActions(this, document, range, diagnostics);
  }

  /** Whether the editor's HTML support already covers elements and attributes in this document. */
  hostCoversHtml(document: TextDocument): boolean {
    return this.options.hostHtmlLanguages?.includes(document.languageId) ?? false;
  }
}

export function createLanguageService(options?: ServiceOptions): LanguageService {
  return new LanguageService(options);
}
