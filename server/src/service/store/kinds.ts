/**
 * The kinds of document the service checks, and what each must provide: where a new kind plugs in.
 *
 * What a file is decides everything else: `templateFiles.ts` says first whether it is a template or
 * a sample input (the preview asks it too), then the kinds below are asked in the order the
 * service lists them (`LanguageService`'s `kinds`), once per version and recognition epoch.
 *
 * To add a kind (as `store/cloudformation.ts` added CloudFormation templates, YAML or JSON, whose
 * embedded policies are handed to the JSON checks as documents of their own):
 * 1. add its name to `CheckedKind`;
 * 2. write its analyses in `store/<kind>.ts`, a class implementing `KindAnalyses`: its parse and
 *    whatever it derives are memos of the store (`memo()` in `store/store.ts`), so they follow the
 *    store's one rule and are dropped with the document; an embedded policy can be handed to the
 *    JSON checks as a `JsonDocument` of its own;
 * 3. list it in the service's `kinds`, after the kinds that must win over it;
 * 4. give its checks a context in `checks/types.ts` and a list in `checks/registry.ts`, and its
 *    cross-file facts a kind in `workspace/facts.ts` if other files' checks read them.
 * Its completion and hover, if any, are dispatched by kind in `LanguageService`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Check, Finding, Report } from '../checks/types';
import type { SampleInput } from '../sampleInput';
import type { DocumentFacts } from '../workspace/facts';
import type { WorkspaceView } from '../workspace/view';

/** The kinds whose documents are checked. */
export type CheckedKind = 'template' | 'json' | 'cloudformation';

/** What a document is: a checked kind, a template's sample input, or nothing the service reads for itself. */
export type DocumentKind = CheckedKind | 'sample-input' | 'other';

/**
 * Runs checks on a document a step at a time: the service's loop, which applies the severities,
 * caps the findings of a check and keeps a failing check from taking the others down.
 */
/**
 * The service's loop over a list of checks. `run` runs one check; it may return the check's run
 * as steps (a generator), which the loop runs a step at a time: a check over many parts of a
 * document (a CloudFormation template's embedded documents) yields between them.
 */
export type CheckRunner = <C extends Check>(
  checks: readonly C[],
  run: (check: C, report: (r: Report) => void) => void | Generator<void, void>,
) => Generator<void, Finding[]>;

/** What the service needs of a kind of document it checks. */
export interface KindAnalyses {
  readonly kind: CheckedKind;
  /** Whether a document is of this kind, once `templateFiles.ts` has said it is neither a template nor a sample input. */
  recognise(document: TextDocument): boolean;
  /**
   * The parse `recognise` reads, in slices, for a validation to run before it asks what the
   * document is (the parse of a large file is otherwise one long step); nothing to do for a
   * document that is not of the kind's syntax or is parsed at this version already.
   */
  parseSteps?(document: TextDocument): Generator<void, void>;
  /**
   * Its cross-file facts in slices, as `facts` works them out in one go: for a host to run after
   * the document's diagnostics are out (its own checks do not read them; other files' do), or
   * while it indexes the workspace.
   */
  factsSteps?(document: TextDocument): Generator<void, void>;
  /** Its cross-file facts, for the workspace index (once per version and recognition epoch). */
  facts(document: TextDocument): DocumentFacts;
  /**
   * The other analysis its findings read besides its text (a template's sample input): part of
   * the findings' memo, compared by identity.
   */
  findingsInput(document: TextDocument): SampleInput | undefined;
  /** Its own checks, a step at a time. */
  checks(document: TextDocument, input: SampleInput | undefined, runChecks: CheckRunner): Generator<void, Finding[]>;
  /** Its cross-file checks against the other files' facts, a step at a time. */
  workspaceChecks(document: TextDocument, input: SampleInput | undefined, workspace: WorkspaceView, runChecks: CheckRunner): Generator<void, Finding[]>;
}
