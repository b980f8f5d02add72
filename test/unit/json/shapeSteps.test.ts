/**
 * The comparison of a JSON document with its shape, and a policy's cross-file facts, worked out in
 * steps ahead of the checks (`analyseSteps`, `jsonFactsSteps`): a 1 MB policy held the thread for
 * 15-25 ms in each. The steps find what one call finds, in the order of the text.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseJson } from '../../../server/src/service/json/document';
import { type ShapeIssue, analyseSteps } from '../../../server/src/service/json/validate';
import { runSteps } from '../../../server/src/service/util/steps';
import { jsonFacts, jsonFactsSteps } from '../../../server/src/service/workspace/facts';
import { ROOT, serviceWith } from '../../helpers/service';

function yieldsOf<T>(steps: Generator<void, T>): { yields: number; value: T } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { yields, value: next.value };
    yields++;
  }
}

/**
 * A statement with a misspelt member and a role principal; every third denies reads from outside
 * one network, the others have a misspelt operator, and every fifth no Effect.
 */
function statement(i: number): string {
  const condition =
    i % 3 === 0
      ? `, "Condition": { "NotIpAddress": { "aws:SourceIp": ["203.0.113.0/24"] } }`
      : `, "Condition": { "StringEqual": { "aws:SourceVpce": "vpce-${i}" } }`;
  const effect = i % 5 === 4 ? '' : `"Effect": "${i % 3 === 0 ? 'Deny' : 'Allow'}", `;
  return `{ "Sid": "S${i}", ${effect}"Principal": { "AWS": "arn:aws:iam::111122223333:role/r${i}" }, "Action": ["s3:GetObject"], "Resources": "arn:aws:s3:::b/*"${condition} }`;
}

function policy(count: number): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: count }, (_, i) => statement(i)).join(',\n    ')}\n  ]\n}\n`;
}

const at = (text: string) => (issue: ShapeIssue) => {
  const node = issue.kind === 'unknown' ? issue.key : issue.kind === 'missing' ? issue.object : issue.kind === 'range' ? issue.node : issue.value;
  return `${issue.kind} ${text.slice(node.offset, node.offset + Math.min(node.length, 20))}`;
};

describe('The shape walk in steps', () => {
  it('finds what one call finds, in the order of the text, yielding between list items', () => {
    const text = policy(60);
    const json = parseJson('file:///ws/bucket-policy.json', text, { fileName: 'bucket-policy.json' });
    const once = runSteps(analyseSteps(json.root!, json.shape!, Infinity));
    const stepped = yieldsOf(analyseSteps(json.root!, json.shape!, 7));
    // The items walked: 60 statements and their 60 Action lists, 7 a step.
    assert.equal(stepped.yields, Math.floor(120 / 7));
    assert.deepEqual(stepped.value.issues.map(at(text)), once.issues.map(at(text)));
    assert.deepEqual(
      stepped.value.arns.map((a) => a.node.offset),
      once.arns.map((a) => a.node.offset),
    );
    // In the order of the text: a statement's own issues (a missing Effect is the statement's) before those inside it.
    assert.deepEqual(once.issues.map(at(text)).slice(5, 9), [
      'unknown "Resources"',
      'missing { "Sid": "S4", "Prin',
      'unknown "Resources"',
      'unknown "StringEqual"',
    ]);
    const offsets = once.issues.map((i) => (i.kind === 'unknown' ? i.key : i.kind === 'missing' ? i.object : i.kind === 'range' ? i.node : i.value).offset);
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
    );
  });

  it('keeps the walk a reader made in one go in between, so that every reader holds the same', () => {
    const text = policy(30);
    const json = parseJson('file:///ws/bucket-policy.json', text, { fileName: 'bucket-policy.json' });
    const steps = json.analysisSteps(5);
    steps.next();
    const first = json.analysis;
    assert.equal(runSteps(steps), first);
    assert.equal(json.analysis, first);
  });
});

describe("A policy's cross-file facts in steps", () => {
  it('gives the same IP gates a few statements a step as in one call', () => {
    const text = policy(60);
    const json = parseJson('file:///ws/bucket-policy.json', text, { fileName: 'bucket-policy.json' });
    const stepped = yieldsOf(jsonFactsSteps(json, 'bucket-policy.json', 8));
    assert.ok(stepped.yields >= 7, `${stepped.yields} yields`);
    assert.equal(stepped.value.ipGates?.length, 16);
    assert.deepEqual(JSON.parse(JSON.stringify(stepped.value)), JSON.parse(JSON.stringify(jsonFacts(json, 'bucket-policy.json'))));
  });

  it('are worked out by the validation, in its steps, and are what the workspace reads', () => {
    const { service } = serviceWith('');
    const uri = `${ROOT}/bucket-policy.json`;
    const text = policy(600);
    service.setDocument(TextDocument.create(uri, 'json', 1, text), { validateNext: true });
    const run = service.findingsSteps(uri);
    let steps = 0;
    while (!run.next().done) steps++;
    // The parse, the statements, the shape walk, the facts and the checks over every statement, each in steps.
    assert.ok(steps > 60, `${steps} steps`);
    assert.equal(service.findings(uri).filter((f) => f.code === 'unknown-property').length, 600 + 400);
    const json = parseJson(uri, text, { fileName: 'bucket-policy.json' });
    const facts = service.prepareFacts(uri);
    assert.deepEqual(JSON.parse(JSON.stringify(facts)), JSON.parse(JSON.stringify(jsonFacts(json, 'bucket-policy.json', true))));
    // A loose file's statements are kept as their own text, which reads as the value the tree has.
    const literal = facts?.ipGates ?? [];
    const written = jsonFacts(json, 'bucket-policy.json').ipGates ?? [];
    assert.ok(literal.length > 100 && literal.length === written.length, `${literal.length} gates`);
    assert.ok(literal.every((gate, i) => text.includes(gate.text) && JSON.stringify(JSON.parse(gate.text)) === written[i].text));
  });

  it('keep a statement with a syntax error as its value, not its text', () => {
    const text =
      '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}';
    const json = parseJson(`${ROOT}/broken.json`, text, { fileName: 'broken.json' });
    const [gate] = jsonFacts(json, 'broken.json', true).ipGates ?? [];
    assert.equal(gate.text, jsonFacts(json, 'broken.json').ipGates?.[0].text);
    assert.doesNotThrow(() => JSON.parse(gate.text));
  });
});
