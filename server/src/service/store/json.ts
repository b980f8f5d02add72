/**
 * The analyses of JSON files: the parse (which says what the file is, its shape, and carries the
 * shape's findings), the latest tree for completion right after an edit, the checks, and the
 * cross-file facts.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { JSON_CHECKS, WORKSPACE_CHECKS } from '../checks/registry';
import type { Finding } from '../checks/types';
import type { StatementView } from '../domain/iam';
import type { IamReference } from '../domain/iamReference';
import { JsonDocument, MAX_JSON_LENGTH, parseJsonSteps } from '../json/document';
import type { LastReading } from '../json/treeReuse';
import { runSteps } from '../util/steps';
import { JsonShapeId, JsonShapeInfo, NOT_RECOGNISED, isShapeId } from '../json/kinds';
import { policyStatements, policyStatementsSteps } from '../json/policies';
import { runStatementLocal } from '../json/statementReuse';
import { matchesGlob } from '../util/glob';
import { basename } from '../util/uri';
import { type DocumentFacts, jsonFacts, jsonFactsSteps } from '../workspace/facts';
import { languageOfFileName } from '../workspace/files';
import type { WorkspaceView } from '../workspace/view';
import type { CheckRunner, KindAnalyses } from './kinds';
import { DocumentStore, memo } from './store';

/**
 * How many JSON trees stay parsed: the documents being edited are always among the most recently
 * used; files read from disk for the workspace index are parsed again if a check needs their tree.
 */
const MAX_JSON_TREES = 32;

/** Tokens a validation's parse reads between two yields (about a millisecond's work). */
const PARSE_SLICE = 1_000;
/** Policy statements whose views a validation works out between two yields (about a millisecond's work at most). */
const STATEMENT_SLICE = 100;
/** List items the comparison with the shape walks between two yields (a policy's statements: about a millisecond). */
const SHAPE_SLICE = 200;

/** The parse depends on `gtTemplates.jsonFiles` and the workspace folders, which may say what the file is. */
const PARSE = memo<JsonDocument>('JSON parse', 'recognition', { keep: MAX_JSON_TREES });
/** The cross-file facts of the parse above. */
const FACTS = memo<DocumentFacts>('JSON facts', 'recognition', { keep: MAX_JSON_TREES });

/** What JSON analyses need of the service. */
export interface JsonHost {
  /** `gtTemplates.jsonFiles`. */
  jsonFiles(): Record<string, string>;
  folderOf(uri: string): string | undefined;
  readonly iam?: IamReference;
}

export class JsonAnalyses implements KindAnalyses {
  readonly kind = 'json';

  constructor(
    private readonly store: DocumentStore,
    private readonly host: JsonHost,
  ) {}

  recognise(document: TextDocument): boolean {
    return isJsonFile(document) && !!this.parsed(document)?.shape;
  }

  /** The parsed JSON document, once per version; undefined for documents that are not JSON. */
  parsed(document: TextDocument): JsonDocument | undefined {
    if (!isJsonFile(document) || document.getText().length > MAX_JSON_LENGTH) return undefined;
    const kept = this.store.read(document, PARSE);
    if (kept) return kept;
    const reuse = this.lastReading(document, false);
    return this.store.write(document, PARSE, runSteps(parseJsonSteps(document.uri, document.getText(), this.parseOptions(document), Infinity, reuse)));
  }

  /**
   * The document's last reading (of an earlier version), whose statements an edit inside one
   * statement leaves to reuse (`json/treeReuse.ts`); `share`: a validation's reading, which takes
   * those before the edit as they are.
   */
  private lastReading(document: TextDocument, share: boolean): { previous: LastReading; share: boolean } | undefined {
    const last = this.store.last(document.uri, PARSE);
    return last ? { previous: { text: last.text, root: last.root, errorCount: last.errors.length }, share } : undefined;
  }

  /**
   * `parsed` a slice of tokens at a time, for a validation (which abandons the generator when the
   * document changes): the first step of a JSON file's validation is what says what the file is,
   * and a 1 MB policy held the thread for tens of milliseconds in one call. What this version has
   * kept already is not worked out again.
   */
  *parseSteps(document: TextDocument): Generator<void, void> {
    if (!isJsonFile(document) || document.getText().length > MAX_JSON_LENGTH) return;
    const reuse = this.lastReading(document, true);
    const json = yield* this.store.keep(document, PARSE, () =>
      parseJsonSteps(document.uri, document.getText(), this.parseOptions(document), PARSE_SLICE, reuse),
    );
    // The statements' views, which most checks and the facts read, and the comparison with the
    // shape, which the shape checks read, in slices too (the first reader made each in one go).
    yield* policyStatementsSteps(json, STATEMENT_SLICE);
    yield* json.analysisSteps(SHAPE_SLICE);
  }

  *factsSteps(document: TextDocument): Generator<void, void> {
    const json = this.parsed(document);
    if (json) yield* this.store.keep(document, FACTS, () => jsonFactsSteps(json, basename(document.uri), STATEMENT_SLICE, true));
  }

  private parseOptions(document: TextDocument) {
    return { shapeId: this.configuredShape(document.uri), fileName: basename(document.uri) };
  }

  /**
   * What a JSON document is, for completion and hover: as of its last parse when that was an
   * earlier version of the same document (what a file is does not change while someone types in
   * it, and the next validation parses it again), so a request right after an edit does not wait
   * for a parse it does not need.
   */
  shapeOf(document: TextDocument): JsonShapeInfo | undefined {
    if (!isJsonFile(document) || /\.input\.json$/i.test(document.uri)) return undefined;
    const latest = this.store.latest(document, PARSE);
    if (latest) return latest.shape;
    return this.parsed(document)?.shape;
  }

  /**
   * The checks' tree of the document's latest parse, with the text it was parsed from: of this
   * very version, or of an earlier one while the next validation has not parsed it yet. It is
   * never parsed for the asking.
   */
  latestTree(document: TextDocument): { root: JsonNode; text: string; version: number } | undefined {
    const latest = this.store.latestWithVersion(document, PARSE);
    if (!latest?.value.root) return undefined;
    return { root: latest.value.root, text: latest.value.text, version: latest.version };
  }

  /** Loads the services its policies name, whether or not a check has read them: completion and hover only look them up. */
  prepareFeatures(document: TextDocument): void {
    const json = this.parsed(document);
    if (json && this.host.iam) this.host.iam.prefetch(actionNamesOf(policyStatements(json)));
  }

  facts(document: TextDocument): DocumentFacts {
    const json = this.parsed(document);
    if (!json) return {};
    return this.store.read(document, FACTS) ?? this.store.write(document, FACTS, jsonFacts(json, basename(document.uri), true));
  }

  findingsInput(): undefined {
    return undefined;
  }

  *checks(document: TextDocument, _input: undefined, runChecks: CheckRunner): Generator<void, Finding[]> {
    const json = this.parsed(document)!;
    const context = { uri: document.uri, text: json.text, document: json, iam: this.host.iam };
    // A loose policy's statement-local checks run on the statement a key was typed in, when they can (`json/statementReuse.ts`).
    const policy = json.shape?.kind === 'policy';
    return yield* runChecks(JSON_CHECKS, (check, report) =>
      policy && check.statementLocal ? runStatementLocal(check, context, report) : check.run({ ...context, report }),
    );
  }

  *workspaceChecks(document: TextDocument, _input: undefined, workspace: WorkspaceView, runChecks: CheckRunner): Generator<void, Finding[]> {
    const text = document.getText();
    return yield* runChecks(WORKSPACE_CHECKS, (check, report) =>
      check.run({ uri: document.uri, text, workspace, report, kind: 'json', document: this.parsed(document)! }),
    );
  }

  /** What `gtTemplates.jsonFiles` says a file is: a shape, null for "none of ours", undefined for no setting. */
  private configuredShape(uri: string): JsonShapeId | null | undefined {
    const folder = this.host.folderOf(uri);
    if (!folder) return undefined;
    const relative = decodeURIComponent(uri.slice(folder.length + 1));
    for (const [glob, value] of Object.entries(this.host.jsonFiles())) {
      if (!matchesGlob(relative, glob)) continue;
      if (value === NOT_RECOGNISED) return null;
      if (isShapeId(value)) return value;
    }
    return undefined;
  }
}

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

/** Whether a document is JSON, by its language or its name (a JSON file is never a template). */
export function isJsonFile(document: TextDocument): boolean {
  return JSON_LANGUAGES.has(document.languageId) || languageOfFileName(document.uri) === 'json';
}

/** The action names of statements, `Action` and `NotAction` alike, in one list (not one per statement). */
function actionNamesOf(statements: readonly StatementView[]): string[] {
  const names: string[] = [];
  for (const statement of statements) {
    for (const name of statement.actionNames ?? []) names.push(name);
    for (const name of statement.notActionNames ?? []) names.push(name);
  }
  return names;
}
