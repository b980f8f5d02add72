/**
 * Checks that read every element, filter call or statement of a document run as steps
 * (`CheckRun`): at 1 MB each held the thread for 5-25 ms in one call, and a completion arriving
 * meanwhile waited for all of it. A step reads `PARTS_PER_STEP` parts; what the steps report is
 * what the check reports on a small document, once per part.
 */
import * as assert from 'node:assert/strict';
import { JSON_CHECKS, TEMPLATE_CHECKS, WORKSPACE_CHECKS } from '../../../server/src/service/checks/registry';
import type { CheckRun, Report } from '../../../server/src/service/checks/types';
import { IamReference } from '../../../server/src/service/domain/iamReference';
import { parseJson } from '../../../server/src/service/json/document';
import { parseTemplate } from '../../../server/src/service/template/parser';
import { type InputReference, inputReferences, inputReferencesSteps } from '../../../server/src/service/template/scope';
import { ANY_ITEM } from '../../../server/src/service/sampleInput';
import { PARTS_PER_STEP } from '../../../server/src/service/util/steps';
import { iamDataFrom } from '../../../server/src/iamData';
import type { WorkspaceView } from '../../../server/src/service/workspace/view';
import { PACKAGE_DATA, ROOT } from '../../helpers/service';

const IAM = new IamReference(iamDataFrom(PACKAGE_DATA));

/** Runs a check's run to its end, counting its yields and its reports. */
function drain(run: CheckRun): number {
  let yields = 0;
  if (run) while (!run.next().done) yields++;
  return yields;
}

/** An element outside any form, with no name, an attribute it does not have, a value it does not take, and filters: unknown, presigning a literal, and skip_autoescape on task.input. */
const ELEMENT = (i: number) =>
  `<crowd-input label="{{ task.input.note${i} | skip_autoescape }}" type="nope" bogus="1" value="{{ 'https://example.com/a.png' | grant_read_access | frobnicate }}"></crowd-input>\n`;

/** A statement with a role principal whose account has ten digits, an ARN for an S3 action that is no object, a string operator on an ARN key, and a key no service has. */
const STATEMENT = (i: number) =>
  `{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::1111222233:role/r${i}" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket${i}", "Condition": { "StringEquals": { "sagemaker:WorkteamArn": "arn:aws:sagemaker:*:*:workteam/private-crowd/t${i}", "s3:NoSuchKey${i}": "x" } } }`;

describe('Checks run in steps', () => {
  const count = 1000;
  const template = Array.from({ length: count }, (_, i) => ELEMENT(i)).join('');
  const policyText = `{ "Version": "2012-10-17", "Statement": [${Array.from({ length: count }, (_, i) => STATEMENT(i)).join(',\n')}] }`;

  const templateChecks: [code: string, reported: number][] = [
    ['presign-non-s3', count],
    ['skip-autoescape-input', count],
    ['unnamed-crowd-field', count],
    ['invalid-attribute-value', count],
    ['missing-crowd-form', count],
    ['unknown-crowd-attribute', count],
    ['unknown-filter', count],
  ];
  for (const [code, reported] of templateChecks) {
    it(`${code} reads the elements or filter calls of a template ${PARTS_PER_STEP} a step, and reports each`, () => {
      const check = TEMPLATE_CHECKS.find((c) => c.meta.code === code)!;
      const reports: Report[] = [];
      const yields = drain(check.run({ uri: `${ROOT}/t.liquid.html`, text: template, document: parseTemplate(template), report: (r) => reports.push(r) }));
      assert.ok(yields >= count / PARTS_PER_STEP - 1, `${yields} yields`);
      assert.equal(reports.length, reported);
    });
  }

  const jsonChecks: [code: string, reported: number][] = [
    ['invalid-arn', count],
    ['resource-type-mismatch', count],
    ['condition-operator-mismatch', count],
    // sagemaker:WorkteamArn is not a key of S3's actions, and s3:NoSuchKey… is no key of S3.
    ['unknown-condition-key', 2 * count],
  ];
  for (const [code, reported] of jsonChecks) {
    it(`${code} reads the statements of a policy ${PARTS_PER_STEP} a step, and reports each`, () => {
      const check = JSON_CHECKS.find((c) => c.meta.code === code)!;
      const reports: Report[] = [];
      const document = parseJson(`${ROOT}/bucket-policy.json`, policyText, { fileName: 'bucket-policy.json' });
      const yields = drain(check.run({ uri: document.uri, text: policyText, document, iam: IAM, report: (r) => reports.push(r) }));
      assert.ok(yields >= count / PARTS_PER_STEP - 1, `${yields} yields`);
      assert.equal(reports.length, reported);
    });
  }

  it('kms-policy-missing-actions reads the statements of a key policy a few hundred a step', () => {
    // Each role's grants are evaluated over the whole policy: fewer of them.
    const count = 400;
    const check = WORKSPACE_CHECKS.find((c) => c.meta.code === 'kms-policy-missing-actions')!;
    const keyStatement = (i: number) =>
      `{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-${i}" }, "Action": ["kms:Decrypt"], "Resource": "*" }`;
    const text = `{ "Version": "2012-10-17", "Statement": [${Array.from({ length: count }, (_, i) => keyStatement(i)).join(',\n')}] }`;
    const uri = `${ROOT}/key-policy.json`;
    const document = parseJson(uri, text, { fileName: 'key-policy.json' });
    const reports: Report[] = [];
    // No labeling job names the roles: the console's execution roles are reported for what they are.
    const workspace = { jobs: () => [] } as unknown as WorkspaceView;
    const yields = drain(check.run({ uri, text, workspace, report: (r) => reports.push(r), kind: 'json', document }));
    assert.ok(yields >= count / PARTS_PER_STEP - 1, `${yields} yields`);
    // Each console execution role is granted Decrypt alone: it misses GenerateDataKey and Encrypt.
    assert.equal(reports.length, count);
  });

  it('source-vpc-blocks-workers evaluates a bucket policy for a worker on the internet a few hundred statements a step', () => {
    const check = WORKSPACE_CHECKS.find((c) => c.meta.code === 'source-vpc-blocks-workers')!;
    const deny = (i: number) =>
      `{ "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket${i}/*", "Condition": { "StringNotEquals": { "aws:SourceVpce": "vpce-${i}" } } }`;
    const text = `{ "Version": "2012-10-17", "Statement": [${Array.from({ length: count }, (_, i) => deny(i)).join(',\n')}] }`;
    const uri = `${ROOT}/bucket-policy.json`;
    const document = parseJson(uri, text, { fileName: 'bucket-policy.json' });
    const reports: Report[] = [];
    // No workforce in the workspace: workers reach S3 from anywhere on the internet.
    const workspace = { workteams: () => [], workforces: () => [] } as unknown as WorkspaceView;
    const yields = drain(check.run({ uri, text, workspace, report: (r) => reports.push(r), kind: 'json', document }));
    assert.ok(yields >= count / PARTS_PER_STEP - 1, `${yields} yields`);
    // Every statement denies a worker's read from outside its endpoint.
    assert.equal(reports.length, count);
  });

  it('works out what task.input each variable reads a slice of Liquid nodes a step, as one call does, and keeps it per tree', () => {
    const text = Array.from({ length: 300 }, (_, i) => `{% for item in task.input.list${i} %}{{ item.url | grant_read_access }}{% endfor %}\n`).join('');
    const stepped = parseTemplate(text);
    const run = inputReferencesSteps(stepped, 50);
    let yields = 0;
    let next = run.next();
    for (; !next.done; next = run.next()) yields++;
    // Three Liquid nodes a line.
    assert.equal(yields, 900 / 50);
    const paths = (references: Map<unknown, InputReference>) => [...references.values()].map((r) => `${r.variable.start} ${r.path.map(String).join('.')}`);
    assert.deepEqual(paths(next.value), paths(inputReferences(parseTemplate(text))));
    assert.equal(paths(next.value)[1], `${text.indexOf('item.url')} list0.${String(ANY_ITEM)}.url`);
    assert.equal(inputReferences(stepped), next.value);
  });
});
