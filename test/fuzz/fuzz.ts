/**
 * The fuzzer behind issue 10: real templates and policies from the corpus and `examples/`, cut and
 * broken the way text is while it is being typed, sent to the bundled server over stdio with
 * completion, hover, code actions and incremental edits, and to `gtlint`. Seeded, so a run is
 * reproduced by its seed; a failing input is shrunk before it is reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { corpusFiles } from '../helpers/corpus';
import { LspClient } from '../helpers/lspClient';

/** A request that takes longer than this is too slow (the bound, on documents of at most 1 MB). */
export const SLOW_MS = 1000;
/** A request or validation that takes longer than this has hung. */
export const HANG_MS = 5000;

export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'dist/cli.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/fuzz');

/** An offset in the document's text at that point, or a position sent as it is (possibly past the end). */
export type At = { offset: number } | { position: Position };

export type Op = { kind: 'completion' | 'hover'; at: At } | { kind: 'codeAction'; from: At; to: At } | { kind: 'change'; from: At; to: At; text: string };

/** One document and what is done to it, in order: the unit the fuzzer runs, shrinks and keeps. */
export interface Case {
  /** File name; its extension decides what the server takes the document for. */
  name: string;
  languageId: string;
  text: string;
  ops: Op[];
}

export interface Failure {
  case: Case;
  /** The op that failed, or ops.length when the final validation did. */
  op: number;
  reason: string;
}

export interface Stats {
  documents: number;
  requests: number;
  latencies: number[];
  failures: Failure[];
  /** Requests over SLOW_MS whose case ran within it on a fresh server: the machine was busy, not the input hard. */
  unconfirmedSlow: Failure[];
  cliDocuments: number;
  cliFailures: { name: string; text: string; reason: string }[];
}

// Randomness ---------------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

// Inputs -------------------------------------------------------------------------------------

export interface Seed {
  name: string;
  languageId: string;
  text: string;
}

function languageOf(name: string): string {
  if (name.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  return name.endsWith('.liquid') ? 'gt-liquid' : 'html';
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, keep);
    return keep(name) ? [full] : [];
  });
}

/** The corpus templates, the templates and JSON of `examples/`, and the CloudFormation templates of the tests, in a fixed order. */
export function seeds(): Seed[] {
  const files = [
    ...corpusFiles(),
    ...filesUnder(path.join(REPO, 'examples'), (n) => /\.(html|liquid|json|ya?ml)$/.test(n)),
    ...filesUnder(path.join(REPO, 'test/fixtures/cfn'), (n) => /\.(json|ya?ml)$/.test(n)),
  ].sort();
  return files.map((file, i) => {
    const base = path.basename(file);
    // Half the HTML seeds go in as `.liquid`, the other language the server knows templates by.
    const stem = base.replace(/(\.liquid)?\.html$/, '');
    const name = /\.(json|liquid|ya?ml)$/.test(base) ? base : `${stem}${i % 2 ? '.liquid' : '.liquid.html'}`;
    return { name, languageId: languageOf(name), text: readFileSync(file, 'utf8') };
  });
}

/** The seeds that are worker templates (not JSON, not CloudFormation YAML). */
export function templateSeeds(): Seed[] {
  return seeds().filter((s) => s.languageId === 'html' || s.languageId === 'gt-liquid');
}

/** What typing leaves lying around: delimiters half-written, quotes, odd characters. */
export const PIECES = [
  '"',
  "'",
  '<',
  '>',
  '/',
  '=',
  '|',
  '.',
  ':',
  '{{',
  '}}',
  '{%',
  '%}',
  '{{-',
  '-%}',
  '{% ',
  '{{ task.input.',
  '{% for x in x %}',
  '{% assign a = a.b %}',
  '{% endfor %}',
  '{% raw %}',
  '{% comment %}',
  '{% liquid\nassign x = task.input\n',
  '<script',
  '<script>',
  '</script>',
  '<style>',
  '<!--',
  '-->',
  '<crowd-',
  '<crowd-form>',
  '<crowd-input name=',
  ' src="',
  '\uD800',
  '\uDC00',
  '\u0000',
  '\r',
  '\r\n',
  '\t',
  '█',
  '{"',
  '":',
  '[',
  ']',
  ',',
  '\\',
];

/** Offsets where one kind of character gives way to another: where a truncation or a cursor lands while typing. */
export function boundaries(text: string): number[] {
  const kind = (c: string) => (/[\w-]/.test(c) ? 0 : /\s/.test(c) ? 1 : 2);
  const out = [0];
  for (let i = 1; i < text.length; i++) if (kind(text[i]) !== kind(text[i - 1]) || kind(text[i]) === 2) out.push(i);
  out.push(text.length);
  return out;
}

function mutate(rng: Rng, text: string): string {
  const at = () => (rng() < 0.7 ? pick(rng, boundaries(text)) : int(rng, text.length + 1));
  switch (int(rng, 8)) {
    case 0:
      return text.slice(0, at());
    case 1:
    case 2: {
      const i = at();
      return text.slice(0, i) + pick(rng, PIECES) + text.slice(i);
    }
    case 3: {
      const i = at();
      return text.slice(0, i) + text.slice(i + 1 + int(rng, 40));
    }
    case 4: {
      const i = at();
      const span = text.slice(i, i + 1 + int(rng, 200));
      return text.slice(0, i) + span + span + text.slice(i + span.length);
    }
    case 5:
      return rng() < 0.5 ? text.replace(/\n/g, '\r') : text.replace(/\n/g, '\r\n');
    case 6: {
      // Unbalanced Liquid: drop a closer, or open one that never closes.
      const closers = [...text.matchAll(/%\}|\}\}/g)].map((m) => m.index);
      if (closers.length && rng() < 0.5) {
        const i = pick(rng, closers);
        return text.slice(0, i) + text.slice(i + 2);
      }
      const i = at();
      return text.slice(0, i) + pick(rng, ['{%', '{{', '{% if x %}', '{% for a in task.input.b %}']) + text.slice(i);
    }
    default: {
      const i = at();
      return text.slice(0, i) + text.slice(i + int(rng, 3000));
    }
  }
}

function anywhere(rng: Rng, text: string): At {
  const r = rng();
  if (r < 0.55) return { offset: pick(rng, boundaries(text)) };
  if (r < 0.85) return { offset: int(rng, text.length + 1) };
  // Past the end of a line or of the document, as an editor sends while its copy is ahead of ours.
  const lines = text.split(/\r\n|\r|\n/).length;
  return rng() < 0.5
    ? { position: { line: int(rng, lines), character: 200 + int(rng, 100_000) } }
    : { position: { line: lines + int(rng, 50), character: int(rng, 100) } };
}

/** A document: a seed, often cut down to the few dozen bytes on screen while typing, then broken a few times. */
export function generate(rng: Rng, all: Seed[]): Case {
  const seed = pick(rng, all);
  let text = seed.text;
  if (rng() < 0.5) {
    const starts = boundaries(text);
    const start = pick(rng, starts);
    text = text.slice(start, start + 10 + int(rng, 300));
  }
  for (let n = 1 + int(rng, 4); n > 0; n--) text = mutate(rng, text);
  const ops: Op[] = [];
  let mirror = text;
  for (let n = 4 + int(rng, 10); n > 0; n--) {
    const r = rng();
    if (r < 0.35) ops.push({ kind: 'completion', at: anywhere(rng, mirror) });
    else if (r < 0.6) ops.push({ kind: 'hover', at: anywhere(rng, mirror) });
    else if (r < 0.75) ops.push({ kind: 'codeAction', from: anywhere(rng, mirror), to: anywhere(rng, mirror) });
    else {
      const newText = rng() < 0.7 ? pick(rng, PIECES) : '';
      const op: Op = { kind: 'change', from: anywhere(rng, mirror), to: anywhere(rng, mirror), text: newText };
      ops.push(op);
      mirror = applyChange(TextDocument.create('file:///m', 'html', 1, mirror), op).getText();
    }
  }
  return { name: seed.name, languageId: seed.languageId, text, ops };
}

function positionOf(document: TextDocument, at: At): Position {
  return 'offset' in at ? document.positionAt(at.offset) : at.position;
}

function applyChange(document: TextDocument, op: Extract<Op, { kind: 'change' }>): TextDocument {
  const range = { start: positionOf(document, op.from), end: positionOf(document, op.to) };
  return TextDocument.update(document, [{ range, text: op.text }], document.version + 1);
}

// Running ------------------------------------------------------------------------------------

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} got no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** One server, many documents: a document is opened, worked on, checked once more and closed. */
export class Runner {
  private client: LspClient | undefined;
  private folder = mkdtempSync(path.join(tmpdir(), 'gt-fuzz-'));
  private count = 0;

  /**
   * `settle`: wait for the first diagnostics before the ops, so requests are timed on their own
   * and not behind the first validation of a large document (which the fuzzer's small ones skip).
   */
  async run(c: Case, latencies?: number[], settle = false): Promise<Failure | undefined> {
    const client = (this.client ??= await LspClient.start({ rootUri: pathToFileURL(this.folder).href, settings: { gtTemplates: {} } }));
    const uri = `${pathToFileURL(this.folder).href}/${this.count++}-${c.name}`;
    let mirror = TextDocument.create(uri, c.languageId, 1, c.text);
    const fail = async (op: number, reason: string): Promise<Failure> => {
      // The server is suspect after a failure: the next case gets a fresh one.
      this.client = undefined;
      await client.stop().catch(() => undefined);
      return { case: c, op, reason };
    };
    const failed = () => {
      if (client.exit)
        return `crash: the server exited (code ${client.exit.code}, signal ${client.exit.signal}); it said:\n${client.logs.join('').slice(-2000)}`;
      if (client.errors.length) return `exception logged: ${client.errors.join('\n').slice(0, 2000)}`;
      return undefined;
    };
    client.open(uri, c.languageId, c.text);
    if (settle) {
      try {
        await within(
          client.diagnostics(uri, (p) => p.version === 1, HANG_MS * 2),
          HANG_MS,
          'first validation',
        );
      } catch (error) {
        return fail(0, failed() ?? (error instanceof Error ? error.message : String(error)));
      }
    }
    for (const [i, op] of c.ops.entries()) {
      const started = performance.now();
      try {
        if (op.kind === 'change') {
          const range = { start: positionOf(mirror, op.from), end: positionOf(mirror, op.to) };
          client.change(uri, [{ range, text: op.text }]);
          mirror = applyChange(mirror, op);
          continue;
        }
        if (op.kind === 'codeAction') {
          const range = { start: positionOf(mirror, op.from), end: positionOf(mirror, op.to) };
          // With a diagnostic of ours in the context, as the editor sends it: that makes the checks run.
          const diagnostic = { range, message: 'x', code: 'liquid-syntax', source: 'gtlint' };
          await within(client.codeActions(uri, range, [diagnostic]), HANG_MS, 'code actions');
        } else if (op.kind === 'completion') await within(client.completion(uri, positionOf(mirror, op.at)), HANG_MS, 'completion');
        else await within(client.hover(uri, positionOf(mirror, op.at)), HANG_MS, 'hover');
      } catch (error) {
        return fail(i, failed() ?? (error instanceof Error ? error.message : String(error)));
      }
      const ms = performance.now() - started;
      latencies?.push(ms);
      const problem = failed() ?? (ms > SLOW_MS ? `slow: ${op.kind} took ${Math.round(ms)} ms` : undefined);
      if (problem) return fail(i, problem);
    }
    try {
      await within(
        client.diagnostics(uri, (p) => p.version === mirror.version, HANG_MS * 2),
        HANG_MS,
        'validation',
      );
    } catch (error) {
      return fail(c.ops.length, failed() ?? (error instanceof Error ? error.message : String(error)));
    }
    client.close(uri);
    const problem = failed();
    return problem ? fail(c.ops.length, problem) : undefined;
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Whether `c` fails on a fresh server. */
async function fails(c: Case): Promise<boolean> {
  const runner = new Runner();
  try {
    return !!(await runner.run(c));
  } finally {
    await runner.stop();
  }
}

/**
 * A smaller case that still fails: the ops after the failing one go, then the others if the
 * failing op fails alone, then spans of the text (when a single op refers to it, offsets are
 * moved with it). Bounded in tries, since each starts a server.
 */
export async function minimise(failure: Failure, maxTries = 40): Promise<Case> {
  let c: Case = { ...failure.case, ops: failure.case.ops.slice(0, failure.op + 1) };
  let tries = 0;
  const attempt = async (candidate: Case) => {
    if (tries++ >= maxTries) return false;
    if (!(await fails(candidate))) return false;
    c = candidate;
    return true;
  };
  if (c.ops.length > 1) await attempt({ ...c, ops: c.ops.slice(-1) });
  if (c.ops.length > 1) return c;
  for (let chunk = Math.ceil(c.text.length / 2); chunk >= 1 && tries < maxTries; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < c.text.length && tries < maxTries;) {
      const end = Math.min(c.text.length, start + chunk);
      if (!(await attempt(cutOut(c, start, end)))) start = end;
    }
  }
  return c;
}

function cutOut(c: Case, start: number, end: number): Case {
  const move = (at: At): At => ('offset' in at ? { offset: at.offset <= start ? at.offset : Math.max(start, at.offset - (end - start)) } : at);
  const ops = c.ops.map((op): Op => {
    if ('at' in op) return { ...op, at: move(op.at) };
    return { ...op, from: move(op.from), to: move(op.to) };
  });
  return { ...c, text: c.text.slice(0, start) + c.text.slice(end), ops };
}

// gtlint -------------------------------------------------------------------------------------

/** What gtlint must do with any input: exit 0, 1 or 2 within the hang bound, and print no stack trace. */
export function cliProblem(status: number | null, signal: string | null, stderr: string, stdout: string): string | undefined {
  if (signal) return `gtlint was stopped by ${signal} (hang or crash)`;
  if (status !== 0 && status !== 1 && status !== 2) return `gtlint exited with ${status}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr + stdout)) return `gtlint printed a stack trace:\n${stderr.slice(0, 2000)}`;
  return undefined;
}

function runCli(folder: string): { problem?: string } {
  const result = spawnSync(process.execPath, [CLI, folder, '--format', 'json'], { encoding: 'utf8', timeout: HANG_MS * 4, maxBuffer: 64 * 1024 * 1024 });
  return { problem: cliProblem(result.status, result.signal, result.stderr, result.stdout) };
}

/**
 * gtlint over `texts`, written as files: a folder of them at once (one process start for many
 * documents), and one by one only when the folder fails, to name the culprit.
 */
export function fuzzCli(files: { name: string; text: string }[]): { name: string; text: string; reason: string }[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'gt-fuzz-cli-'));
  try {
    files.forEach((f, i) => writeFileSync(path.join(folder, `${i}-${f.name}`), f.text));
    if (!runCli(folder).problem) return [];
    const found: { name: string; text: string; reason: string }[] = [];
    for (const [i, f] of files.entries()) {
      const single = path.join(folder, `single-${i}`);
      mkdirSync(single);
      writeFileSync(path.join(single, f.name), f.text);
      const { problem } = runCli(single);
      if (problem) found.push({ ...f, reason: problem });
    }
    // A failure that needs several files together is still one: report the whole folder.
    return found.length ? found : [{ name: '(the batch)', text: JSON.stringify(files), reason: runCli(folder).problem ?? 'flaky' }];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// A run --------------------------------------------------------------------------------------

export interface RunOptions {
  seed: number;
  docs: number;
  /** Documents also given to gtlint (the first ones of the run). */
  cliDocs: number;
  /** Stop at the first failure (a test), or carry on and collect them all (a long run). */
  stopAtFirst: boolean;
  progress?: (message: string) => void;
}

export async function fuzz(options: RunOptions): Promise<Stats> {
  const rng = random(options.seed);
  const all = seeds();
  const stats: Stats = { documents: 0, requests: 0, latencies: [], failures: [], unconfirmedSlow: [], cliDocuments: 0, cliFailures: [] };
  const runner = new Runner();
  const forCli: { name: string; text: string }[] = [];
  const flushCli = () => {
    stats.cliFailures.push(...fuzzCli(forCli));
    stats.cliDocuments += forCli.length;
    forCli.length = 0;
  };
  try {
    for (let n = 0; n < options.docs; n++) {
      const c = generate(rng, all);
      const failure = await runner.run(c, stats.latencies);
      stats.documents++;
      // Slowness is a property of the input only if it comes back: on a shared machine one request can stall behind others' work.
      if (failure?.reason.startsWith('slow') && !(await fails(failure.case))) {
        stats.unconfirmedSlow.push(failure);
      } else if (failure) {
        stats.failures.push({ ...failure, case: await minimise(failure) });
        if (options.stopAtFirst) break;
      }
      if (n < options.cliDocs) {
        forCli.push({ name: c.name, text: c.text });
        if (forCli.length === 100) flushCli();
      }
      if (n % 500 === 499) options.progress?.(`${n + 1} documents, ${stats.latencies.length} requests, ${stats.failures.length} failures`);
    }
    if (forCli.length) flushCli();
  } finally {
    await runner.stop();
  }
  stats.requests = stats.latencies.length;
  return stats;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

export function summary(stats: Stats): string {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const kinds = (word: string) => stats.failures.filter((f) => f.reason.startsWith(word)).length;
  return [
    `${stats.documents} documents, ${stats.requests} requests: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? 0)}`,
    `crashes ${kinds('crash')}, hangs ${kinds('hang')}, exceptions ${kinds('exception')}, slow requests ${kinds('slow')} (and ${stats.unconfirmedSlow.length} that ran within ${SLOW_MS} ms when repeated)`,
    `gtlint: ${stats.cliDocuments} documents, ${stats.cliFailures.length} failures`,
  ].join('\n');
}

/** A failure as it is kept in test/fixtures/fuzz and printed: what happened, and the case to replay. */
export function describeFailure(source: string, failure: Failure): string {
  return `${source}: ${failure.reason}\nminimised input (save as test/fixtures/fuzz/<name>.json to keep it):\n${JSON.stringify(failure.case)}`;
}
