/**
 * `npm run bench:gtlint`: gtlint over a generated repository of 2,000 files (about 140 MB:
 * templates near the 128,000-character limit with their sample inputs, bucket and identity
 * policies, workteams), run the way CI runs it. Prints the files, bytes, wall time and the CLI
 * process's peak RSS (from /usr/bin/time). It never fails on time: these machines are shared.
 *
 *   node out/test/bench/gtlintScale.js [--files 2000] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GENERATED_INPUT, generatePolicy, generateTemplate } from '../helpers/generate';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Writes `count` files: per 8, three templates and their three sample inputs, one policy, one workteam. */
function generate(folder: string, count: number): number {
  const template = generateTemplate(120_000);
  const input = JSON.stringify({ ...GENERATED_INPUT, padding: 'x'.repeat(20_000) }, null, 2);
  const policy = generatePolicy(200_000);
  let bytes = 0;
  const write = (name: string, text: string) => {
    const file = path.join(folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };
  for (let n = 0; n < count; n++) {
    const group = `team-${Math.floor(n / 8)}`;
    const slot = n % 8;
    if (slot < 3) write(`${group}/task-${slot}.liquid.html`, template.replace('<crowd-form>', `<crowd-form><!-- ${n} -->`));
    else if (slot < 6) write(`${group}/task-${slot - 3}.input.json`, input);
    else if (slot === 6) write(`${group}/bucket-policy.json`, policy.replace('"generated"', `"generated-${n}"`));
    else
      write(
        `${group}/workteam.json`,
        JSON.stringify(
          {
            WorkteamName: group,
            Description: 'Generated',
            MemberDefinitions: [{ OidcMemberDefinition: { Groups: [group] } }],
            WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled', VpcSourceIp: 'Enabled' } } },
          },
          null,
          2,
        ),
      );
  }
  return bytes;
}

function main(): void {
  const count = Number(option('files', '2000'));
  const folder = mkdtempSync(path.join(tmpdir(), 'gtlint-scale-'));
  try {
    const bytes = generate(folder, count);
    const start = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, CLI, '.', '--format', 'json', '--no-config'], {
      cwd: folder,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const seconds = (performance.now() - start) / 1000;
    const rss = /maxrss_kb=(\d+)/.exec(run.stderr)?.[1];
    if (run.status !== 0 && run.status !== 1) throw new Error(`gtlint exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const findings = (JSON.parse(run.stdout) as unknown[]).length;
    const largest = Math.max(
      statSync(path.join(folder, 'team-0', 'bucket-policy.json')).size,
      statSync(path.join(folder, 'team-0', 'task-0.liquid.html')).size,
    );
    console.log(
      `gtlint: ${count} files, ${(bytes / 1e6).toFixed(1)} MB (largest ${(largest / 1e3).toFixed(0)} KB): ${seconds.toFixed(1)} s, ` +
        `peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MB, ${findings} findings, exit ${run.status}`,
    );
    if (process.argv.includes('--keep')) console.log(`kept in ${folder}`);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(folder, { recursive: true, force: true });
  }
}

main();
