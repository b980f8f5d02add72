/**
 * Statement-local checks on a loose policy after a key inside one statement
 * (`server/src/service/json/statementReuse.ts`): the check reads that statement alone, the other
 * statements' reports are the last version's, moved; what cannot be filed under one statement is
 * not reused. (That the findings equal a fresh validation's after random edits is shown in
 * `treeReuse.test.ts`.)
 */
import * as assert from 'node:assert/strict';
import type { JsonCheck, Report } from '../../../server/src/service/checks/types';
import { type JsonDocument, parseJsonSteps } from '../../../server/src/service/json/document';
import { policyStatements } from '../../../server/src/service/json/policies';
import { runStatementLocal } from '../../../server/src/service/json/statementReuse';
import { runSteps } from '../../../server/src/service/util/steps';

const URI = 'file:///w/bucket.policy.json';

function statement(sid: string, action: string): string {
  return `    {\n      "Sid": "${sid}",\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "${action}",\n      "Resource": "arn:aws:s3:::b/*"\n    }`;
}

function policy(actions: string[]): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${actions.map((a, i) => statement(`S${i}`, a)).join(',\n')}\n  ]\n}\n`;
}

/** A check that reports every action named `bad:*`, and records which statements it read. */
function spyCheck(read: string[][], reportOutside = false): JsonCheck {
  return {
    meta: { code: 'spy', title: 'Spy', description: 'Reports bad actions.', severity: 'warning', scope: 'json', fixable: false },
    statementLocal: true,
    run({ document, report }) {
      const statements = policyStatements(document);
      read.push(statements.map((s) => s.node.children![0].children![1].value as string));
      for (const s of statements) {
        for (const node of s.actions ?? []) {
          if (!String(node.value).startsWith('bad:')) continue;
          report({ start: node.offset, end: node.offset + node.length, message: `bad ${String(node.value)}` });
          if (reportOutside) report({ start: 0, end: 1, message: 'at the top' });
        }
      }
    },
  };
}

function parse(text: string, previous?: JsonDocument): JsonDocument {
  const reuse = previous && { previous: { text: previous.text, root: previous.root, errorCount: previous.errors.length }, share: true };
  return runSteps(parseJsonSteps(URI, text, { fileName: 'bucket.policy.json' }, Infinity, reuse));
}

function run(check: JsonCheck, document: JsonDocument): Report[] {
  const out: Report[] = [];
  policyStatements(document);
  runSteps(runStatementLocal(check, { uri: URI, text: document.text, document, iam: undefined }, (r) => out.push(r)));
  return out;
}

function spans(text: string, reports: Report[]): string[] {
  return reports.map((r) => `${text.slice(r.start, r.end)}@${r.start}`);
}

describe('statement-local checks after a key inside one statement of a policy', () => {
  it('read that statement alone and move the reports on the statements after it', () => {
    const read: string[][] = [];
    const check = spyCheck(read);
    const v1 = policy(['bad:one', 's3:GetObject', 'bad:three', 'bad:four']);
    const first = parse(v1);
    assert.equal(first.shape?.kind, 'policy');
    assert.deepEqual(spans(v1, run(check, first)), [
      `"bad:one"@${v1.indexOf('"bad:one"')}`,
      `"bad:three"@${v1.indexOf('"bad:three"')}`,
      `"bad:four"@${v1.indexOf('"bad:four"')}`,
    ]);
    assert.deepEqual(read, [['S0', 'S1', 'S2', 'S3']]);

    // A key in the second statement: "s3:GetObject" becomes "bad:GetObject", three characters longer.
    const v2 = v1.replace('"s3:GetObject"', '"bad:GetObject"');
    const second = parse(v2, first);
    const reports = run(check, second);
    assert.deepEqual(read[1], ['S1'], 'the check read the edited statement alone');
    assert.deepEqual(
      spans(v2, reports),
      ['"bad:one"', '"bad:GetObject"', '"bad:three"', '"bad:four"'].map((s) => `${s}@${v2.indexOf(s)}`),
    );

    // And again from there: the reports kept on the second version serve the third.
    const v3 = v2.replace('"S3"', '"S3x"');
    const third = parse(v3, second);
    assert.deepEqual(
      spans(v3, run(check, third)),
      ['"bad:one"', '"bad:GetObject"', '"bad:three"', '"bad:four"'].map((s) => `${s}@${v3.indexOf(s)}`),
    );
    assert.deepEqual(read[2], ['S3x']);
  });

  it('runs whole when the last version ran otherwise, or a report lay outside every statement', () => {
    const read: string[][] = [];
    const v1 = policy(['bad:one', 's3:GetObject']);
    const first = parse(v1);
    // Nothing kept for this check on the first version: the second reads every statement.
    const v2 = v1.replace('"S1"', '"S1x"');
    const second = parse(v2, first);
    run(spyCheck(read), second);
    assert.deepEqual(read, [['S0', 'S1x']]);

    const outside: string[][] = [];
    const check = spyCheck(outside, true);
    run(check, second);
    const v3 = v2.replace('"S0"', '"S0x"');
    const reports = run(check, parse(v3, second));
    assert.deepEqual(outside, [
      ['S0', 'S1x'],
      ['S0x', 'S1x'],
    ]);
    assert.deepEqual(
      reports.map((r) => r.message),
      ['bad bad:one', 'at the top'],
    );
  });

  it('runs whole after a key outside the statements', () => {
    const read: string[][] = [];
    const check = spyCheck(read);
    const v1 = policy(['bad:one', 's3:GetObject']);
    const first = parse(v1);
    run(check, first);
    const v2 = v1.replace('"2012-10-17"', '"2008-10-17"');
    run(check, parse(v2, first));
    assert.deepEqual(read, [
      ['S0', 'S1'],
      ['S0', 'S1'],
    ]);
  });
});
