/**
 * A policy read again after an edit inside one statement, the other statements' nodes reused
 * (`json/treeReuse.ts`), is the text parsed whole: the same nodes, offsets, values and parents,
 * over chains of edits typed into generated and corpus policies, broken ones included; where it
 * cannot be, it answers undefined and the whole parse says. And a policy validated after each
 * such edit has the findings of the same text validated afresh.
 */
import * as assert from 'node:assert/strict';
import type { Node, ParseError } from 'jsonc-parser';
import { plainNode } from '../../helpers/jsonNodes';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonTreeSteps } from '../../../server/src/service/json/tree';
import { type LastReading, reparseStatementSteps } from '../../../server/src/service/json/treeReuse';
import { runSteps } from '../../../server/src/service/util/steps';
import { random, seeds } from '../../fuzz/fuzz';
import { generatePolicy } from '../../helpers/generate';
import { ROOT, emptyService, findingsText } from '../../helpers/service';

function whole(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: runSteps(jsonTreeSteps(text, errors, Infinity)), errors };
}

/** What typing does inside a statement: characters in names and values, members, lists, quotes, commas, lines deleted. */
const PIECES = ['x', '0', ' ', '\n', '"', ',', ':', '{', '}', '[', ']', '"Sid": "x",', ', "s3:PutObject"', '*', '\\'];

function edit(text: string, rng: () => number): string {
  // Mostly inside the statements, where the re-read applies; now and then anywhere.
  const at = Math.floor(rng() * (text.length + 1));
  if (rng() < 0.7) return text.slice(0, at) + PIECES[Math.floor(rng() * PIECES.length)] + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 5));
}

/** Chains of edits, each read again from the reading before; returns how many readings reused statements. */
function typeInto(text: string, rounds: number, rng: () => number, label: string): { reused: number; shared: number } {
  let reused = 0;
  let shared = 0;
  for (let round = 0; round < rounds; round++) {
    const share = round % 2 === 1;
    let before = { text, ...whole(text) };
    for (let key = 0, keys = 1 + Math.floor(rng() * 6); key < keys; key++) {
      const after = edit(before.text, rng);
      const expected = whole(after);
      const previous: LastReading = { text: before.text, root: before.root, errorCount: before.errors.length };
      const statements = new Set(before.root?.children?.find((p) => p.children?.[0]?.value === 'Statement')?.children?.[1]?.children ?? []);
      const again = runSteps(reparseStatementSteps(after, previous, 7, share));
      const how = `${label}, run ${round}, edit ${key}${share ? ', shared' : ''}`;
      if (again) {
        reused++;
        assert.deepEqual(expected.errors, [], `${how}: read in pieces where the whole has errors`);
        assert.deepEqual(plainNode(again), plainNode(expected.root), how);
        const items = again.children?.find((p) => p.children?.[0]?.value === 'Statement')?.children?.[1]?.children ?? [];
        const kept = items.filter((item) => statements.has(item)).length;
        if (!share) assert.equal(kept, 0, `${how}: a request's reading shares no node`);
        shared += kept;
      }
      before = { text: after, root: again ?? expected.root, errors: again ? [] : expected.errors };
    }
  }
  return { reused, shared };
}

describe('JSON policies read again after an edit inside one statement', () => {
  it('read generated policies as the whole parse does, sharing the statements before the edit in a validation', () => {
    const rng = random(20261205);
    const { reused, shared } = typeInto(generatePolicy(12_000), 150, rng, 'a 12,000-character policy');
    assert.ok(reused > 100, `${reused} readings reused statements`);
    assert.ok(shared > 500, `${shared} statements shared`);
  });

  it('read the corpus and example policies as the whole parse does, through broken and mended states', () => {
    const rng = random(77);
    const policies = seeds().filter((s) => s.name.endsWith('.json') && s.text.includes('"Statement"'));
    assert.ok(policies.length >= 3, `${policies.length} policies`);
    for (const seed of policies) typeInto(seed.text, 40, rng, seed.name);
  });

  it('answer undefined for an edit outside the statements, across two of them, or after a reading with errors', () => {
    const text = generatePolicy(3_000);
    const previous: LastReading = { text, root: whole(text).root, errorCount: 0 };
    const read = (after: string, last = previous) => runSteps(reparseStatementSteps(after, last, Infinity, true));
    assert.equal(read(text.replace('"Version": "2012-10-17"', '"Version": "2012-10-18"')), undefined);
    const second = text.indexOf('\n    {', text.indexOf('\n    {') + 1);
    assert.equal(read(`${text.slice(0, second - 3)}${text.slice(second + 3)}`), undefined);
    assert.equal(read(text.replace('"Effect": "Deny"', '"Effect": "Denyx"'), { ...previous, errorCount: 1 }), undefined);
    assert.ok(read(text.replace('"Effect": "Deny"', '"Effect": "Denyx"')));
  });

  it('copy the statements after the edit in steps, so that requests are answered in between', () => {
    // A key in the first statement of a 1 MB policy: the copies are nearly all of it, about 70,000 nodes.
    const text = generatePolicy(1_000_000);
    const at = text.indexOf('"Sid": "') + 9;
    const steps = reparseStatementSteps(`${text.slice(0, at)}x${text.slice(at)}`, { text, root: whole(text).root, errorCount: 0 }, 1_000, true);
    let yields = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) yields++;
    assert.ok(yields >= 50, `${yields} steps`);
  });

  it('give a policy validated after each edit the findings of the same text validated afresh', () => {
    // Statements with findings: a misspelt action, an object ARN for ListBucket, a CIDR, a set operator on a single-valued key.
    const flawed = `    {\n      "Sid": "Flawed",\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": ["s3:GetObjekt", "s3:ListBucket"],\n      "Resource": "arn:aws:s3:::flawed/*",\n      "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/33" }, "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1" } }\n    },\n`;
    const body = generatePolicy(10_000);
    const cut = (from: number) => body.indexOf('\n    {\n', from) + 1;
    let text = body.slice(0, cut(0)) + flawed + body.slice(cut(0), cut(body.length / 2)) + flawed + body.slice(cut(body.length / 2));
    const uri = `${ROOT}/bucket.policy.json`;
    const service = emptyService();
    const rng = random(1205);
    // Each edit is made on the last text that parsed without an error (a broken one is validated, then typed over).
    let clean = text;
    let reused = 0;
    for (let version = 1; version <= 200; version++) {
      if (version > 1) text = edit(clean, rng);
      const previous: LastReading = { text: clean, root: whole(clean).root, errorCount: 0 };
      if (runSteps(reparseStatementSteps(text, previous, Infinity, false))) reused++;
      if (!whole(text).errors.length) clean = text;
      service.setDocument(TextDocument.create(uri, 'json', version, text), { validateNext: true });
      runSteps(service.diagnosticsSteps(uri));
      const other = emptyService();
      other.setDocument(TextDocument.create(uri, 'json', 1, text));
      assert.equal(findingsText(service, uri), findingsText(other, uri), `version ${version}`);
    }
    assert.ok(reused > 50, `${reused} versions read in part`);
  });
});
