/**
 * What a cross-file check sees of the workspace: the facts of the other files of its workspace
 * folder, by kind. Types only: the checks and the kinds of document depend on this, the index
 * (`index.ts`) implements it.
 */
import type { CorsFacts, DocumentFacts, IpGate, JobFacts, TemplateFacts, TrustFacts, WorkforceFacts, WorkteamFacts } from './facts';

export interface Indexed<F> {
  uri: string;
  /** The file as messages name it: relative to its workspace folder. */
  path: string;
  facts: F;
}

/** The other files of the same workspace folder, as the cross-file checks see them. */
export interface WorkspaceView {
  templates(): Indexed<TemplateFacts>[];
  workteams(): Indexed<WorkteamFacts>[];
  workforces(): Indexed<WorkforceFacts>[];
  jobs(): Indexed<JobFacts>[];
  trusts(): Indexed<TrustFacts>[];
  ipGates(): Indexed<IpGate[]>[];
  cors(): Indexed<CorsFacts>[];
  /**
   * The facts of the document being checked. A JSON file validated in steps has its facts worked
   * out after its diagnostics (`LanguageService.factsSteps`): asking for them here works them out
   * now, in one step (milliseconds for a large policy). A check asks the other files first, and
   * this only when they give it something to compare (`bucket-ip-allowlist-mismatch`).
   */
  self(): DocumentFacts | undefined;
}
