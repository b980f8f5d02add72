/**
 * A YAML text read from js-yaml's events (`yamlEvents.ts`) is the tree the `yaml` package's
 * reading gives (`yaml.ts` over its document): the same nodes, types, values, offsets, lengths and
 * colons, over generated stacks, the repository's YAML, thousands of random documents in every
 * style a template uses, and thousands of edits of them; and where js-yaml lets pass what the
 * `yaml` package reports, or reads a construct otherwise, it answers undefined. Then `yaml.ts`
 * reads the text through the `yaml` package, which is what the editor shows.
 */
import * as assert from 'node:assert/strict';
import { parseYamlTree } from '../../../server/src/service/cfn/yaml';
import { TYPED_FIRST, plainScalarTags, readYamlEvents } from '../../../server/src/service/cfn/yamlEvents';
import { readInPiecesSteps } from '../../../server/src/service/cfn/yamlReuse';
import { runSteps } from '../../../server/src/service/util/steps';
import { HANG_MS, random, seeds } from '../../fuzz/fuzz';
import { yamlPackageTree } from '../../helpers/cloudFormation';
import { generateCloudFormation } from '../../helpers/generate';
import { plainNode } from '../../helpers/jsonNodes';

/** Whether the reader decided `text`; when it did, that the `yaml` package reads it without an error, as the same tree. */
function sameAsYamlPackage(text: string, label: string): boolean {
  const read = readYamlEvents(text);
  if (!read) return false;
  const reference = yamlPackageTree(text);
  assert.deepEqual(
    reference.errors.map((e) => e.message),
    [],
    `${label}: read from js-yaml's events where the yaml package reports an error\n${JSON.stringify(text)}`,
  );
  assert.deepEqual(plainNode(read), plainNode(reference.root), `${label}\n${JSON.stringify(text)}`);
  return true;
}

type Rng = () => number;

/** Random documents in the styles templates are written in, and the ones they are not. */
function documents(rng: Rng): () => string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const words = [
    'Type',
    'AWS::S3::Bucket',
    'arn:aws:s3:::b/*',
    'a b',
    '10.0.0.0/8',
    'sts:AssumeRole',
    'null',
    'true',
    'False',
    '~',
    '12',
    '-3',
    '0o17',
    '0x1f',
    '1.5',
    '.5',
    '1e3',
    '.inf',
    '.NaN',
    'yes',
    '2012-10-17',
    'a: b',
    'a #b',
    "it's",
    'say "hi"',
    'ünï',
    'multi word value here',
    '',
    ' lead',
    'trail ',
    '#notcomment',
    '@at',
    '- d',
    '? q',
    '[x]',
    '{y}',
    'a,b',
    'end:',
    'x\ny',
    'back\\slash',
    '${AWS::Region}',
    'tab\there',
  ];
  const tags = ['!Ref', '!Sub', '!GetAtt', '!Join', '!If', '!Equals', '!Select', '!ImportValue', '!Base64', '!FindInMap'];
  const plainAllowed = (s: string, flow: boolean) => /^[A-Za-z0-9$/.:-]/.test(s) && !/[\n\t#]|: |:$|^[-?:](\s|$)|\s$/.test(s) && !(flow && /[,[\]{}]/.test(s));
  const doubleQuoted = (s: string) =>
    `"${s
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\t/g, () => pick(['\\t', '\t']))
      .replace(/\n/g, '\\n')}"`;
  const quoted = (s: string) => (rng() < 0.7 || s.includes('\n') ? doubleQuoted(s) : `'${s.replace(/'/g, "''")}'`);
  const scalar = (s: string, flow: boolean) => (rng() < 0.55 && plainAllowed(s, flow) ? s : quoted(s));
  const comment = () => (rng() < 0.15 ? pick([' # c', '  # note: x', ' #']) : '');
  type Value = { kind: 'scalar'; text: string } | { kind: 'map'; members: [string, Value][] } | { kind: 'seq'; items: Value[] };
  const value = (depth: number): Value => {
    const r = rng();
    if (depth > 4 || r < 0.45) return { kind: 'scalar', text: pick(words) };
    const n = 1 + Math.floor(rng() * 4);
    if (r < 0.7) return { kind: 'map', members: Array.from({ length: n }, () => [pick(words.filter(Boolean)), value(depth + 1)] as [string, Value]) };
    return { kind: 'seq', items: Array.from({ length: rng() < 0.1 ? 0 : n }, () => value(depth + 1)) };
  };
  let nl = '\n';
  const flowText = (v: Value): string => {
    const tag = rng() < 0.1 ? `${pick(tags)} ` : '';
    const ws = () => pick(['', ' ', '  ']);
    const trailing = () => (rng() < 0.1 ? ',' : '');
    if (v.kind === 'scalar') return tag + scalar(v.text, true);
    if (v.kind === 'map')
      return `${tag}{${ws()}${v.members.map(([k, m]) => `${scalar(k, true)}: ${flowText(m)}`).join(`,${ws()}`)}${v.members.length ? trailing() : ''}${ws()}}`;
    return `${tag}[${ws()}${v.items.map(flowText).join(`,${ws()}`)}${v.items.length ? trailing() : ''}${ws()}]`;
  };
  /** The text after `key:` or `-` of a value at indentation `indent`. */
  const blockText = (v: Value, indent: number, afterDash: boolean): string => {
    const tag = rng() < 0.12 ? ` ${pick(tags)}` : '';
    const pad = (n: number) => ' '.repeat(n);
    if (v.kind === 'scalar') {
      const r = rng();
      if (r < 0.1 && v.text && !/^\s|\s$/.test(v.text)) {
        const header = pick(['|', '>', '|-', '>-', '|2', '>2-']);
        const body = v.text
          .split('\n')
          .map((line) => (line ? pad(indent + 2) + line : ''))
          .join(nl);
        return `${tag} ${header}${comment()}${nl}${body}${nl}${rng() < 0.3 ? nl : ''}`;
      }
      if (r < 0.15 && plainAllowed(v.text, false) && v.text.includes(' ')) {
        const [first, ...rest] = v.text.split(' ');
        return `${tag} ${first}${nl}${pad(indent + 2)}${rest.join(' ')}${comment()}${nl}`;
      }
      if (r < 0.2) return `${tag}${comment()}${nl}${pad(indent + 2)}${scalar(v.text, false)}${nl}`;
      if (r < 0.25 && !tag) return `${rng() < 0.5 ? '' : ' '}${comment()}${nl}`;
      return `${tag} ${scalar(v.text, false)}${comment()}${nl}`;
    }
    if (rng() < 0.15 || (v.kind === 'map' ? v.members.length : v.items.length) === 0) return `${tag} ${flowText(v)}${comment()}${nl}`;
    if (v.kind === 'map') {
      const member = ([k, m]: [string, Value]) => `${pad(indent + 2)}${scalar(k, false)}:${blockText(m, indent + 2, false)}`;
      if (afterDash && !tag && rng() < 0.6) {
        const [[k, m], ...rest] = v.members;
        return ` ${scalar(k, false)}:${blockText(m, indent + 2, false)}${rest.map(member).join('')}`;
      }
      return `${tag}${comment()}${nl}${rng() < 0.1 ? `${pad(indent + 2)}# between${nl}` : ''}${v.members.map(member).join('')}`;
    }
    // A sequence may sit at its key's indentation.
    const at = !afterDash && rng() < 0.3 ? indent : indent + 2;
    return `${tag}${comment()}${nl}${v.items.map((item) => `${pad(at)}-${blockText(item, at, true)}`).join('')}`;
  };
  return () => {
    nl = rng() < 0.1 ? '\r\n' : '\n';
    let out = (rng() < 0.15 ? `---${nl}` : '') + (rng() < 0.1 ? `# head${nl}` : '');
    if (rng() < 0.1) return out + blockText({ kind: 'seq', items: [value(1), value(1)] }, 0, false).replace(/^\r?\n/, '');
    for (let i = 0, n = 1 + Math.floor(rng() * 5); i < n; i++)
      out += `${scalar(pick(['Resources', 'Outputs', 'Parameters', 'K']) + i, false)}:${blockText(value(0), 0, false)}`;
    if (rng() < 0.05) out += `...${nl}`;
    return rng() < 0.1 ? out.replace(/\r?\n$/, '') : out;
  };
}

/** What typing does to a document: characters, indentation, quotes, brackets, tags, anchors, tabs, markers, lone CRs. */
const TYPED = [
  'x',
  ':',
  ' ',
  '- ',
  '  ',
  '\n',
  '\n  ',
  '"',
  "'",
  '!Ref ',
  '&a ',
  '*a',
  '{',
  '[',
  ']',
  '}',
  ',',
  '#',
  '\t',
  '|\n',
  '>-\n',
  '|+\n',
  '---\n',
  '...\n',
  '? ',
  '\r',
  '\\',
  '  \n',
  '%',
  '@',
];

function typeInto(text: string, rng: Rng): string {
  let out = text;
  for (let i = 0, n = 1 + Math.floor(rng() * 3); i < n; i++) {
    const at = Math.floor(rng() * (out.length + 1));
    out =
      rng() < 0.65 ? out.slice(0, at) + TYPED[Math.floor(rng() * TYPED.length)] + out.slice(at) : out.slice(0, at) + out.slice(at + 1 + Math.floor(rng() * 3));
  }
  return out;
}

describe('YAML read from js-yaml events', () => {
  it('reads generated stacks, the examples and the fixtures as the yaml package does', () => {
    for (const size of [2_000, 30_000, 100_000]) assert.ok(sameAsYamlPackage(generateCloudFormation(size), `a ${size}-character stack`));
    const yamlSeeds = seeds().filter((s) => /\.ya?ml$/.test(s.name));
    assert.ok(yamlSeeds.length >= 3);
    const decided = yamlSeeds.filter((seed) => sameAsYamlPackage(seed.text, seed.name));
    // The labeling stacks are read; the broken one (a tab) and the one with JSON closed at its key's indentation (which js-yaml rejects) are not.
    assert.ok(decided.length >= 2, decided.map((s) => s.name).join(', '));
  });

  it('reads random documents in every style a template uses as the yaml package does', () => {
    const rng = random(20261205);
    const next = documents(rng);
    let decided = 0;
    const total = 3_000;
    for (let i = 0; i < total; i++) if (sameAsYamlPackage(next(), `document ${i}`)) decided++;
    // Tabs, tags followed by comments and the like are left to the yaml package; most are read.
    assert.ok(decided > total * 0.4, `${decided} of ${total} read from events`);
  });

  it('reads an edited document only where the yaml package reads it cleanly, and then the same', () => {
    const rng = random(99);
    const next = documents(rng);
    let decided = 0;
    let undecided = 0;
    for (let i = 0; i < 4_000; i++) {
      if (sameAsYamlPackage(typeInto(next(), rng), `edited document ${i}`)) decided++;
      else undecided++;
    }
    assert.ok(decided > 500 && undecided > 1_000, `${decided} read, ${undecided} left to the yaml package`);
  });

  it('leaves to the yaml package what js-yaml lets pass or reads otherwise', () => {
    const cases: [string, string][] = [
      ["x:\n- 'a' b: c\n", 'a quoted item followed by a key on its line (js-yaml reads a key of the outer mapping)'],
      [" ---\n'P0': x\n", 'an indented document marker (js-yaml reads a marker, the yaml package a multi-line key)'],
      ['a: 1\rb: 2\n', 'a lone CR'],
      ['a:\n\t- b\n', 'a tab'],
      ['...\na: 1\n', 'a document end marker'],
      ['a: &x 1\nb: *x\n', 'an anchor and an alias'],
      ['a: !!str 1\n', 'a tag of YAML’s own'],
      ['a: !Unknown 1\n', 'a tag CloudFormation does not have'],
      ['a: |+\n  x\n\nb: 1\n', 'a block scalar that keeps its blank lines'],
      ['a: |\n  x\n  \nb: 1\n', 'a blank line of spaces after a block scalar'],
      ['? a\n: b\n', 'an explicit key'],
      ['[a, b]: c\n', 'a key that is no scalar'],
      ['a: {b, c: d}\n', 'a flow mapping key without a value'],
      ['a: 1\n---\nb: 2\n', 'a second document'],
      ['%YAML 1.2\n---\na: 1\n', 'a directive'],
      ['x\n', 'a scalar document'],
    ];
    for (const [text, what] of cases) {
      assert.equal(readYamlEvents(text), undefined, what);
      // What the editor gets is the yaml package's reading.
      assert.deepEqual(plainNode(parseYamlTree(text).root), plainNode(yamlPackageTree(text).root), what);
    }
  });

  it('reads a line of thousands of flow collections without going back over the line for each (a hang guard)', () => {
    // A policy written as JSON on one line of a YAML file: 24,000 flow collections on a 2 MB line.
    // Reading each one's column made this quadratic (21 s here); completion reads such a block.
    const statements = Array.from({ length: 24_000 }, (_, i) => `{"Sid": "S${i}", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}`);
    const text = `Statement: [${statements.join(', ')}]\n`;
    const start = performance.now();
    const root = readYamlEvents(text);
    const took = performance.now() - start;
    assert.equal(root?.children?.[0]?.children?.[1]?.children?.length, 24_000);
    assert.ok(took < HANG_MS, `${Math.round(took)} ms`);
  });

  it("types a plain scalar by the first character the yaml package's core-schema tags take", () => {
    const tags = plainScalarTags();
    assert.ok(tags.length >= 6, `${tags.length} tags`);
    const rests = [
      '',
      '0',
      '12',
      '1.5',
      '.5',
      'e3',
      '1e3',
      'x1f',
      'o17',
      'ull',
      'ULL',
      'rue',
      'RUE',
      'alse',
      'ALSE',
      'inf',
      'Inf',
      'nan',
      'NaN',
      '.inf',
      '.nan',
      'a b',
      '-3',
    ];
    let tested = 0;
    for (let code = 1; code < 0x250; code++) {
      const first = String.fromCharCode(code);
      if (TYPED_FIRST.test(first)) continue;
      for (const rest of rests) {
        for (const tag of tags) assert.ok(!tag.test!.test(first + rest), `${tag.tag} takes ${JSON.stringify(first + rest)}`);
        tested++;
      }
    }
    assert.ok(tested > 10_000);
  });

  it('reads a template a run of resources at a time as the yaml package reads it whole, yielding between runs', () => {
    const text = `${generateCloudFormation(20_000)}Outputs:\n  Reader:\n    Value: !GetAtt LabelingRole1.Arn\n`;
    const steps = readInPiecesSteps(text);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.ok(next.value);
    assert.deepEqual(plainNode(next.value.root), plainNode(yamlPackageTree(text).root));
    // A step per run of neighbouring resources of about 16 KB (and per other section).
    assert.ok(yields >= text.length / 17_000, `${yields} yields for ${text.length} characters`);
    // A piece that does not read cleanly: the whole parse says, and the piece named first is read first.
    const at = text.indexOf('Type:', text.length / 2);
    const broken = text.slice(0, at) + 'Tags: [a,\n    ' + text.slice(at);
    assert.equal(runSteps(readInPiecesSteps(broken)), undefined);
    const early = readInPiecesSteps(broken, at);
    let before = 0;
    while (!early.next().done) before++;
    assert.equal(before, 1, 'read the broken run first, and stopped there');
  });
});
