/**
 * A repository opened in the editor can be careless or hostile: policies whose wildcards make a
 * backtracking matcher run for minutes, settings globs built to do the same or to overflow the
 * stack, FIFOs where the index and a sample input are read, files in UTF-16. The server answers
 * within its normal budgets and reads what it can.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { FLOW, STARRY_POLICIES, WORKTEAM } from '../helpers/hostile';
import { LspClient } from '../helpers/lspClient';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';
const TEMPLATE = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.img | s3_presign }}">\n  <p>{{ task.input.nope }}</p>\n  <crowd-input></crowd-input>\n</crowd-form>\n`;
/** What an editor waits for at most before the user notices: generous for a loaded test machine, far under what the backtracking took. */
const BUDGET_MS = 2000;

function within<T>(ms: number, what: string, pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

const DEEP_BRACES = '{'.repeat(10_000) + 'a' + '}'.repeat(10_000);
const HUGE_GLOB = 'x'.repeat(1 << 20);
const DEEP_STACK = `AWSTemplateFormatVersion: "2010-09-09"\nResources: ${'['.repeat(600_000)}\n`;
const SIXTEEN = '**/'.repeat(16);

describe('a hostile repository over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;
  const uri = (name: string) => URI.file(path.join(folder, name)).toString();
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-hostile-'));
    for (const dir of ['policies', 'teams', 'samples', 'deep/a/b']) mkdirSync(path.join(folder, dir), { recursive: true });
    writeFileSync(path.join(folder, 'policies', 'bucket-policy.json'), json(STARRY_POLICIES.bucket));
    writeFileSync(path.join(folder, 'policies', 'no-public.json'), json(STARRY_POLICIES.workteamType));
    writeFileSync(path.join(folder, 'ReviewRole-trust.json'), json(STARRY_POLICIES.trust));
    writeFileSync(path.join(folder, 'flow.json'), FLOW);
    writeFileSync(path.join(folder, 'teams', 'workteam.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WORKTEAM, 'utf16le')]));
    writeFileSync(path.join(folder, 'samples', 'in.json'), json({ img: 's3://review-input/cat.jpg' }));
    writeFileSync(path.join(folder, 'deep', 'a', 'b', 'task.liquid.html'), TEMPLATE);
    // A stack of 600,000 open brackets: the yaml package held them all, past 400 MB, and ended the process.
    writeFileSync(path.join(folder, 'deep', 'stack.yaml'), DEEP_STACK);
    // Where the index and the template's second sample input candidate would read: a FIFO blocks whoever reads it.
    execFileSync('mkfifo', [path.join(folder, 'teams', 'pipe.json')]);
    execFileSync('mkfifo', [path.join(folder, 'deep', 'a', 'b', 'task.input.json')]);
    client = await LspClient.start({
      rootUri: URI.file(folder).toString(),
      settings: {
        gtTemplates: {
          sampleInputs: { [`${SIXTEEN}*.liquid.html`]: 'samples/in.json', [HUGE_GLOB]: 'samples/in.json' },
          jsonFiles: {
            [DEEP_BRACES]: 'Policy',
            [`${SIXTEEN}odd.json`]: 'none',
            'flow.json': 'CreateFlowDefinition',
            'policies/*.json': 'Policy',
            '*-trust.json': 'Policy',
            'teams/*.json': 'CreateWorkteam',
          },
          checks: { 'unnamed-crowd-field': 'off' },
        },
      },
    });
    await client.logged(/^Workspace indexed/);
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers diagnostics and hover on a bucket policy whose action has 24 stars, matched against every S3 action', async () => {
    const text = json(STARRY_POLICIES.bucket);
    client.open(uri('policies/bucket-policy.json'), 'json', text);
    const diagnostics = await within(BUDGET_MS, 'diagnostics', client.diagnostics(uri('policies/bucket-policy.json')));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [['unknown-action', 's3:************************Z matches no action of Amazon S3 (s3).']],
    );
    const line = text.split('\n').findIndex((l) => l.includes('"Action"'));
    const hover = await within(BUDGET_MS, 'hover', client.hover(uri('policies/bucket-policy.json'), { line, character: 10 }));
    assert.match(JSON.stringify(hover?.contents), /Action/);
  });

  it('reports a StringNotLike of 24 stars on sagemaker:WorkteamType as matching no workteam type', async () => {
    client.open(uri('policies/no-public.json'), 'json', json(STARRY_POLICIES.workteamType));
    const diagnostics = await within(BUDGET_MS, 'diagnostics', client.diagnostics(uri('policies/no-public.json')));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['invalid-workteam-type'],
    );
  });

  it('reports that a trust policy of 20 stars before Z does not let SageMaker assume the role', async () => {
    client.open(uri('flow.json'), 'json', FLOW);
    const diagnostics = await within(BUDGET_MS, 'diagnostics', client.diagnostics(uri('flow.json')));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['trust-policy-missing-sagemaker'],
    );
  });

  it('warns once about each refused glob, naming its setting', () => {
    const warnings = (pattern: RegExp) => client.logs.filter((l) => pattern.test(l)).length;
    assert.equal(warnings(/^gtTemplates\.jsonFiles\["\{{56}\.\.\.\] is longer than 1,000 characters; it is ignored\.$/), 1, client.logs.join('\n'));
    assert.equal(warnings(/^gtTemplates\.sampleInputs\["x{56}\.\.\.\] is longer than 1,000 characters; it is ignored\.$/), 1, client.logs.join('\n'));
  });

  it('applies the other settings: 16 **/ find the sample input, within budget, and severities hold', async () => {
    const template = uri('deep/a/b/task.liquid.html');
    client.open(template, 'html', TEMPLATE);
    const diagnostics = await within(BUDGET_MS, 'diagnostics', client.diagnostics(template));
    // undefined-input-field: the sample input was found; no unnamed-crowd-field: it is off.
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['presign-unrestricted-workteam', 'undefined-input-field']);
    const hover = await within(BUDGET_MS, 'hover', client.hover(template, { line: 2, character: '  <img src="{{ task.input.i'.length }));
    assert.match(JSON.stringify(hover?.contents), /s3:\/\/review-input\/cat\.jpg/);
  });

  it('indexes and opens a stack of 600,000 open brackets, and goes on answering', async () => {
    client.open(uri('deep/stack.yaml'), 'yaml', DEEP_STACK);
    await within(BUDGET_MS, 'diagnostics', client.diagnostics(uri('deep/stack.yaml')));
    const template = uri('deep/a/b/task.liquid.html');
    client.open(template, 'html', TEMPLATE);
    const hover = await within(BUDGET_MS, 'hover', client.hover(template, { line: 2, character: '  <img src="{{ task.input.i'.length }));
    assert.match(JSON.stringify(hover?.contents), /s3:\/\/review-input\/cat\.jpg/);
    assert.equal(client.exit, undefined);
  });

  it('reads a UTF-16 workteam from disk: the template is told its workteam does not restrict presigned URLs', async () => {
    const template = uri('deep/a/b/task.liquid.html');
    const finding = (await client.diagnostics(template)).find((d) => d.code === 'presign-unrestricted-workteam');
    assert.equal(finding?.relatedInformation?.[0].location.uri, uri('teams/workteam.json'));
  });
});
