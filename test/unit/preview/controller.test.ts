import * as assert from 'node:assert/strict';
import { Clock, PreviewController, PreviewResult } from '../../../client/src/preview/controller';
import type { ResolvedInput } from '../../../client/src/preview/input';
import type { RenderOutcome, RenderRequest, TemplateRenderer } from '../../../client/src/preview/types';

/** Time that moves only when the test says so. */
class FakeClock implements Clock {
  private time = 0;
  private next = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.timers.set(++this.next, { at: this.time + ms, callback });
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.time) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }
}

/** A renderer whose renders finish when the test resolves them. */
class ManualRenderer implements TemplateRenderer {
  readonly id = 'local';
  readonly calls: { request: RenderRequest; finish: (html: string) => void; fail: (error: Error) => void }[] = [];
  render(request: RenderRequest): Promise<RenderOutcome> {
    return new Promise((resolve, reject) => {
      this.calls.push({ request, finish: (html) => resolve({ ok: true, html, issues: [], notes: [] }), fail: reject });
    });
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: { input?: ResolvedInput } = {}) {
  const clock = new FakeClock();
  const renderer = new ManualRenderer();
  const shown: PreviewResult[] = [];
  const doc = { text: 'v1', version: 1 };
  const queue: { pending: number; running: number }[] = [];
  const controller: PreviewController = new PreviewController({
    clock,
    source: async () => ({ template: doc.text, version: doc.version, input: options.input ?? { label: '{}', value: {} }, renderer }),
    show: (result) => shown.push(result),
    busy: () => queue.push({ pending: controller.pending, running: controller.running }),
    debounceMs: () => 100,
  });
  const edit = (text: string) => {
    doc.text = text;
    doc.version++;
    controller.changed();
    queue.push({ pending: controller.pending, running: controller.running });
  };
  const html = () => shown.map((r) => (r.outcome.ok ? r.outcome.html : `failed: ${r.outcome.message}`));
  return { clock, renderer, shown, controller, edit, html, queue };
}

describe('preview controller', () => {
  it('debounces a burst of edits into one render of the latest text', async () => {
    const { clock, renderer, controller, edit, html } = setup();
    edit('a');
    clock.advance(50);
    edit('ab');
    clock.advance(50);
    edit('abc');
    clock.advance(99);
    await flush();
    assert.equal(renderer.calls.length, 0, 'still typing');
    clock.advance(1);
    await flush();
    assert.deepEqual(
      renderer.calls.map((c) => c.request.template),
      ['abc'],
    );
    renderer.calls[0].finish('<p>abc</p>');
    await flush();
    assert.deepEqual(html(), ['<p>abc</p>']);
    assert.deepEqual(controller.stats, { started: 1, cancelled: 0, shown: 1, discarded: 0 });
  });

  it('cancels the render in flight when a newer one starts, and never shows the older one', async () => {
    const { clock, renderer, controller, edit, html, shown } = setup();
    edit('first');
    clock.advance(100);
    await flush();
    edit('second');
    clock.advance(100);
    await flush();
    const [first, second] = renderer.calls;
    assert.equal(first.request.signal.aborted, true, 'the older render was told to stop');
    assert.equal(second.request.signal.aborted, false);
    second.finish('second');
    first.finish('first');
    await flush();
    assert.deepEqual(html(), ['second']);
    assert.deepEqual(
      shown.map((r) => r.version),
      [3],
    );
    assert.deepEqual(controller.stats, { started: 2, cancelled: 1, shown: 1, discarded: 1 });
  });

  it('does not show an older result that finishes before the newer one', async () => {
    const { renderer, controller, html } = setup();
    const older = controller.refresh();
    await flush();
    const newer = controller.refresh();
    await flush();
    renderer.calls[0].finish('old');
    await older;
    assert.deepEqual(html(), []);
    renderer.calls[1].finish('new');
    await newer;
    assert.deepEqual(html(), ['new']);
  });

  it('keeps at most one render waiting and one running while the user types', async () => {
    const { clock, renderer, controller, edit, queue } = setup();
    for (let i = 0; i < 30; i++) {
      edit(`text ${i}`);
      clock.advance(i % 3 === 0 ? 120 : 40);
      await flush();
      assert.ok(controller.pending <= 1 && controller.running <= 1, JSON.stringify({ pending: controller.pending, running: controller.running }));
    }
    assert.ok(queue.every((q) => q.pending <= 1 && q.running <= 1));
    const live = renderer.calls.filter((c) => !c.request.signal.aborted);
    assert.equal(live.length, 1, 'every render but the last was cancelled');
  });

  it('renders only on refresh when live mode is off', async () => {
    const { clock, renderer, controller, edit } = setup();
    controller.live = false;
    edit('x');
    clock.advance(1000);
    await flush();
    assert.equal(renderer.calls.length, 0);
    void controller.refresh();
    await flush();
    assert.equal(renderer.calls.length, 1);
  });

  it('shows an unusable input as the message, without rendering', async () => {
    const { renderer, controller, html } = setup({ input: { label: 'bad.input.json', error: 'The sample input bad.input.json is not valid JSON.' } });
    await controller.refresh();
    assert.equal(renderer.calls.length, 0);
    assert.deepEqual(html(), ['failed: The sample input bad.input.json is not valid JSON.']);
  });

  it('turns a renderer that throws into a message, with URLs redacted', async () => {
    const { renderer, controller, html } = setup();
    const done = controller.refresh();
    await flush();
    renderer.calls[0].fail(new Error('boom at https://bucket.s3.amazonaws.com/k.jpg?X-Amz-Signature=abc'));
    await done;
    assert.deepEqual(html(), ['failed: The preview failed: boom at https://bucket.s3.amazonaws.com/k.jpg?…']);
  });

  it('stops everything on dispose', async () => {
    const { clock, renderer, controller, edit, shown } = setup();
    const done = controller.refresh();
    await flush();
    edit('late');
    controller.dispose();
    clock.advance(1000);
    renderer.calls[0].finish('x');
    await done;
    assert.equal(renderer.calls[0].request.signal.aborted, true);
    assert.equal(renderer.calls.length, 1);
    assert.deepEqual(shown, []);
  });
});
