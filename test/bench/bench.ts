/**
 * `npm run bench`: the language server's speed and memory as an editor sees them, over stdio
 * against the real bundled server, next to an empty vscode-languageserver measured in the same
 * run. Prints each figure, its ratio to the empty server and the budget; it never fails on
 * time (these machines are shared and noisy), only on a crash or a hang. Worker templates and
 * IAM policies (JSON) are measured against the same budgets.
 *
 * Each workload starts a fresh server and measures from the first request on, with no warm-up
 * (its open is the median of `OPEN_SAMPLES` fresh servers' opens):
 * the first completion after the file opens and the first after each keystroke are among the
 * samples, as they are among what a user feels. Another workload opens a thousand templates
 * beside a workteam, closes them all and asks for a hover.
 *
 *   node out/test/bench/bench.js [--sizes 1k,100k,1m,5m|none] [--kinds template,policy,cloudformation] [--samples N] [--many N|0] [--json file] [--server dist/server.js]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { corpusFiles } from '../helpers/corpus';
import { GENERATED_INPUT, generateCloudFormation, generatePolicy, generateTemplate } from '../helpers/generate';
import { LspClient, SERVER } from '../helpers/lspClient';
import { PACKAGE_DATA } from '../helpers/service';
import { iamDataFrom } from '../../server/src/iamData';
import { createLanguageService } from '../../server/src/service/languageService';

const EMPTY_SERVER = path.join(__dirname, 'emptyServer.js');

interface Size {
  label: string;
  chars: number;
}

const ALL_SIZES: Record<string, Size> = {
  '1k': { label: '1 KB', chars: 1_000 },
  '10k': { label: '10 KB', chars: 10_000 },
  '100k': { label: '100 KB', chars: 100_000 },
  '1m': { label: '1 MB', chars: 1_000_000 },
  '5m': { label: '5 MB', chars: 5_000_000 },
};

/** Budgets from the issue, in ms (RSS in MB). */
const BUDGETS: Record<string, Partial<Record<keyof Figures, number>>> = {
  '1 KB': { completionP99: 10, completionMax: 20, hoverP99: 10, hoverMax: 20 },
  '100 KB': { open: 100, edit: 50, completionP99: 10, completionMax: 20, hoverP99: 10, hoverMax: 20, rss: 120 },
  '1 MB': { open: 250, edit: 100, completionP99: 10, completionMax: 20, hoverP99: 10, hoverMax: 20, rss: 150 },
};
const COLD_START_BUDGET = 400;

interface Figures {
  open: number;
  edit: number;
  burst: number;
  completionP50: number;
  completionP95: number;
  completionP99: number;
  completionMax: number;
  hoverP50: number;
  hoverP95: number;
  hoverP99: number;
  hoverMax: number;
  firstCompletion: number;
  completionAfterKey: number;
  rss: number;
}

const MARKER_LINE = '  <img src="{{ task.input.items[0].image | grant_read_access }}" alt="marker">\n';

function args() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const sizeList = value('--sizes') ?? '1k,100k,1m,5m';
  const sizes = (sizeList === 'none' ? [] : sizeList.split(',')).map((s) => {
    const size = ALL_SIZES[s.trim().toLowerCase()];
    if (!size) throw new Error(`unknown size ${s}; use ${Object.keys(ALL_SIZES).join(', ')}`);
    return size;
  });
  const kinds = (value('--kinds') ?? KINDS.join(',')).split(',').map((k) => {
    const kind = k.trim().toLowerCase() as Kind;
    if (!KINDS.includes(kind)) throw new Error(`unknown kind ${k}; use ${KINDS.join(', ')}`);
    return kind;
  });
  return {
    sizes,
    kinds,
    samples: Number(value('--samples') ?? 200),
    many: Number(value('--many') ?? 1000),
    json: value('--json'),
    // Another build of the server (e.g. a copy of an earlier dist/server.js), to compare two on one machine.
    server: path.resolve(value('--server') ?? SERVER),
  };
}

const KINDS = ['template', 'policy', 'cloudformation'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABELS: Record<Kind, string> = { template: 'template', policy: 'policy (JSON)', cloudformation: 'CloudFormation (YAML)' };

interface Subject {
  /** File name, without the folder. */
  name: string;
  languageId: string;
  text: string;
  completionAt: Position;
  hoverAt: Position;
  editAt: Position;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed<T>(action: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** Where requests go in a marker: the offset of `text` in it, plus `delta`. */
type Place = [text: string, delta: number];

/**
 * `body` with `marker` inserted at the start of the first line after its middle that `boundary`
 * (a pattern starting with the newline before that line) finds, and the places of the requests.
 */
function subjectWith(
  name: string,
  languageId: string,
  body: string,
  boundary: RegExp,
  marker: string,
  places: { completion: Place; hover: Place; edit: Place },
): Subject {
  const finder = new RegExp(boundary.source, 'g');
  finder.lastIndex = Math.floor(body.length / 2);
  const middle = (finder.exec(body)?.index ?? body.length - 1) + 1;
  const text = body.slice(0, middle) + marker + body.slice(middle);
  const document = TextDocument.create('file:///x', languageId, 1, text);
  const at = ([needle, delta]: Place) => document.positionAt(middle + marker.indexOf(needle) + delta);
  return { name, languageId, text, completionAt: at(places.completion), hoverAt: at(places.hover), editAt: at(places.edit) };
}

const fileStem = (size: Size) => `bench-${size.label.replace(/\s/g, '')}`;

/** The template with a marker line in the middle: completion and hover on its filter. */
function templateSubject(size: Size): Subject {
  return subjectWith(`${fileStem(size)}.liquid.html`, 'html', generateTemplate(size.chars), /\n/, MARKER_LINE, {
    completion: ['grant_read_access', 0],
    hover: ['grant_read_access', 3],
    // Inside the alt text of the marker: typing there changes no finding.
    edit: ['marker', 1],
  });
}

const MARKER_STATEMENT = `    {
      "Sid": "BenchMarker",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bench-input/*",
      "Condition": { "NotIpAddress": { "aws:SourceIp": ["203.0.113.0/24"] } }
    },
`;

/** The policy with a marker statement in the middle: completion and hover on its condition key. */
function policySubject(size: Size): Subject {
  return subjectWith(`${fileStem(size)}.policy.json`, 'json', generatePolicy(size.chars), /\n {4}\{\n/, MARKER_STATEMENT, {
    // Inside the condition key: the keys that suit NotIpAddress.
    completion: ['"aws:SourceIp"', 1],
    hover: ['"aws:SourceIp"', 5],
    // Inside the Sid: typing there changes no finding.
    edit: ['BenchMarker', 5],
  });
}

const MARKER_RESOURCE = `  BenchMarkerPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: bench-input
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: BenchMarker
            Effect: Deny
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::bench-input/*
            Condition:
              NotIpAddress:
                aws:SourceIp:
                  - 203.0.113.0/24
`;

/** The CloudFormation template with a marker bucket policy in the middle (a resource starts on a line indented by two spaces). */
function cloudFormationSubject(size: Size): Subject {
  return subjectWith(`${fileStem(size)}.stack.yaml`, 'yaml', generateCloudFormation(size.chars), /\n {2}[A-Za-z]/, MARKER_RESOURCE, {
    completion: ['aws:SourceIp', 0],
    hover: ['aws:SourceIp', 4],
    edit: ['BenchMarker', 5],
  });
}

interface InProcess {
  /** Median of 10 validations after an edit, and of their longest step (ms). */
  median: number;
  longestStep: number;
  /** What one completion and one hover at the subject's places allocate (KB, mean of 100 each). */
  completionKB: number;
  hoverKB: number;
}

/**
 * What the subject costs in this process, with no server, client or delay around it: the
 * medians, over 10 edits at its edit place, of running `diagnosticsSteps` to the end and of its
 * longest step, and what a completion and a hover allocate (V8's sampling heap profiler, counting
 * what the collector has already freed). Far steadier than the figures timed through a server on
 * a shared machine, so they tell a change in the work from the machine's noise. They measure this
 * checkout's compiled service, whatever `--server` names.
 */
async function inProcess(subject: Subject): Promise<InProcess> {
  const service = createLanguageService({ iamData: iamDataFrom(PACKAGE_DATA) });
  service.configure({ workspaceFolders: ['file:///bench'] });
  const uri = `file:///bench/${subject.name}`;
  const at = TextDocument.create(uri, subject.languageId, 0, subject.text).offsetAt(subject.editAt);
  const totals: number[] = [];
  const longest: number[] = [];
  for (let i = 0; i < 12; i++) {
    const text = subject.text.slice(0, at) + 'x'.repeat((i % 3) + 1) + subject.text.slice(at);
    service.setDocument(TextDocument.create(uri, subject.languageId, i + 1, text), { validateNext: true });
    const steps = service.diagnosticsSteps(uri);
    const start = performance.now();
    let last = start;
    let max = 0;
    for (let done = false; !done;) {
      done = !!steps.next().done;
      const now = performance.now();
      max = Math.max(max, now - last);
      last = now;
    }
    // The first two run in code V8 has not optimised yet.
    if (i >= 2) {
      totals.push(last - start);
      longest.push(max);
    }
  }
  // The edit place is before the request places' line or on a line of its own: their positions hold.
  const completionKB = await allocatedKB(() => service.completions(uri, subject.completionAt));
  const hoverKB = await allocatedKB(() => service.hover(uri, subject.hoverAt));
  return { median: percentile(totals, 50), longestStep: percentile(longest, 50), completionKB, hoverKB };
}

/** What `request` allocates per call, over 100 calls after 50 unmeasured ones. */
async function allocatedKB(request: () => unknown): Promise<number> {
  for (let i = 0; i < 50; i++) request();
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  try {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let i = 0; i < 100; i++) request();
    const { profile } = await post<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling');
    const total = (node: SamplingNode): number => node.selfSize + node.children.reduce((sum, child) => sum + total(child), 0);
    return total(profile.head) / 100 / 1024;
  } finally {
    session.disconnect();
  }
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

/**
 * How many fresh servers open each subject: the open is the median of their times. One open is
 * one sample of a process's first large parse, on a shared machine where the same server's
 * times for it varied by a third from one run to the next.
 */
const OPEN_SAMPLES = 5;

/** Opens the subject in a fresh server: from didOpen to its first diagnostics. */
async function openOnce(server: string, subject: Subject, folder: string): Promise<number> {
  const root = pathToFileURL(folder).href;
  const client = await LspClient.start({ server, rootUri: root, settings: { gtTemplates: {} } });
  try {
    return await timed(async () => {
      client.open(`${root}/${subject.name}`, subject.languageId, subject.text);
      await client.diagnosticsFor(`${root}/${subject.name}`, 1);
    });
  } finally {
    await client.stop();
  }
}

async function measure(server: string, subject: Subject, samples: number, folder: string): Promise<Figures> {
  const figures = await measureOne(server, subject, samples, folder);
  const opens = [figures.open];
  for (let i = 1; i < OPEN_SAMPLES; i++) opens.push(await openOnce(server, subject, folder));
  return { ...figures, open: percentile(opens, 50) };
}

async function measureOne(server: string, subject: Subject, samples: number, folder: string): Promise<Figures> {
  const root = pathToFileURL(folder).href;
  const uri = `${root}/${subject.name}`;
  const { text, completionAt, hoverAt, editAt } = subject;
  const client = await LspClient.start({ server, rootUri: root, settings: { gtTemplates: {} } });
  try {
    const open = await timed(async () => {
      client.open(uri, subject.languageId, text);
      await client.diagnosticsFor(uri, 1);
    });
    const completion: number[] = [];
    const hover: number[] = [];
    const afterKey: number[] = [];
    let column = editAt.character;
    const key = (char: string) => {
      const at = { line: editAt.line, character: column++ };
      return client.change(uri, [{ range: { start: at, end: at }, text: char }]);
    };
    // No warm-up: the first request after the open is the first sample. Every tenth round starts
    // with a keystroke, and the completion right after it (while the server may be validating) counts too.
    for (let i = 0; i < samples; i++) {
      if (i % 10 === 9) key('k');
      const t = await timed(() => client.completion(uri, completionAt));
      completion.push(t);
      if (i % 10 === 9) afterKey.push(t);
      hover.push(await timed(() => client.hover(uri, hoverAt)));
    }
    // One keystroke at a time, waiting for its diagnostics.
    const edits: number[] = [];
    for (let i = 0; i < 10; i++) {
      edits.push(
        await timed(async () => {
          await client.diagnosticsFor(uri, key('x'));
        }),
      );
    }
    // A burst of typing (one key every 30 ms), timed from the last key to its diagnostics.
    let version = 0;
    for (let i = 0; i < 15; i++) {
      version = key('y');
      if (i < 14) await new Promise((r) => setTimeout(r, 30));
    }
    const burst = await timed(() => client.diagnosticsFor(uri, version));
    return {
      open,
      edit: percentile(edits, 50),
      burst,
      completionP50: percentile(completion, 50),
      completionP95: percentile(completion, 95),
      completionP99: percentile(completion, 99),
      completionMax: Math.max(...completion),
      hoverP50: percentile(hover, 50),
      hoverP95: percentile(hover, 95),
      hoverP99: percentile(hover, 99),
      hoverMax: Math.max(...hover),
      firstCompletion: completion[0],
      completionAfterKey: Math.max(...afterKey),
      rss: client.rssHighWater() / 1048576,
    };
  } finally {
    await client.stop();
  }
}

interface ManyFigures {
  /** didOpen of one template → its diagnostics, on a fresh server, times the count. */
  oneTimesCount: number;
  /** All templates opened at once → every one has diagnostics. */
  allOpen: number;
  /** All closed, then a hover on a fresh document → answered. */
  closeThenHover: number;
  rss: number;
}

const MANY_WORKTEAM = JSON.stringify(
  {
    WorkteamName: 'reviewers',
    Description: 'Reviewers',
    MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: 'us-east-1_abc', UserGroup: 'g', ClientId: 'c' } }],
  },
  null,
  2,
);

/** Templates from the public corpus opened in bulk beside a workteam, then all closed, as with "Close All". */
async function measureMany(server: string, count: number, parent: string): Promise<ManyFigures> {
  const folder = mkdtempSync(path.join(parent, 'many-'));
  const root = pathToFileURL(folder).href;
  const corpus = corpusFiles();
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    texts.push(readFileSync(corpus[i % corpus.length], 'utf8'));
    writeFileSync(path.join(folder, `t${i}.liquid.html`), texts[i]);
  }
  writeFileSync(path.join(folder, 'workteam.json'), MANY_WORKTEAM);
  // One template on its own, on a fresh server: the unit of "a thousand times one".
  const single = await LspClient.start({ server, rootUri: root, settings: { gtTemplates: {} } });
  let one: number;
  try {
    await single.logged(/Workspace indexed/, 120_000).catch(() => undefined);
    one = await timed(async () => {
      single.open(`${root}/t0.liquid.html`, 'html', texts[0]);
      await single.diagnosticsFor(`${root}/t0.liquid.html`, 1);
    });
  } finally {
    await single.stop();
  }
  const client = await LspClient.start({ server, rootUri: root, settings: { gtTemplates: {} } });
  try {
    await client.logged(/Workspace indexed/, 120_000).catch(() => undefined);
    client.open(`${root}/workteam.json`, 'json', MANY_WORKTEAM);
    await client.diagnosticsFor(`${root}/workteam.json`, 1);
    const uris = texts.map((_, i) => `${root}/t${i}.liquid.html`);
    const allOpen = await timed(async () => {
      uris.forEach((uri, i) => client.open(uri, 'html', texts[i]));
      await Promise.all(uris.map((uri) => client.diagnostics(uri, (p) => p.version === 1, 600_000)));
    });
    const fresh = `${root}/fresh.liquid.html`;
    const closeThenHover = await timed(async () => {
      for (const uri of uris) client.close(uri);
      client.open(fresh, 'html', MARKER_LINE);
      await client.hover(fresh, { line: 0, character: MARKER_LINE.indexOf('grant_read_access') + 3 });
    });
    return { oneTimesCount: one * count, allOpen, closeThenHover, rss: client.rssHighWater() / 1048576 };
  } finally {
    await client.stop();
  }
}

/**
 * Spawn to the answer to `initialize` (the server's warm-up included), and the server's RSS
 * high-water then, with no document open (MB): medians of `runs` fresh servers. `clientWatchdog`:
 * as the extension starts it (no watchdog thread of its own), or as another client would.
 */
async function coldStart(server: string, clientWatchdog = true, runs = 5): Promise<{ ms: number; idleRss: number }> {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    let client: LspClient | undefined;
    times.push(
      await timed(async () => {
        client = await LspClient.start({ server, settings: { gtTemplates: {} }, clientWatchdog });
      }),
    );
    rss.push(client!.rssHighWater() / 1048576);
    await client!.stop();
  }
  return { ms: percentile(times, 50), idleRss: percentile(rss, 50) };
}

const ROWS: [keyof Figures, string, string][] = [
  ['open', `didOpen → diagnostics (p50 of ${OPEN_SAMPLES} servers)`, 'ms'],
  ['edit', 'edit → diagnostics (p50 of 10)', 'ms'],
  ['burst', 'burst of 15 keys → diagnostics', 'ms'],
  ['completionP50', 'completion p50', 'ms'],
  ['completionP95', 'completion p95', 'ms'],
  ['completionP99', 'completion p99', 'ms'],
  ['completionMax', 'completion max', 'ms'],
  ['firstCompletion', 'first completion after didOpen', 'ms'],
  ['completionAfterKey', 'completion right after a key (max)', 'ms'],
  ['hoverP50', 'hover p50', 'ms'],
  ['hoverP95', 'hover p95', 'ms'],
  ['hoverP99', 'hover p99', 'ms'],
  ['hoverMax', 'hover max', 'ms'],
  ['rss', 'server RSS high-water', 'MB'],
];

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

async function main(): Promise<void> {
  const { sizes, kinds, samples, many, json, server } = args();
  const folder = mkdtempSync(path.join(tmpdir(), 'gt-bench-'));
  const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString(), cpus: cpus().length, loadBefore: loadavg()[0] };
  // Budgets are called on a quiet machine: the load says whether this run was one.
  const load = () =>
    `load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores${loadavg()[0] > cpus().length / 2 ? ' (busy: the tails are not comparable with a quiet run)' : ''}`;
  console.log(`before: ${load()}`);
  try {
    for (const size of sizes) {
      writeFileSync(path.join(folder, `bench-${size.label.replace(/\s/g, '')}.input.json`), JSON.stringify(GENERATED_INPUT));
    }
    const started = await coldStart(server);
    const selfWatched = await coldStart(server, false);
    const emptyStarted = await coldStart(EMPTY_SERVER);
    const [ours, empty] = [started.ms, emptyStarted.ms];
    const lines = [
      `cold start (p50 of 5): ${fmt(ours)} ms, empty server ${fmt(empty)} ms, ratio ${(ours / empty).toFixed(2)}, budget ${COLD_START_BUDGET} ms ${ours <= COLD_START_BUDGET ? 'ok' : 'OVER'}`,
      `idle server RSS high-water (p50 of 5): ${fmt(started.idleRss)} MB as the extension starts it, ${fmt(selfWatched.idleRss)} MB with its own watchdog thread, empty server ${fmt(emptyStarted.idleRss)} MB`,
    ];
    results.coldStart = { ours, empty, idleRss: started.idleRss, idleRssOwnWatchdog: selfWatched.idleRss, emptyIdleRss: emptyStarted.idleRss };
    for (const kind of kinds)
      for (const size of sizes) {
        const subject = kind === 'template' ? templateSubject(size) : kind === 'policy' ? policySubject(size) : cloudFormationSubject(size);
        const real = await measure(server, subject, samples, folder);
        const base = await measure(EMPTY_SERVER, subject, samples, folder);
        const own = await inProcess(subject);
        results[`${size.label} ${kind}`] = { ours: real, empty: base, inProcess: own };
        lines.push('', `${size.label} ${KIND_LABELS[kind]} (${subject.text.length.toLocaleString('en-US')} characters)`);
        lines.push(`  ${'metric'.padEnd(44)} ${'ours'.padStart(8)} ${'empty'.padStart(8)} ${'ratio'.padStart(7)}  budget`);
        for (const [key, label, unit] of ROWS) {
          const limit = BUDGETS[size.label]?.[key];
          const verdict = limit === undefined ? '' : `${limit} ${unit} ${real[key] <= limit ? 'ok' : 'OVER'}`;
          lines.push(
            `  ${`${label} (${unit})`.padEnd(44)} ${fmt(real[key]).padStart(8)} ${fmt(base[key]).padStart(8)} ${(real[key] / Math.max(base[key], 0.01)).toFixed(1).padStart(7)}  ${verdict}`,
          );
        }
        lines.push(
          `  in this process: validation ${fmt(own.median)} ms (median of 10 edits), its longest step ${fmt(own.longestStep)} ms; a completion allocates ${fmt(own.completionKB)} KB, a hover ${fmt(own.hoverKB)} KB`,
        );
        console.log(lines.splice(0).join('\n'));
      }
    if (lines.length) console.log(lines.join('\n'));
    if (many > 0) {
      const figures = await measureMany(server, many, folder);
      results.many = { count: many, ...figures };
      const ok = (value: number, limit: number) => `${value <= limit ? 'ok' : 'OVER'}`;
      console.log(
        [
          '',
          `${many} corpus templates opened at once beside a workteam, then all closed`,
          `  all have diagnostics: ${fmt(figures.allOpen)} ms; ${many} × one template alone: ${fmt(figures.oneTimesCount)} ms; ratio ${(figures.allOpen / figures.oneTimesCount).toFixed(2)}, budget 3 ${ok(figures.allOpen, 3 * figures.oneTimesCount)}`,
          `  close all → hover answered: ${fmt(figures.closeThenHover)} ms, budget 1000 ms ${ok(figures.closeThenHover, 1000)}`,
          `  server RSS high-water: ${fmt(figures.rss)} MB, budget 250 MB ${ok(figures.rss, 250)}`,
        ].join('\n'),
      );
    }
    results.loadAfter = loadavg()[0];
    console.log(`after: ${load()}`);
    if (json) writeFileSync(json, JSON.stringify(results, null, 2));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
