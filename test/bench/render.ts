/**
 * The preview's speed: a local re-render of the corpus median template and of a 1 MB template,
 * alone and with the panel page built around it (parse of the result, frame, answer view, CSP),
 * and live typing against the 1 MB template, counting queued renders. Prints figures and
 * budgets; fails only on a crash or on live mode queueing more than one render.
 *
 *   node out/test/bench/render.js [--runs N]
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PreviewController, systemClock } from '../../client/src/preview/controller';
import { buildWebviewHtml, newNonce } from '../../client/src/preview/html';
import { LocalTemplateRenderer } from '../../client/src/preview/localRenderer';
import { previewPolicy } from '../../client/src/preview/policy';
import { renderPresigner } from '../../client/src/preview/presigners';
import { buildTemplateFrame } from '../../client/src/preview/templateFrame';
import { answerFields } from '../../server/src/render/answer';
import { renderTemplate } from '../../server/src/render/liquid';
import { parseTemplate } from '../../server/src/service/template/parser';
import { corpusFiles } from '../helpers/corpus';
import { GENERATED_INPUT, generateTemplate } from '../helpers/generate';
import { generatedInput } from '../helpers/sampleInput';

const BUDGETS = { median: 20, large: 300 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

async function renderOnly(template: string, input: unknown): Promise<void> {
  const result = await renderTemplate(template, input);
  if (result.errors.length) throw new Error(`render errors: ${result.errors.map((e) => e.message).join('; ')}`);
}

/** What the panel does for one render: render, parse the result, build the frame, the answer and the page. */
async function renderAndPage(template: string, input: unknown): Promise<void> {
  const result = await renderTemplate(template, input);
  const parsed = parseTemplate(result.html);
  const nonce = newNonce();
  const policy = previewPolicy(true, { renderer: 'local', allowScripts: false, allowRemoteContent: false, presign: 'placeholder' });
  const frame = buildTemplateFrame(parsed, { nonce, scripts: false });
  buildWebviewHtml(
    {
      templateName: 'bench',
      renderer: 'local',
      live: true,
      showAnswer: true,
      policy,
      frame,
      answer: answerFields(parsed),
      result: { seq: 1, version: 1, renderer: 'local', input: { label: 'x' }, outcome: { ok: true, html: result.html, issues: [], notes: [] }, elapsedMs: 0 },
    },
    { cspSource: 'http://127.0.0.1', scriptUri: 'http://127.0.0.1/p.js', nonce },
  );
}

async function time(action: () => Promise<void>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await action();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    out.push(performance.now() - start);
  }
  return out;
}

/** Types into the 1 MB template every 20 ms with live mode on; returns the most renders ever waiting and running. */
async function liveTyping(template: string): Promise<{ maxPending: number; maxRunning: number; stats: PreviewController['stats'] }> {
  let text = template;
  let version = 1;
  const renderer = new LocalTemplateRenderer(() => renderPresigner({ mapping: {}, loadFile: async () => undefined }));
  let shown = 0;
  let maxPending = 0;
  let maxRunning = 0;
  const sample = () => {
    maxPending = Math.max(maxPending, controller.pending);
    maxRunning = Math.max(maxRunning, controller.running);
  };
  const controller: PreviewController = new PreviewController({
    clock: systemClock,
    source: async () => ({ template: text, version, input: { label: 'bench', value: GENERATED_INPUT }, renderer }),
    show: () => {
      shown++;
      sample();
    },
    debounceMs: () => 50,
  });
  const middle = text.indexOf('\n', text.length / 2);
  for (let i = 0; i < 30; i++) {
    text = `${text.slice(0, middle)}x${text.slice(middle)}`;
    version++;
    controller.changed();
    sample();
    await new Promise((resolve) => setTimeout(resolve, i % 10 === 9 ? 120 : 20));
    sample();
  }
  while (controller.pending || controller.running) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    sample();
  }
  if (!shown) throw new Error('live typing never showed a render');
  return { maxPending, maxRunning, stats: controller.stats };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf('--runs') + 1] || 100) || 100;
  const files = corpusFiles().sort((a, b) => statSync(a).size - statSync(b).size);
  const medianFile = files[Math.floor(files.length / 2)];
  const median = readFileSync(medianFile, 'utf8');
  const medianInput = generatedInput(median);
  const large = generateTemplate(1_000_000);

  const rows: [string, number[], number][] = [
    [
      `corpus median (${medianFile.split('/gt-task-uis/')[1]}, ${median.length.toLocaleString('en-US')} chars): render`,
      await time(() => renderOnly(median, medianInput), runs, 20),
      BUDGETS.median,
    ],
    ['corpus median: render + panel page', await time(() => renderAndPage(median, medianInput), runs, 20), BUDGETS.median],
    [
      `1 MB template (${large.length.toLocaleString('en-US')} chars): render`,
      await time(() => renderOnly(large, GENERATED_INPUT), Math.max(5, runs / 10), 2),
      BUDGETS.large,
    ],
    ['1 MB template: render + panel page', await time(() => renderAndPage(large, GENERATED_INPUT), Math.max(5, runs / 10), 2), BUDGETS.large],
  ];
  console.log('local preview re-render (ms)');
  console.log(`  ${'case'.padEnd(78)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}  budget`);
  for (const [label, values, budget] of rows) {
    const p95 = percentile(values, 95);
    console.log(`  ${label.padEnd(78)} ${fmt(percentile(values, 50)).padStart(7)} ${fmt(p95).padStart(7)}  ${budget} ${p95 <= budget ? 'ok' : 'OVER'}`);
  }
  const live = await liveTyping(large);
  console.log(
    `live typing into the 1 MB template (30 keys): at most ${live.maxPending} render waiting and ${live.maxRunning} running; ` +
      `${live.stats.started} started, ${live.stats.cancelled} cancelled, ${live.stats.shown} shown, ${live.stats.discarded} discarded`,
  );
  if (live.maxPending > 1 || live.maxRunning > 1) throw new Error('live mode queued more than one render');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
