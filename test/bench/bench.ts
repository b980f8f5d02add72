/**
 * `npm run bench`: the language server's speed and memory as an editor sees them, over stdio
 * against the real bundled server, next to an empty vscode-languageserver measured in the same
 * run. Prints each figure, its ratio to the empty server and the budget; it never fails on
 * time (these machines are shared and noisy), only on a crash or a hang. Worker templates and
 * IAM policies (JSON) are measured against the same budgets.
 *
 *   node out/test/bench/bench.js [--sizes 10k,100k,1m,5m] [--kinds template,policy] [--samples N] [--json file]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { GENERATED_INPUT, generatePolicy, generateTemplate } from '../helpers/generate';
import { LspClient, SERVER } from '../helpers/lspClient';

const EMPTY_SERVER = path.join(__dirname, 'emptyServer.js');

interface Size {
  label: string;
  chars: number;
}

const ALL_SIZES: Record<string, Size> = {
  '10k': { label: '10 KB', chars: 10_000 },
  '100k': { label: '100 KB', chars: 100_000 },
  '1m': { label: '1 MB', chars: 1_000_000 },
  '5m': { label: '5 MB', chars: 5_000_000 },
};

/** Budgets from the issue, in ms (RSS in MB). */
const BUDGETS: Record<string, Partial<Record<string, number>>> = {
  '100 KB': { open: 100, edit: 50, completionP99: 10, hoverP99: 10 },
  '1 MB': { open: 300, edit: 150, completionP99: 20, hoverP99: 20, rss: 150 },
};
const COLD_START_BUDGET = 400;

interface Figures {
  open: number;
  edit: number;
  burst: number;
  completionP50: number;
  completionP99: number;
  hoverP50: number;
  hoverP99: number;
  completionDuringValidation: number;
  rss: number;
}

const MARKER_LINE = '  <img src="{{ task.input.items[0].image | grant_read_access }}" alt="marker">\n';

function args() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const sizes = (value('--sizes') ?? '10k,100k,1m,5m').split(',').map((s) => {
    const size = ALL_SIZES[s.trim().toLowerCase()];
    if (!size) throw new Error(`unknown size ${s}; use ${Object.keys(ALL_SIZES).join(', ')}`);
    return size;
  });
  const kinds = (value('--kinds') ?? 'template,policy').split(',').map((k) => {
    const kind = k.trim().toLowerCase();
    if (kind !== 'template' && kind !== 'policy') throw new Error(`unknown kind ${k}; use template, policy`);
    return kind as Kind;
  });
  return { sizes, kinds, samples: Number(value('--samples') ?? 200), json: value('--json') };
}

type Kind = 'template' | 'policy';

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

/** The template with a marker line in the middle, and the positions of its filter. */
function templateSubject(size: Size): Subject {
  const body = generateTemplate(size.chars);
  const middle = body.indexOf('\n', Math.floor(body.length / 2)) + 1;
  const text = body.slice(0, middle) + MARKER_LINE + body.slice(middle);
  const document = TextDocument.create('file:///x', 'html', 1, text);
  const filter = middle + MARKER_LINE.indexOf('grant_read_access');
  return {
    name: `bench-${size.label.replace(/\s/g, '')}.liquid.html`,
    languageId: 'html',
    text,
    completionAt: document.positionAt(filter),
    hoverAt: document.positionAt(filter + 3),
    // Inside the alt text of the marker: typing there changes no finding.
    editAt: document.positionAt(middle + MARKER_LINE.indexOf('marker') + 1),
  };
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
  const body = generatePolicy(size.chars);
  const middle = body.indexOf('\n    {\n', Math.floor(body.length / 2)) + 1;
  const text = body.slice(0, middle) + MARKER_STATEMENT + body.slice(middle);
  const document = TextDocument.create('file:///x', 'json', 1, text);
  const key = middle + MARKER_STATEMENT.indexOf('"aws:SourceIp"');
  return {
    name: `bench-${size.label.replace(/\s/g, '')}.policy.json`,
    languageId: 'json',
    text,
    // Inside the condition key: the keys that suit NotIpAddress.
    completionAt: document.positionAt(key + 1),
    hoverAt: document.positionAt(key + 5),
    // Inside the Sid: typing there changes no finding.
    editAt: document.positionAt(middle + MARKER_STATEMENT.indexOf('BenchMarker') + 5),
  };
}

async function measure(server: string, subject: Subject, samples: number, folder: string): Promise<Figures> {
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
    for (let i = 0; i < samples; i++) {
      completion.push(await timed(() => client.completion(uri, completionAt)));
      hover.push(await timed(() => client.hover(uri, hoverAt)));
    }
    // One keystroke at a time, waiting for its diagnostics.
    const edits: number[] = [];
    let column = editAt.character;
    for (let i = 0; i < 10; i++) {
      const at = { line: editAt.line, character: column++ };
      edits.push(
        await timed(async () => {
          const version = client.change(uri, [{ range: { start: at, end: at }, text: 'x' }]);
          await client.diagnosticsFor(uri, version);
        }),
      );
    }
    // A burst of typing (one key every 30 ms), timed from the last key to its diagnostics.
    let version = 0;
    for (let i = 0; i < 15; i++) {
      const at = { line: editAt.line, character: column++ };
      version = client.change(uri, [{ range: { start: at, end: at }, text: 'y' }]);
      if (i < 14) await new Promise((r) => setTimeout(r, 30));
    }
    const burst = await timed(() => client.diagnosticsFor(uri, version));
    // A completion asked right after an edit, while the server may be validating it.
    const during: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = { line: editAt.line, character: column++ };
      const v = client.change(uri, [{ range: { start: at, end: at }, text: 'z' }]);
      during.push(await timed(() => client.completion(uri, completionAt)));
      await client.diagnosticsFor(uri, v);
    }
    return {
      open,
      edit: percentile(edits, 50),
      burst,
      completionP50: percentile(completion, 50),
      completionP99: percentile(completion, 99),
      hoverP50: percentile(hover, 50),
      hoverP99: percentile(hover, 99),
      completionDuringValidation: Math.max(...during),
      rss: client.rss() / 1048576,
    };
  } finally {
    await client.stop();
  }
}

async function coldStart(server: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    let client: LspClient | undefined;
    times.push(
      await timed(async () => {
        client = await LspClient.start({ server, settings: { gtTemplates: {} } });
      }),
    );
    await client!.stop();
  }
  return percentile(times, 50);
}

const ROWS: [keyof Figures, string, string][] = [
  ['open', 'didOpen → diagnostics', 'ms'],
  ['edit', 'edit → diagnostics (p50 of 10)', 'ms'],
  ['burst', 'burst of 15 keys → diagnostics', 'ms'],
  ['completionP50', 'completion p50', 'ms'],
  ['completionP99', 'completion p99', 'ms'],
  ['hoverP50', 'hover p50', 'ms'],
  ['hoverP99', 'hover p99', 'ms'],
  ['completionDuringValidation', 'completion right after an edit (max of 5)', 'ms'],
  ['rss', 'server RSS', 'MB'],
];

function budgetKey(key: keyof Figures): string | undefined {
  return ({ open: 'open', edit: 'edit', completionP99: 'completionP99', hoverP99: 'hoverP99', rss: 'rss' } as Partial<Record<keyof Figures, string>>)[key];
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

async function main(): Promise<void> {
  const { sizes, kinds, samples, json } = args();
  const folder = mkdtempSync(path.join(tmpdir(), 'gt-bench-'));
  const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
  try {
    for (const size of sizes) {
      writeFileSync(path.join(folder, `bench-${size.label.replace(/\s/g, '')}.input.json`), JSON.stringify(GENERATED_INPUT));
    }
    const ours = await coldStart(SERVER);
    const empty = await coldStart(EMPTY_SERVER);
    const lines = [
      `cold start (p50 of 5): ${fmt(ours)} ms, empty server ${fmt(empty)} ms, ratio ${(ours / empty).toFixed(2)}, budget ${COLD_START_BUDGET} ms ${ours <= COLD_START_BUDGET ? 'ok' : 'OVER'}`,
    ];
    results.coldStart = { ours, empty };
    for (const kind of kinds)
      for (const size of sizes) {
        const subject = kind === 'template' ? templateSubject(size) : policySubject(size);
        const real = await measure(SERVER, subject, samples, folder);
        const base = await measure(EMPTY_SERVER, subject, samples, folder);
        results[`${size.label} ${kind}`] = { ours: real, empty: base };
        lines.push('', `${size.label} ${kind === 'template' ? 'template' : 'policy (JSON)'} (${subject.text.length.toLocaleString('en-US')} characters)`);
        lines.push(`  ${'metric'.padEnd(44)} ${'ours'.padStart(8)} ${'empty'.padStart(8)} ${'ratio'.padStart(7)}  budget`);
        for (const [key, label, unit] of ROWS) {
          const limit = BUDGETS[size.label]?.[budgetKey(key) ?? ''];
          const verdict = limit === undefined ? '' : `${limit} ${unit} ${real[key] <= limit ? 'ok' : 'OVER'}`;
          lines.push(
            `  ${`${label} (${unit})`.padEnd(44)} ${fmt(real[key]).padStart(8)} ${fmt(base[key]).padStart(8)} ${(real[key] / Math.max(base[key], 0.01)).toFixed(1).padStart(7)}  ${verdict}`,
          );
        }
        console.log(lines.splice(0).join('\n'));
      }
    if (lines.length) console.log(lines.join('\n'));
    if (json) writeFileSync(json, JSON.stringify(results, null, 2));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
