/**
 * The contract between checks and the rest of the service. A check reads one parsed document
 * (or the workspace index) and reports findings with offsets; the service turns them into
 * diagnostics, quick fixes, CLI lines and SARIF results.
 */
import type { IamReference } from '../domain/iamReference';
import type { JsonDocument } from '../json/document';
import type { TemplateDocument } from '../template/document';
import type { SampleInput } from '../sampleInput';
import type { WorkspaceView } from '../workspace/view';

/** What `gtTemplates.checks.<code>` may say: a severity, or `off`. */
export const SEVERITY_SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];
export type Severity = Exclude<SeveritySetting, 'off'>;

/** `template` and `json` checks read one document; `workspace` checks compare it with the other files. */
export type CheckScope = 'template' | 'json' | 'workspace';

export interface CheckMeta {
  /** Kebab-case; the same string names the file, the diagnostic code, the setting and the doc page. */
  code: string;
  /** A short noun phrase ("Unknown filter"). */
  title: string;
  /** One or two sentences: what it reports and why it matters. */
  description: string;
  severity: Severity;
  scope: CheckScope;
  /** Whether at least one finding of this check carries a quick fix. */
  fixable: boolean;
  /**
   * Reads only the text, never the parsed document: it still runs on documents too large for
   * the others (`MAX_CHECKED_LENGTH`).
   */
  textOnly?: boolean;
}

/** A text replacement on offsets of the document the finding is in. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Another file, as a cross-file fix finds it when the user asks for the fix. */
export interface OtherFile {
  text: string;
  /** Its JSON tree, for a JSON file. */
  json?: JsonDocument;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /**
   * Edits in other files (cross-file fixes), keyed by URI, worked out when the fix is asked for,
   * against that file's text then: findings outlive edits to other files that change no fact, so
   * offsets taken while checking would land in the wrong place. Undefined when the file no longer
   * takes the fix.
   */
  otherEdits?: Record<string, (file: OtherFile) => OffsetEdit[] | undefined>;
  preferred?: boolean;
}

export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  message: string;
}

export interface Report {
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Overrides the check's default severity for this finding (e.g. a hint-level variant). */
  severity?: Severity;
  /** Rendered faded (LSP's DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
}

export interface Finding extends Report {
  code: string;
  severity: Severity;
  uri: string;
}

export interface TemplateCheckContext {
  uri: string;
  text: string;
  /** Parsed on first use. */
  readonly document: TemplateDocument;
  /** The associated sample `task.input`, when there is one. */
  sampleInput?: SampleInput;
  report(report: Report): void;
}

/**
 * What a check's `run` returns: nothing, or its run as steps (a generator that yields between
 * parts of the document), which the service runs a step at a time so that a request arriving
 * meanwhile waits for one step, not for a check over a whole 1 MB document (`stepEvery`).
 */
export type CheckRun = void | Generator<void, void>;

export interface TemplateCheck {
  meta: CheckMeta & { scope: 'template' };
  run(context: TemplateCheckContext): CheckRun;
}

export interface JsonCheckContext {
  uri: string;
  text: string;
  /** A recognised JSON document (see `json/kinds.ts`). */
  document: JsonDocument;
  /** AWS's list of actions, when the host supplies it. */
  iam?: IamReference;
  report(report: Report): void;
}

export interface JsonCheck {
  meta: CheckMeta & { scope: 'json' };
  run(context: JsonCheckContext): CheckRun;
  /**
   * What it reports on a policy's statement depends on that statement alone (and AWS's reference
   * data), and lies in it: it reads the document through `policyStatements`, `policyConditions`
   * and the typed values of `analysis`, nothing else of a policy. After a key inside one
   * statement of a loose policy, it runs on that statement and the others' reports are reused
   * (`json/statementReuse.ts`).
   */
  statementLocal?: true;
  /**
   * The part of the check that depends on other files, run in the cross-file pass on the
   * documents a CloudFormation template embeds (`run` leaves them to it): what the template
   * cannot say may be said by a file beside it (an UpdateWorkteam request).
   */
  crossFile?(context: Extract<WorkspaceCheckContext, { kind: 'json' }>): CheckRun;
}

/** The document being checked, with the other files' facts. */
export type WorkspaceCheckContext = {
  uri: string;
  text: string;
  workspace: WorkspaceView;
  report(report: Report): void;
} & (
  { kind: 'template'; /** Parsed on first use. */ readonly template: TemplateDocument; sampleInput?: SampleInput } | { kind: 'json'; document: JsonDocument }
);

export interface WorkspaceCheck {
  meta: CheckMeta & { scope: 'workspace' };
  run(context: WorkspaceCheckContext): CheckRun;
}

export type Check = TemplateCheck | JsonCheck | WorkspaceCheck;

/**
 * A template of tens of thousands of unclosed tags would otherwise send as many diagnostics on
 * every keystroke; past this many of one check, the first ones say all there is to say.
 */
export const MAX_FINDINGS_PER_CHECK = 1000;
