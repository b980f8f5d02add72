/**
 * A YAML template read again after an edit, reusing the pieces the edit left alone
 * (`reparseSteps`), is the template parsed whole: the same nodes, offsets, values and parents,
 * over chains of edits typed into the examples, the fixtures and generated stacks, broken ones
 * included; where it cannot be, it answers undefined and the whole parse says.
 */
import * as assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';
import { parseYamlTree, type YamlTree } from '../../../server/src/service/cfn/yaml';
import { reparseSteps } from '../../../server/src/service/cfn/yamlReuse';
import { runSteps } from '../../../server/src/service/util/steps';
import { random, seeds } from '../../fuzz/fuzz';
import { yamlPackageTree } from '../../helpers/cloudFormation';
import { generateCloudFormation } from '../../helpers/generate';

function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  const { type, offset, length, value, colonOffset } = node;
  return { type, offset, length, value, colonOffset, children: node.children?.map(plain) };
}

/** Every node's parent is the node it is a child of, and the root has none. */
function assertParents(root: Node, label: string): void {
  assert.equal(root.parent, undefined, label);
  const walk = (node: Node) => {
    for (const child of node.children ?? []) {
      assert.equal(child.parent, node, `${label}: parent of the node at ${child.offset}`);
      walk(child);
    }
  };
  walk(root);
}

/** What typing does to a template: characters, lines, keys, indentation, quotes, anchors, tabs, markers. */
const PIECES = [
  'x',
  ':',
  ' ',
  '- ',
  '  ',
  '\n',
  '\n  ',
  '\n  Extra:\n    Type: AWS::SNS::Topic\n',
  '\nOutputs:\n  Out:\n    Value: 1\n',
  '"',
  "'",
  '!Ref ',
  '!GetAtt X.Arn',
  '&a ',
  '*a',
  '{',
  '[',
  ']',
  '#',
  '# note\n',
  '\t',
  '|\n',
  '---\n',
  '? ',
  'AWS::S3::Bucket',
  '\r\n',
];

function edit(text: string, rng: () => number): string {
  const at = Math.floor(rng() * (text.length + 1));
  if (rng() < 0.65) return text.slice(0, at) + PIECES[Math.floor(rng() * PIECES.length)] + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * (rng() < 0.8 ? 3 : 60)));
}

/**
 * Types `rounds` runs of one to six edits into `text`, each edit read again from the reading
 * before (the first from a whole parse); returns how many readings reused pieces, and how many
 * of the texts read without an error.
 */
function typeInto(text: string, rounds: number, rng: () => number, label: string): { reused: number; clean: number; shared: number } {
  const original = { text, root: parseYamlTree(text).root };
  let reused = 0;
  let clean = 0;
  let shared = 0;
  for (let round = 0; round < rounds; round++) {
    // Every other run as a validation reads: the pieces the edit did not move shared, not copied.
    const share = round % 2 === 1;
    let before = share ? { text, root: parseYamlTree(text).root } : original;
    for (let key = 0, keys = 1 + Math.floor(rng() * 6); key < keys; key++) {
      const after = edit(before.text, rng);
      const reference = yamlPackageTree(after);
      const members = new Set(before.root?.children?.flatMap((m) => [m, ...(m.children?.[1]?.children ?? [])]));
      const again = runSteps(reparseSteps(after, before, share));
      const how = `${label}, run ${round}, edit ${key}${share ? ', shared' : ''}`;
      if (again && share) shared += again.root!.children!.flatMap((m) => [m, ...(m.children?.[1]?.children ?? [])]).filter((m) => members.has(m)).length;
      if (!reference.errors.length) clean++;
      if (again) {
        reused++;
        assert.deepEqual(reference.errors, [], `${how}: read in pieces where the whole has errors`);
        assert.deepEqual(plain(again.root), plain(reference.root), how);
        assertParents(again.root!, how);
      }
      before = { text: after, root: (again ?? parseYamlTree(after)).root };
    }
  }
  return { reused, clean, shared };
}

describe('YAML templates read again after an edit', () => {
  const yamlSeeds = seeds().filter((s) => /\.ya?ml$/.test(s.name));

  it('read the generated stacks as a whole parse does, reusing the pieces an edit left alone', () => {
    const rng = random(20261205);
    for (const size of [3_000, 8_000]) {
      // A section after the resources too, as most stacks end with their Outputs.
      const stack = `${generateCloudFormation(size)}Outputs:\n  Reader:\n    Value: !GetAtt LabelingRole0.Arn\n    Export:\n      Name: reader\n`;
      const { reused, clean, shared } = typeInto(stack, 100, rng, `a ${size}-character stack`);
      // An edit that leaves the stack readable mostly leaves it a mapping of mappings: read in pieces.
      assert.ok(reused > 0.8 * clean, `${reused} readings in pieces of ${clean} without an error`);
      assert.ok(shared > 100, `${shared} sections and resources shared`);
    }
  });

  it('read the examples and fixtures as a whole parse does, through broken and mended states', () => {
    assert.ok(yamlSeeds.length >= 3, `${yamlSeeds.length} YAML seeds`);
    const rng = random(7);
    for (const seed of yamlSeeds) {
      const { reused, clean } = typeInto(seed.text, 100, rng, seed.name);
      if (seed.text.includes('Resources:') && !seed.name.includes('broken'))
        assert.ok(reused > 0.8 * clean, `${seed.name}: ${reused} readings in pieces of ${clean}`);
    }
  });

  it('read two stacks in interleaved steps as each reads alone', () => {
    // A validation's re-read yields; a request may re-read another stack in between.
    // Hundreds of lines at the margin in each, so that finding them takes more than one step.
    const margin = (n: number) => Array.from({ length: n }, (_, i) => `Note${i}: ${i}\n`).join('');
    const texts = [`${margin(450)}${generateCloudFormation(30_000)}`, `${margin(300)}${generateCloudFormation(20_000)}Outputs:\n  Out:\n    Value: 1\n`];
    const runs = texts.map((text) => {
      const at = text.indexOf('Type:', text.length / 3);
      const after = text.slice(0, at) + '# a note\n    ' + text.slice(at);
      return { after, steps: reparseSteps(after, { text, root: parseYamlTree(text).root }), result: undefined as YamlTree | undefined, done: false };
    });
    while (runs.some((r) => !r.done)) {
      for (const run of runs) {
        if (run.done) continue;
        const next = run.steps.next();
        if (next.done) [run.done, run.result] = [true, next.value];
      }
    }
    for (const run of runs) {
      assert.ok(run.result, 'read in pieces');
      assert.deepEqual(plain(run.result.root), plain(yamlPackageTree(run.after).root));
    }
  });

  it('share no node with the reading before, and answer undefined where a piece does not read alone', () => {
    const text = generateCloudFormation(6_000);
    const before = { text, root: parseYamlTree(text).root };
    const at = text.indexOf('Type:', text.length / 2);
    const after = text.slice(0, at) + '# a note\n    ' + text.slice(at);
    const again = runSteps(reparseSteps(after, before));
    assert.ok(again);
    const nodes = (node: Node | undefined, into = new Set<Node>()): Set<Node> => {
      if (node) into.add(node);
      for (const child of node?.children ?? []) nodes(child, into);
      return into;
    };
    const old = nodes(before.root);
    for (const node of nodes(again.root)) assert.ok(!old.has(node), `the node at ${node.offset} is the reading before's`);
    // Finding the pieces and keeping them are steps too, not one call under which a request waits (64 ms at 1 MB).
    const big = generateCloudFormation(60_000);
    const bigAt = big.indexOf('Type:', big.length / 2);
    const bigBefore = { text: big, root: parseYamlTree(big).root };
    const steps = reparseSteps(big.slice(0, bigAt) + '# a note\n    ' + big.slice(bigAt), bigBefore);
    let yields = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) yields++;
    const resources = (big.match(/\n {2}[A-Za-z]/g) ?? []).length;
    assert.ok(yields >= (2 * resources) / 16, `${yields} yields for ${resources} resources`);
    // A flow collection left open in one resource runs into the next: only the whole parse can say.
    const open = text.slice(0, at) + 'Tags: [a,\n    ' + text.slice(at);
    assert.equal(runSteps(reparseSteps(open, before)), undefined);
    // An alias reads another place's nodes.
    const alias = text.slice(0, at) + 'Note: *shared\n    ' + text.slice(at);
    assert.equal(runSteps(reparseSteps(alias, before)), undefined);
  });
});
