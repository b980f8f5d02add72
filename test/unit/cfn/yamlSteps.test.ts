/**
 * A YAML template parsed in slices (`parseYamlTreeSteps`, as a validation parses it between
 * requests) is the template parsed in one call: the same nodes and errors, on the YAML of the
 * examples and fixtures, on a generated stack, and on mutations that break them as typing does.
 * And it is `parseDocument`'s reading: the same values and errors as the `yaml` package's own call.
 */
import * as assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { parseYamlTree, parseYamlTreeSteps, type YamlTree } from '../../../server/src/service/cfn/yaml';
import { random, seeds } from '../../fuzz/fuzz';
import { generateCloudFormation } from '../../helpers/generate';

function sliced(text: string, slice: number, resourcesPerStep?: number): { tree: YamlTree; yields: number } {
  const steps = parseYamlTreeSteps(text, slice, resourcesPerStep);
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { tree: next.value, yields };
    yields++;
  }
}

function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  const { type, offset, length, value, colonOffset } = node;
  return { type, offset, length, value, colonOffset, children: node.children?.map(plain) };
}

const PIECES = [':', '- ', '  ', '\n', '"', "'", '!Ref ', '!Sub "', '&a ', '*a', '{', '[', '#', '\t', '|\n', 'AWS::S3::Bucket'];
/** Plain YAML with what a lexer reads across lines: flow collections, block scalars, quoted lines, anchors. */
const VALID = [
  'Resources:',
  '  A:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: &name b',
  '      Tags: [{Key: k, Value: v},',
  '        {Key: k2, Value: *name}]',
  '      Description: |',
  '        two',
  '        lines',
  '      Note: "a quoted',
  '        string"',
  '      Folded: >-',
  '        folded',
  '        text',
  '      List:',
  '      - one',
  "      - 'two'",
  '',
].join('\n');

/** Without the short-form tags, which only our schema reads. */
const PLAIN_PIECES = PIECES.filter((p) => !p.startsWith('!'));

function mutate(text: string, rng: () => number, pieces = PIECES): string {
  let out = text;
  for (let i = 1 + Math.floor(rng() * 3); i > 0; i--) {
    const at = Math.floor(rng() * (out.length + 1));
    out =
      rng() < 0.6
        ? out.slice(0, at) + pieces[Math.floor(rng() * pieces.length)] + out.slice(at)
        : out.slice(0, at) + out.slice(at + 1 + Math.floor(rng() * 10));
  }
  return out;
}

function assertSliceFree(text: string, label: string): void {
  const whole = parseYamlTree(text);
  // Slices of the lexer's tokens, and resources composed one, three and sixteen at a time (`composeInPieces`).
  for (const [slice, perStep] of [
    [1, 1],
    [64, 3],
    [250, undefined],
  ]) {
    const { tree } = sliced(text, slice!, perStep);
    const how = `in slices of ${slice}, ${perStep ?? 'the default number of'} resources a step`;
    assert.deepEqual(tree.errors, whole.errors, `errors of ${label} ${how}`);
    assert.deepEqual(plain(tree.root), plain(whole.root), `tree of ${label} ${how}`);
  }
}

describe('YAML templates parsed in slices', () => {
  const yamlSeeds = seeds().filter((s) => /\.ya?ml$/.test(s.name));

  it('read the examples, the fixtures and a generated stack as one call does, and yield between slices', () => {
    assert.ok(yamlSeeds.length >= 3, `${yamlSeeds.length} YAML seeds`);
    for (const seed of yamlSeeds) assertSliceFree(seed.text, seed.name);
    const stack = generateCloudFormation(40_000);
    assertSliceFree(stack, 'a generated stack');
    assert.ok(sliced(stack, 250).yields >= 20, `${sliced(stack, 250).yields} yields`);
    // Its resources are composed a few at a time: more steps than the lexer's slices alone.
    const lexing = sliced(stack, 250, Infinity).yields;
    assert.ok(sliced(stack, 250, 1).yields > lexing + 20, `${lexing} yields lexing, ${sliced(stack, 250, 1).yields} with a resource a step`);
  });

  it('resolve an alias to an anchor in a resource composed apart as one call does', () => {
    const resource = (i: number, bucket: string) => `  R${i}:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: ${bucket}\n`;
    const text = `Resources:\n${resource(0, '&shared input-bucket')}${resource(1, 'other')}${resource(2, '*shared')}${resource(3, '&shared second')}${resource(4, '*shared')}`;
    assertSliceFree(text, 'a stack with aliases across resources');
    const values = (tree: YamlTree) =>
      tree.root?.children?.[0]?.children?.[1]?.children?.map((r) => r.children?.[1]?.children?.[1]?.children?.[1]?.children?.[0]?.children?.[1]?.value);
    assert.deepEqual(values(sliced(text, 1, 1).tree), ['input-bucket', 'other', 'input-bucket', 'second', 'second']);
  });

  it('read broken text as one call does', () => {
    const rng = random(20261204);
    for (let round = 0; round < 40; round++) for (const seed of yamlSeeds) assertSliceFree(mutate(seed.text, rng), `a mutation of ${seed.name}`);
  });

  it("read values and errors as the yaml package's parseDocument", () => {
    // Plain YAML (no short-form tags, which only our schema reads): the values and the places of the errors agree.
    const rng = random(5);
    const texts = [
      'a: 1\nb: [x, y]\n',
      'a: 1\n---\nb: 2\n',
      'a: "unclosed\n',
      'a:\n\t- b\n',
      VALID,
      ...Array.from({ length: 80 }, () => mutate(VALID, rng, PLAIN_PIECES)),
    ];
    for (const text of texts) {
      const reference = parseDocument(text, { merge: false, uniqueKeys: false, prettyErrors: false, strict: false });
      const ours = parseYamlTree(text);
      const label = JSON.stringify(text);
      // Ours keeps the first error of each line: each is one of the package's, the first is its first.
      assert.equal(ours.errors.length > 0, reference.errors.length > 0, label);
      assert.equal(ours.errors[0]?.start, reference.errors[0]?.pos[0], label);
      for (const e of ours.errors)
        assert.ok(
          reference.errors.some((r) => r.pos[0] === e.start),
          label,
        );
      if (!reference.errors.length) assert.deepEqual(valueOf(ours.root), reference.toJS(), label);
    }
  });
});

function valueOf(node: Node | undefined): unknown {
  if (!node) return null;
  if (node.type === 'object') return Object.fromEntries(node.children!.map((p) => [p.children![0].value, valueOf(p.children![1])]));
  if (node.type === 'array') return node.children!.map(valueOf);
  return node.value;
}
