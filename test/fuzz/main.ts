/**
 * `npm run fuzz -- [--docs N] [--seed N] [--cli-docs N]`: a long fuzz run. Prints the figures
 * the README's reliability section quotes, and keeps every failing input it finds in
 * test/fixtures/fuzz, where the regression test replays it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, describeFailure, fuzz, summary } from './fuzz';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const seed = option('seed', Date.now() % 100_000);
  const docs = option('docs', 2000);
  const cliDocs = option('cli-docs', Math.min(docs, 2000));
  console.log(`fuzz: seed ${seed}, ${docs} documents (${cliDocs} also through gtlint)`);
  const started = Date.now();
  const stats = await fuzz({ seed, docs, cliDocs, stopAtFirst: false, progress: (m) => console.log(`  ${m}`) });
  console.log(summary(stats));
  console.log(`in ${Math.round((Date.now() - started) / 1000)} s`);
  mkdirSync(FIXTURES, { recursive: true });
  stats.failures.forEach((failure, i) => {
    console.log(`\n${describeFailure(`seed ${seed}`, failure)}`);
    writeFileSync(path.join(FIXTURES, `seed-${seed}-${i}.json`), JSON.stringify({ reason: failure.reason, ...failure.case }, null, 2) + '\n');
  });
  for (const slow of stats.unconfirmedSlow) console.log(`\nslow once, not on a fresh server (seed ${seed}): ${slow.reason}\n${JSON.stringify(slow.case)}`);
  stats.cliFailures.forEach((failure, i) => {
    console.log(`\ngtlint, seed ${seed}: ${failure.reason}\n${JSON.stringify(failure.text)}`);
    writeFileSync(
      path.join(FIXTURES, `cli-seed-${seed}-${i}.json`),
      JSON.stringify({ reason: failure.reason, name: failure.name, text: failure.text, cli: true }, null, 2) + '\n',
    );
  });
  process.exitCode = stats.failures.length || stats.cliFailures.length ? 1 : 0;
}

void main();
