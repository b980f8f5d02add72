/**
 * The analyses of CloudFormation templates (JSON or YAML, CDK's synthesized ones included): the
 * parse, which says whether a file is one, and the JSON checks run on each policy, CORS rule set,
 * endpoint and workteam embedded in it (`cfn/`). Listed after the JSON kind: a file AWS reads as
 * a policy or a request is that, not a template.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { JSON_CHECKS, WORKSPACE_CHECKS } from '../checks/registry';
import type { Finding, JsonCheck, WorkspaceCheck } from '../checks/types';
import { runCheckOnTemplate } from '../cfn/checks';
import { succeeds } from '../cfn/reuse';
import { cloudFormationOf, cloudFormationSteps, isYamlDocument, runWorkspaceCheck } from '../cfn/documents';
import { embeddedDocumentsSteps } from '../cfn/embedded';
import { cloudFormationFacts, cloudFormationFactsSteps } from '../cfn/facts';
import type { CloudFormationTemplate } from '../cfn/template';
import type { IamReference } from '../domain/iamReference';
import type { DocumentFacts } from '../workspace/facts';
import type { WorkspaceView } from '../workspace/view';
import { type JsonAnalyses, isJsonFile } from './json';
import type { CheckRunner, KindAnalyses } from './kinds';
import { DocumentStore, memo } from './store';

/** Templates kept parsed: the documents being edited are among the most recently used. */
const MAX_TEMPLATES = 32;

/** The parse, or `null` for a file that is no template; `recognition` because the JSON parse it reads is. */
/** YAML tokens a validation's parse reads between two yields (about a millisecond's work). */
const YAML_SLICE = 250;
/** Resources whose embedded documents a validation works out between two yields. */
const RESOURCE_SLICE = 32;

const PARSE = memo<CloudFormationTemplate | null>('CloudFormation parse', 'recognition', { keep: MAX_TEMPLATES });
/** A template's cross-file facts, worked out from its parse. */
const FACTS = memo<DocumentFacts>('CloudFormation facts', 'recognition', { keep: MAX_TEMPLATES });

/** The checks of the cross-file pass: the workspace checks, and the JSON checks' parts that read other files. */
const CROSS_FILE_CHECKS: readonly (WorkspaceCheck | JsonCheck)[] = [...WORKSPACE_CHECKS, ...JSON_CHECKS.filter((c) => c.crossFile)];

/** What CloudFormation analyses need of the service. */
export interface CloudFormationHost {
  readonly iam?: IamReference;
}

export class CloudFormationAnalyses implements KindAnalyses {
  readonly kind = 'cloudformation';

  constructor(
    private readonly store: DocumentStore,
    private readonly json: JsonAnalyses,
    private readonly host: CloudFormationHost,
  ) {}

  /**
   * Whether a document is a template: as of its last parse when that was an earlier version of
   * the same document and found one (what a file is does not change while someone types in it;
   * the next validation parses this version), so the request that follows a keystroke does not
   * parse a large YAML file first.
   */
  recognise(document: TextDocument): boolean {
    if (this.store.latest(document, PARSE)) return true;
    return !!this.parsed(document);
  }

  /** The template as of the document's latest parse, maybe of an earlier version; never parsed for the asking. */
  latest(document: TextDocument): CloudFormationTemplate | undefined {
    return this.store.latest(document, PARSE) ?? undefined;
  }

  /** The template a document is, parsed once per version; undefined when it is none. */
  parsed(document: TextDocument): CloudFormationTemplate | undefined {
    const kept = this.store.read(document, PARSE);
    if (kept !== undefined) return kept ?? undefined;
    const previous = this.store.last(document.uri, PARSE) ?? undefined;
    const template = cloudFormationOf(document, () => this.json.parsed(document), previous);
    if (template) succeeds(template, previous);
    return this.store.write(document, PARSE, template ?? null) ?? undefined;
  }

  /**
   * A YAML file's parse in slices (a JSON template is read from the JSON parse, which is sliced
   * there), then the documents the checks read, in slices too (the first check made them all in
   * one go).
   */
  *parseSteps(document: TextDocument): Generator<void, void> {
    const json = this.json;
    // The template as of an earlier version (any reading of any text will do): an edit re-reads
    // only the YAML pieces it touched, and the checks reuse what they found in the others.
    const previous = this.store.last(document.uri, PARSE) ?? undefined;
    if (isYamlDocument(document)) {
      yield* this.store.keep(document, PARSE, function* (this: void) {
        const template = yield* cloudFormationSteps(document, () => json.parsed(document), YAML_SLICE, previous);
        if (template) succeeds(template, previous);
        return template ?? null;
      });
    } else if (!isJsonFile(document)) return;
    const template = this.parsed(document);
    if (!template) return;
    yield* embeddedDocumentsSteps(template, RESOURCE_SLICE);
  }

  /** Its cross-file facts in slices, after its diagnostics (`KindAnalyses.factsSteps`), or when its own cross-file checks read them (`WorkspaceView.self`). */
  *factsSteps(document: TextDocument): Generator<void, void> {
    const template = this.parsed(document);
    if (template) yield* this.store.keep(document, FACTS, () => cloudFormationFactsSteps(template, RESOURCE_SLICE));
  }

  facts(document: TextDocument): DocumentFacts {
    const template = this.parsed(document);
    if (!template) return {};
    return this.store.read(document, FACTS) ?? this.store.write(document, FACTS, cloudFormationFacts(template));
  }

  findingsInput(): undefined {
    return undefined;
  }

  *checks(document: TextDocument, _input: undefined, runChecks: CheckRunner): Generator<void, Finding[]> {
    const template = this.parsed(document);
    if (!template) return [];
    return yield* runChecks(JSON_CHECKS, (check, report) => runCheckOnTemplate(template, check, this.host.iam, report));
  }

  *workspaceChecks(document: TextDocument, _input: undefined, workspace: WorkspaceView, runChecks: CheckRunner): Generator<void, Finding[]> {
    const template = this.parsed(document);
    if (!template) return [];
    const base = { uri: document.uri, text: document.getText(), workspace };
    return yield* runChecks(CROSS_FILE_CHECKS, (check, report) =>
      runWorkspaceCheck(template, (context) => ('crossFile' in check ? check.crossFile?.(context) : check.run(context)), base, report),
    );
  }
}
