/** What the preview's parts exchange. Nothing here imports `vscode`, so tests run it in plain Node. */

export type RendererId = 'local' | 'aws';

export const RENDERER_LABELS: Record<RendererId, string> = { local: 'Local', aws: 'AWS RenderUiTemplate' };

/** A template error, located by offsets (local renderer) or by the line and column a message names (AWS). */
export interface PreviewIssue {
  message: string;
  /** The service's `Code`, or `parse` / `render` for the local renderer. */
  code?: string;
  start?: number;
  end?: number;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export type RenderOutcome =
  | { ok: true; html: string; issues: PreviewIssue[]; notes: string[] }
  /** One message that says what went wrong and what to do; never a stack trace. */
  | { ok: false; message: string };

export interface RenderRequest {
  template: string;
  /** The value of `task.input`. */
  input: unknown;
  /** Aborted when a newer render starts or the panel closes. */
  signal: AbortSignal;
}

export interface TemplateRenderer {
  readonly id: RendererId;
  render(request: RenderRequest): Promise<RenderOutcome>;
}
