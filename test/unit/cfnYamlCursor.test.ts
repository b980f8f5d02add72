/**
 * `cfn/yamlCursor.ts`: the path to the cursor in a YAML template, read from the text around it
 * (block mappings, block and compact sequences, flow collections on the cursor's line or opened
 * above it, half-typed lines), and never an exception at any offset of a real template, whole or cut.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { blockMember, flowCollectionAt, readYamlCursor, siblingKeys } from '../../server/src/service/cfn/yamlCursor';
import { generateCloudFormation, generatePolicy } from '../helpers/generate';

const REPO = path.resolve(__dirname, '../../..');
const CURSOR = '█';

function at(marked: string) {
  const offset = marked.indexOf(CURSOR);
  const text = marked.replace(CURSOR, '');
  const cursor = readYamlCursor(text, offset);
  return cursor && { ...cursor, keys: cursor.path.map((s) => s.key), text };
}

describe('the YAML cursor reader', () => {
  it('reads the path through mappings and sequence items, counting the items above', () => {
    const cursor = at('Resources:\n  P:\n    Properties:\n      Statement:\n        - Effect: Allow\n        - Effect: Deny\n          Act█\n');
    assert.deepEqual(cursor?.keys, ['Resources', 'P', 'Properties', 'Statement', 1]);
    assert.equal(cursor.place, 'key');
    assert.equal(cursor.token.text, 'Act');
    assert.deepEqual(siblingKeys(cursor.text, cursor.lineStart, cursor.column, cursor.startsItem), ['Effect']);
  });

  it('passes over the sibling keys above a key, whatever they hold, to its parent', () => {
    const siblings = Array.from({ length: 50 }, (_, i) => `  R${i}:\n    Type: AWS::S3::Bucket\n    Tags:\n    - Key: k\n      Value: v\n`).join('');
    const cursor = at(`Resources:\n${siblings}  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      Statement:\n      - Effect: Allow\n        Act█\n`);
    assert.deepEqual(cursor?.keys, ['Resources', 'P', 'Properties', 'Statement', 0]);
    // The sequence written at its key's column: its items and the keys after it are siblings of that key.
    assert.deepEqual(at('A:\n  Action:\n  - s3:GetObject\n  Reso█\n')?.keys, ['A']);
  });

  it('reads compact sequences, written at the column of their key', () => {
    const cursor = at('Statement:\n- Effect: Allow\n  Action:\n  - s3:GetObject\n  - s3:Put█\n');
    assert.deepEqual(cursor?.keys, ['Statement', 0, 'Action', 1]);
    assert.equal(cursor.place, 'item');
    assert.equal(cursor.token.text, 's3:Put');
  });

  it('reads a value after a key, and an item of a flow sequence', () => {
    assert.deepEqual(at('A:\n  Action: s3:Get█Object # read\n')?.keys, ['A', 'Action']);
    const flow = at('A:\n  Action: [s3:GetObject, "s3:Put█"]\n');
    assert.deepEqual(flow?.keys, ['A', 'Action', 1]);
    assert.equal(flow.token.quote, '"');
    assert.equal(flow.token.text, 's3:Put');
  });

  it('takes `- s3:` with the cursor after the colon for a scalar being typed', () => {
    const cursor = at('Action:\n  - s3:█\n');
    assert.equal(cursor?.place, 'item');
    assert.equal(cursor.token.text, 's3:');
  });

  it('reads keys, values and items in a flow mapping written on one line, with the keys written in it', () => {
    const statement = 'Statement:\n  - Effect: Deny\n    Condition: ';
    const key = at(`${statement}{ StringEquals: { aws:SourceVpce: vpce-1, aws:Sour█ } }\n`);
    assert.deepEqual(key?.keys, ['Statement', 0, 'Condition', 'StringEquals']);
    assert.equal(key.place, 'key');
    assert.equal(key.token.text, 'aws:Sour');
    assert.deepEqual(key.flow?.written, ['aws:SourceVpce']);
    // The keys after the cursor's are written too; a colon right before the cursor is a key being typed.
    const typing = at(`${statement}{ Bool: { aws:█, aws:SecureTransport: false } }\n`);
    assert.deepEqual([typing?.place, typing?.token.text, typing?.flow?.written], ['key', 'aws:', ['aws:SecureTransport']]);
    const value = at(`${statement}{ StringEquals: { aws:SourceVpce: [vpce-1, vp█] } }\n`);
    assert.deepEqual([value?.keys, value?.place, value?.token.text], [['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce', 1], 'value', 'vp']);
    // A flow collection that goes on below its line is not read.
    assert.equal(at(`${statement}{ StringEquals: { aws:Sour█\n`), undefined);
  });

  it('reads a flow collection opened on a line above: a policy written as JSON inside the YAML', () => {
    const head = 'Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: input # the bucket\n      PolicyDocument: {\n';
    const statement = '          {\n            "Effect": "Deny", # a comment\n            "Action": ["s3:GetObject",\n              "s3:Put█"],\n';
    const item = at(`${head}        "Statement": [\n${statement}            "Condition": {}\n          }\n        ]\n      }\n`);
    assert.deepEqual(item?.keys, ['Resources', 'P', 'Properties', 'PolicyDocument', 'Statement', 0, 'Action', 1]);
    assert.deepEqual([item.place, item.token.text, item.token.quote], ['value', 's3:Put', '"']);
    // A key being typed, with the keys written before and after it in its mapping (across lines).
    const key = at(
      `${head}        "Statement": [{\n          "Effect": "Deny",\n          "Cond█",\n          "Action": "s3:GetObject"\n        }]\n      }\n`,
    );
    assert.deepEqual(key?.keys, ['Resources', 'P', 'Properties', 'PolicyDocument', 'Statement', 0]);
    assert.deepEqual([key.place, key.token.text, key.flow?.written], ['key', 'Cond', ['Effect', 'Action']]);
    // On a blank line inside the mapping: a key to be written there.
    const blank = at(`${head}        "Version": "2012-10-17",\n        █\n      }\n`);
    assert.deepEqual(
      [blank?.keys, blank?.place, blank?.token.text, blank?.flow?.written],
      [['Resources', 'P', 'Properties', 'PolicyDocument'], 'key', '', ['Version']],
    );
    // A key alone on its line inside the collection, its value on the line below: read through.
    const below = at(
      `${head}        "Statement": [\n          {\n            "Effect": "Deny",\n            "Condition":\n              { "Bool": { "aws:Secure█" } }\n          }\n        ]\n      }\n`,
    );
    assert.deepEqual(below?.keys, ['Resources', 'P', 'Properties', 'PolicyDocument', 'Statement', 0, 'Condition', 'Bool']);
    assert.deepEqual([below.place, below.token.text], ['key', 'aws:Secure']);
    // An item after a comment line: its step is where it is written, not the comment.
    const commented = at(
      `${head}        "Statement": [\n          # the office\n          {\n            "Effect": "Deny",\n            "Act█"\n          }\n        ]\n      }\n`,
    );
    const itemStep = commented!.path[5];
    assert.equal(commented!.text.slice(itemStep.line + itemStep.column, itemStep.line + itemStep.column + 1), '{');
    // The flow collection a step is written in, for the features that parse a statement alone.
    const text = key.text;
    const step = key.path[5];
    assert.equal(
      flowCollectionAt(text, step.line + step.column),
      '{\n          "Effect": "Deny",\n          "Cond",\n          "Action": "s3:GetObject"\n        }',
    );
  });

  it('does not read a flow collection into block text: closed above, in a block scalar, or not closed', () => {
    const closed = at('Resources:\n  P:\n    Properties:\n      A: {\n        "b": 1\n      }\n      C: █\n');
    assert.deepEqual(closed?.keys, ['Resources', 'P', 'Properties', 'C']);
    assert.equal(at('Resources:\n  P:\n    Properties:\n      Definition: !Sub |\n        {\n          "States": { "A": █ }\n        }\n'), undefined);
    assert.equal(at('Resources:\n  P:\n    Properties:\n      A: {\n        "b": █\n'), undefined);
    // A quoted scalar that goes on below its line is not read through.
    assert.equal(at('Resources:\n  P:\n    Properties:\n      A: {\n        "b": "one\n          two", "c": █ }\n'), undefined);
  });

  it('reads nothing in a comment or a block scalar value', () => {
    assert.equal(at('A:\n  B: x # a comm█ent\n'), undefined);
    assert.equal(at('A:\n  B: |\n    some text█\n'), undefined);
  });

  it("finds a resource's Type below or above its Properties", () => {
    const text = 'Resources:\n  R:\n    Properties:\n      X: 1\n    Type: "AWS::S3::Bucket" # the bucket\n  S:\n    Type: AWS::IAM::Role\n';
    assert.equal(blockMember(text, text.indexOf('  R:'), 2, 4, 'Type'), 'AWS::S3::Bucket');
    assert.equal(blockMember(text, text.indexOf('  S:'), 2, 4, 'Type'), 'AWS::IAM::Role');
  });

  it('never throws, at any offset of the CloudFormation examples, whole or cut short', () => {
    const files = [
      'test/fixtures/cfn/labeling.yaml',
      'test/fixtures/cfn/json-in-yaml.yaml',
      'examples/infra/labeling-stack.yaml',
      'examples/infra/broken-stack.yaml',
    ].map((f) => readFileSync(path.join(REPO, f), 'utf8'));
    files.push('\n\n- - a: b\n  -\n-', '\r\n  x:\r\n    - y\r\n', '"unterminated: [a, "b', ': : :\n  - : -');
    files.push('a:\n  b: { c: { d: [e, { f: g }], "h}": \'i:j\' }, k: l } # m\n  n: {o: p}}\n  q: {r: [s, t}, u: ]v}\n');
    files.push(
      'R:\n  P:\n    D: {\n      "S": [ # c\n        { "A": ["x", \'y\'\'s\'],\n          "B": "z" } ],\n    "q": "multi\n      line" }\n    E: |\n      { "x": [\n',
    );
    for (const text of files) {
      for (let cut = text.length; cut > 0; cut = Math.floor(cut * 0.7)) {
        const part = text.slice(0, cut);
        for (let offset = 0; offset <= part.length + 1; offset++) readYamlCursor(part, offset);
      }
    }
  });

  it('reads the path the yaml package parses to every key of real and generated stacks, past comments and blank lines', () => {
    const files = ['test/fixtures/cfn/labeling.yaml', 'test/fixtures/cfn/json-in-yaml.yaml', 'examples/infra/labeling-stack.yaml'].map((f) =>
      readFileSync(path.join(REPO, f), 'utf8'),
    );
    // Comments and blank lines at every indentation between a deep key and its parents.
    files.push(generateCloudFormation(60_000).replace(/\n(\s*)Condition:/g, '\n\n$1# the condition\n  # a comment further left\n$1Condition:'));
    // Policies written as JSON inside the YAML: flow collections over many lines.
    const json = (size: number, indent: string) => JSON.stringify(JSON.parse(generatePolicy(size)), null, 2).replace(/\n/g, `\n${indent}`);
    files.push(
      `Resources:\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: input\n      PolicyDocument: ${json(20_000, '      ')}\n` +
        `  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: p\n          PolicyDocument: ${json(5_000, '            ')}\n`,
    );
    let compared = 0;
    for (const text of files) {
      const document = parseDocument(text);
      for (const offset of keyOffsets(document.contents)) {
        assert.deepEqual(
          readYamlCursor(text, offset)?.path.map((s) => s.key),
          yamlPath(document.contents, offset),
          `${JSON.stringify(text.slice(Math.max(0, offset - 60), offset))}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 1_000, `${compared} keys`);
  });
});

/** The keys and item indexes from the document's root to the mapping whose key holds `offset`, by the yaml package's tree. */
function yamlPath(node: unknown, offset: number): (string | number)[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as { range?: [number, number, number]; value?: unknown } | null;
      if (key?.range && key.range[0] <= offset && offset <= key.range[1]) return [];
      const value = pair.value as { range?: [number, number, number] } | null;
      if (value?.range && value.range[0] <= offset && offset <= value.range[1]) {
        const below = yamlPath(value, offset);
        return below && [String(key?.value), ...below];
      }
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const range = (item as { range?: [number, number, number] }).range;
      if (range && range[0] <= offset && offset <= range[1]) {
        const below = yamlPath(item, offset);
        return below && [i, ...below];
      }
    }
  }
  return undefined;
}

/** Just inside every block mapping key of the document (a plain key, as typed). */
function keyOffsets(node: unknown): number[] {
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const key = pair.key as { range?: [number, number, number]; type?: string } | null;
      const own = key?.range && key.type === 'PLAIN' && !node.flow ? [key.range[0] + 1] : [];
      return [...own, ...keyOffsets(pair.value)];
    });
  }
  if (isSeq(node)) return node.items.flatMap((item) => keyOffsets(item));
  return [];
}
