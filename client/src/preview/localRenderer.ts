/** The offline renderer behind the preview's renderer interface. */
import { lineColumnAt, type Presigner, renderTemplate } from '../../../server/src/api';
import type { RenderOutcome, RenderRequest, TemplateRenderer } from './types';

/** A presigner for one render, and what the panel should know about how it went. */
export interface RenderPresigner extends Presigner {
  /** Read after the render: e.g. why AWS presigning fell back to placeholders. */
  notes(): string[];
}

export class LocalTemplateRenderer implements TemplateRenderer {
  readonly id = 'local';

  constructor(private readonly presigner: () => RenderPresigner) {}

  async render({ template, input }: RenderRequest): Promise<RenderOutcome> {
    const presigner = this.presigner();
    const result = await renderTemplate(template, input, { presigner });
    return {
      ok: true,
      html: result.html,
      issues: result.errors.map((e) => ({ message: e.message, code: e.kind, start: e.start, end: e.end, ...lineColumnAt(template, e.start) })),
      notes: presigner.notes(),
    };
  }
}
