/**
 * The JSON tree built in slices (`server/src/service/json/tree.ts`) is jsonc-parser's `parseTree`
 * with AWS's options: the same nodes, offsets, lengths, colon offsets and errors, on the JSON of
 * the examples and fixtures, on generated policies, and on thousands of mutations of them that
 * break them the ways typing does (a quote, a brace, a comma, a comment, a `#` line, a cut). And
 * the slices change nothing: one token at a time gives the tree of one call.
 */
import * as assert from 'node:assert/strict';
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { plainNode } from '../../helpers/jsonNodes';
import { MAX_JSON_DEPTH, jsonTreeSteps } from '../../../server/src/service/json/tree';
import { runSteps } from '../../../server/src/service/util/steps';
import { random, seeds } from '../../fuzz/fuzz';
import { generatePolicy } from '../../helpers/generate';

const OPTIONS = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true };

function reference(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: parseTree(text, errors, OPTIONS), errors };
}

function ours(text: string, slice = Infinity): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: runSteps(jsonTreeSteps(text, errors, slice)), errors };
}

function assertSame(text: string, label: string): void {
  const expected = reference(text);
  const actual = ours(text);
  assert.deepEqual(actual.errors, expected.errors, `errors of ${label}: ${JSON.stringify(text.slice(0, 200))}`);
  assert.deepEqual(plainNode(actual.root), plainNode(expected.root), `tree of ${label}: ${JSON.stringify(text.slice(0, 200))}`);
}

const PIECES = [
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
  '\n',
  '//',
  '/*',
  '*/',
  '# note\n',
  '"a":',
  'true',
  '-1.5e3',
  '01',
  '\\u12',
  '\\x',
  '\t',
  'nul',
  ',}',
  ',]',
  '""',
];

/** `text` broken at a few places: a piece inserted, a span deleted or the rest cut off. */
function mutate(text: string, rng: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rng() * (out.length + 1));
    const what = rng();
    if (what < 0.5) out = out.slice(0, at) + PIECES[Math.floor(rng() * PIECES.length)] + out.slice(at);
    else if (what < 0.85) out = out.slice(0, at) + out.slice(Math.min(out.length, at + 1 + Math.floor(rng() * 12)));
    else out = out.slice(0, at);
  }
  return out;
}

describe('the JSON tree built in slices', () => {
  const jsonSeeds = seeds().filter((s) => s.name.endsWith('.json'));

  it('has seeds to compare on', () => {
    assert.ok(jsonSeeds.length >= 10, `${jsonSeeds.length} JSON seeds`);
  });

  it("is jsonc-parser's tree on the examples, the fixtures and generated policies", () => {
    for (const seed of jsonSeeds) assertSame(seed.text, seed.name);
    for (const size of [1_000, 30_000]) assertSame(generatePolicy(size), `a ${size}-character policy`);
  });

  it("is jsonc-parser's tree, errors included, on broken text", () => {
    const rng = random(20261204);
    const small = [
      '',
      ' ',
      '{',
      '[',
      '{"a"',
      '{"a":',
      '{"a":1,',
      '[1,,2]',
      '{"a" 1}',
      '{,}',
      '[}',
      '{]',
      '"x',
      '1 2',
      '{"a":1}}',
      '/* c',
      '// c',
      '#',
      '{"a":[1,{"b":}]}',
    ];
    for (const text of small) assertSame(text, JSON.stringify(text));
    let compared = 0;
    for (let round = 0; round < 6; round++) {
      for (const seed of jsonSeeds) {
        const text = seed.text.length > 20_000 ? seed.text.slice(0, 20_000) : seed.text;
        assertSame(mutate(text, rng), `a mutation of ${seed.name}`);
        compared++;
      }
    }
    for (let i = 0; i < 300; i++) {
      assertSame(mutate(generatePolicy(2_000), rng), 'a mutated policy');
      compared++;
    }
    assert.ok(compared > 300);
  });

  it('builds the same tree whatever the slice, and yields between them', () => {
    const text = generatePolicy(20_000);
    const whole = ours(text);
    for (const slice of [1, 7, 100, 1_000]) {
      const sliced = ours(text, slice);
      assert.deepEqual(plainNode(sliced.root), plainNode(whole.root), `slices of ${slice} tokens`);
      assert.deepEqual(sliced.errors, whole.errors);
    }
    let yields = 0;
    const steps = jsonTreeSteps(text, [], 100);
    while (!steps.next().done) yields++;
    assert.ok(yields > 20, `${yields} yields`);
    const broken = mutate(text, random(7));
    assert.deepEqual(plainNode(ours(broken, 3).root), plainNode(ours(broken).root));
  });

  it('refuses nesting deeper than its limit, and reads it up to the limit', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    assert.equal(runSteps(jsonTreeSteps(deep(MAX_JSON_DEPTH), [], Infinity))?.type, 'array');
    assert.throws(() => runSteps(jsonTreeSteps(deep(MAX_JSON_DEPTH + 1), [], Infinity)), RangeError);
    assert.throws(() => runSteps(jsonTreeSteps(`{"a":${deep(100_000)}}`, [], Infinity)), RangeError);
  });
});
