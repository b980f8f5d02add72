/**
 * The preview's scheduling, free of VS Code: live mode debounces edits; starting a render cancels
 * the one in flight (its AbortSignal fires); a result is shown only if no newer render has
 * started since (sequence numbers), so an older result never replaces a newer one. At most one
 * render waits (the debounce timer) and at most one runs.
 */
import type { ResolvedInput } from './input';
import type { RenderOutcome, RendererId, TemplateRenderer } from './types';
import { redact } from './redact';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What one render works from, read when it starts (so it sees the latest text). */
export interface RenderSource {
  template: string;
  version: number;
  input: ResolvedInput;
  renderer: TemplateRenderer;
}

export interface PreviewResult {
  seq: number;
  version: number;
  renderer: RendererId;
  input: ResolvedInput;
  outcome: RenderOutcome;
  elapsedMs: number;
}

export interface ControllerDeps {
  clock: Clock;
  source(): Promise<RenderSource>;
  show(result: PreviewResult): void;
  /** Whether a render is running, for a progress hint in the panel. */
  busy?(busy: boolean): void;
  /** How long live mode waits after the last edit. */
  debounceMs(): number;
}

export interface ControllerStats {
  started: number;
  cancelled: number;
  shown: number;
  /** Finished after a newer render had started, so not shown. */
  discarded: number;
}

export class PreviewController {
  live = true;
  readonly stats: ControllerStats = { started: 0, cancelled: 0, shown: 0, discarded: 0 };
  private seq = 0;
  private timer: unknown;
  private inFlight: { seq: number; abort: AbortController; done: Promise<void> } | undefined;
  private disposed = false;

  constructor(private readonly deps: ControllerDeps) {}

  /** The template or its input changed. */
  changed(): void {
    if (!this.live || this.disposed) return;
    this.cancelTimer();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      void this.start();
    }, this.deps.debounceMs());
  }

  /** Renders now (a command, the panel opening, a setting change); resolves when that render is done. */
  refresh(): Promise<void> {
    this.cancelTimer();
    return this.start();
  }

  /** Renders waiting for the debounce (0 or 1). */
  get pending(): number {
    return this.timer === undefined ? 0 : 1;
  }

  /** Renders running (0 or 1). */
  get running(): number {
    return this.inFlight ? 1 : 0;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.inFlight?.abort.abort();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const seq = ++this.seq;
    if (this.inFlight) {
      this.inFlight.abort.abort();
      this.stats.cancelled++;
    }
    const abort = new AbortController();
    this.stats.started++;
    this.deps.busy?.(true);
    const done = this.run(seq, abort.signal).finally(() => {
      if (this.inFlight?.seq !== seq) return;
      this.inFlight = undefined;
      this.deps.busy?.(false);
    });
    this.inFlight = { seq, abort, done };
    return done;
  }

  private async run(seq: number, signal: AbortSignal): Promise<void> {
    const started = this.deps.clock.now();
    let source: RenderSource | undefined;
    let outcome: RenderOutcome;
    try {
      source = await this.deps.source();
      if (signal.aborted) return this.discard();
      outcome = source.input.error
        ? { ok: false, message: source.input.error }
        : await source.renderer.render({ template: source.template, input: source.input.value, signal });
    } catch (error) {
      outcome = { ok: false, message: `The preview failed: ${redact(error instanceof Error ? error.message : String(error))}` };
    }
    if (seq !== this.seq || signal.aborted || this.disposed) return this.discard();
    this.stats.shown++;
    this.deps.show({
      seq,
      version: source?.version ?? -1,
      renderer: source?.renderer.id ?? 'local',
      input: source?.input ?? { label: '(not read)' },
      outcome,
      elapsedMs: this.deps.clock.now() - started,
    });
  }

  private discard(): void {
    this.stats.discarded++;
  }
}
