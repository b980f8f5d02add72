/**
 * The fuzz layer (issue 10): mutated real templates and policies against the bundled server and
 * gtlint. Every input the fuzzer has ever failed on is replayed from test/fixtures/fuzz; then the
 * long alias chains of the issue; then a fixed-seed run of fresh documents, small enough for the
 * unit budget (`npm run fuzz` runs long).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Case, FIXTURES, Runner, describeFailure, fuzz, fuzzCli, summary } from '../fuzz/fuzz';

/** Fixed, so the run is the same everywhere; FUZZ_SEED and FUZZ_DOCS change it for a local look. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const DOCS = Number(process.env.FUZZ_DOCS ?? 4000);
const CLI_DOCS = 400;

type Kept = (Case & { reason: string; cli?: false }) | { reason: string; name: string; text: string; cli: true };

const kept: [string, Kept][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Kept]);

describe('fuzz', function () {
  this.timeout(240_000);

  describe('inputs that once failed', () => {
    let runner: Runner;
    before(() => (runner = new Runner()));
    after(() => runner.stop());

    for (const [file, input] of kept) {
      it(`${file}: ${input.reason.split('\n')[0].slice(0, 100)}`, async () => {
        if (input.cli) {
          assert.deepEqual(fuzzCli([input]), []);
          return;
        }
        const failure = await runner.run(input);
        assert.equal(failure, undefined, failure && describeFailure(file, failure));
      });
    }
  });

  it('answers within the bound on the long alias chains of the issue: 50,000 assigns in 1 MB, 10,000 nested loops', async () => {
    const head = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form>\n{% assign b0 = task.input.a %}\n';
    let assigns = head;
    for (let i = 1; i <= 50_000; i++) assigns += `{%assign b${i}=b${i - 1}.x%}\n`;
    let loops = head.replace('assign b0 =', 'for c0 in');
    for (let i = 1; i <= 10_000; i++) loops += `{% for c${i} in c${i - 1} %}{{ c${i}.name }}\n`;
    const runner = new Runner();
    try {
      for (const [name, text, last] of [
        ['assigns.liquid.html', assigns.slice(0, 1_048_000), 'b1'],
        ['loops.liquid.html', loops, 'c10000'],
      ]) {
        // Typed at the end, then asked about: each request is timed once the document is validated.
        const typed = `${text}{{ ${last}.`;
        const ops: Case['ops'] = [
          { kind: 'completion', at: { offset: typed.length } },
          { kind: 'hover', at: { offset: typed.length - 2 } },
          { kind: 'codeAction', from: { offset: 0 }, to: { offset: typed.length } },
        ];
        const failure = await runner.run({ name, languageId: 'html', text: typed, ops }, undefined, true);
        assert.equal(failure, undefined, failure?.reason);
      }
    } finally {
      await runner.stop();
    }
  });

  it(`answers every request on ${DOCS} mutated documents (seed ${SEED}), and gtlint exits cleanly on ${CLI_DOCS}`, async () => {
    const stats = await fuzz({ seed: SEED, docs: DOCS, cliDocs: CLI_DOCS, stopAtFirst: true });
    const problems = [
      ...stats.failures.map((f) => describeFailure(`seed ${SEED}`, f)),
      ...stats.cliFailures.map((f) => `gtlint, seed ${SEED}: ${f.reason}\n${JSON.stringify(f)}`),
    ];
    assert.deepEqual(problems, [], summary(stats));
    assert.equal(stats.documents, DOCS);
    assert.equal(stats.cliDocuments, Math.min(DOCS, CLI_DOCS));
  });
});
