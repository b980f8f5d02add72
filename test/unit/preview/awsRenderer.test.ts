/**
 * The AWS renderer through the real `@aws-sdk/client-sagemaker` client, its real credential chain
 * (shared config and credentials files, a profile setting) and the local endpoint emulator. No
 * part of the SDK is stubbed: faults come from the emulator, credentials from files.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Emulator } from '../../../server/src/emulator/emulator';
import { startEmulator } from '../../../server/src/emulator/emulator';
import { AwsSettings, AwsTemplateRenderer } from '../../../client/src/preview/awsRenderer';
import { issueRange } from '../../../client/src/preview/issues';
import type { RenderOutcome } from '../../../client/src/preview/types';
import { EXPIRED_KEY, useTestAwsProfiles } from '../../helpers/awsProfiles';
import { KEY, ROLE } from '../../helpers/emulator';

describe('AWS renderer (real SDK, real credential chain, local endpoint)', function () {
  let emulator: Emulator;
  let restoreEnvironment: () => void;

  before(async () => {
    restoreEnvironment = useTestAwsProfiles();
    emulator = await startEmulator({
      credentials: {
        [KEY.accessKeyId]: { secretAccessKey: KEY.secretAccessKey },
        [EXPIRED_KEY.accessKeyId]: { secretAccessKey: EXPIRED_KEY.secretAccessKey, expired: true },
      },
    });
  });

  after(async () => {
    await emulator.close();
    restoreEnvironment();
  });

  afterEach(() => emulator.setFault(undefined));

  const settings = (overrides: Partial<AwsSettings> = {}): AwsSettings => ({
    profile: 'preview',
    region: 'us-east-1',
    roleArn: ROLE,
    endpoint: emulator.url,
    timeoutMs: 5000,
    ...overrides,
  });

  async function render(
    template: string,
    input: unknown = {},
    overrides?: Partial<AwsSettings>,
    signal = new AbortController().signal,
  ): Promise<{ outcome: RenderOutcome }> {
    const renderer = new AwsTemplateRenderer(() => settings(overrides));
    try {
      return { outcome: await renderer.render({ template, input, signal }) };
    } finally {
      renderer.dispose();
    }
  }

  // No timing asserted here: each failure has its own message, so the message says which path answered.
  async function failure(template: string, overrides?: Partial<AwsSettings>): Promise<{ message: string }> {
    const { outcome } = await render(template, {}, overrides);
    assert.equal(outcome.ok, false, 'expected a failure');
    const { message } = outcome as { message: string };
    assert.doesNotMatch(message, /\n\s+at |Error: /, 'no stack trace');
    assert.doesNotMatch(message, /secret|AKIA/i, 'no credential in the message');
    return { message };
  }

  it('renders with credentials from the profile, signed and verified', async () => {
    const { outcome } = await render('<h1>{{ task.input.title }}</h1>', { title: 'Cats & dogs' });
    assert.deepEqual(outcome, { ok: true, html: '<h1>Cats &amp; dogs</h1>', issues: [], notes: [] });
    assert.equal(emulator.requests.at(-1)!.accessKeyId, KEY.accessKeyId);
  });

  it('turns Errors[] into issues that point at the template', async () => {
    const template = '<p>fine</p>\n<p>{% if task.input.x %}open</p>';
    const { outcome } = await render(template);
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.code, i.line, i.column, template.slice(issueRange(template, i).start, issueRange(template, i).end)]),
      [['LiquidParseError', 2, 4, '{% if task.input.x %}']],
    );
    assert.match(outcome.issues[0].message, /not closed/);
  });

  const FAULTS: [string, RegExp][] = [
    ['throttling', /^SageMaker is throttling requests \(ThrottlingException: Rate exceeded\)\. Wait a moment and refresh/],
    ['internal-error', /^SageMaker had a server error \(500 InternalFailure\)\. Try again in a moment\.$/],
    ['service-unavailable', /^SageMaker had a server error \(503 ServiceUnavailable\)/],
    [
      'access-denied',
      /^Access denied: User: .* is not authorized to perform: sagemaker:RenderUiTemplate.*\. Your identity needs sagemaker:RenderUiTemplate, and iam:PassRole on arn:aws:iam::123456789012:role\/PreviewRole\.$/,
    ],
    ['expired-token', /^Your AWS credentials for profile "preview" have expired\. Sign in again \(aws sso login --profile preview\)/],
  ];
  for (const [fault, expected] of FAULTS) {
    it(`gives one clear message for ${fault}`, async () => {
      emulator.setFault(fault as never);
      const { message } = await failure('x');
      assert.match(message, expected);
    });
  }

  it('gives up on a slow endpoint at the timeout, with a message', async () => {
    emulator.setFault('slow', 60_000);
    const { message } = await failure('x', { timeoutMs: 400 });
    assert.equal(message, `No answer from ${emulator.url} within 0.4 s. Check your network or proxy, or raise gtTemplates.preview.aws.timeoutSeconds.`);
  });

  it('passes the service validation error on, with what to check', async () => {
    const { message } = await failure('x', { roleArn: 'arn:aws:iam::123:role/too-short-account' });
    assert.match(
      message,
      /^SageMaker refused the request: 1 validation error detected: Value 'arn:aws:iam::123:role\/too-short-account' at 'roleArn' failed to satisfy constraint: .*\. Check gtTemplates\.preview\.aws\.roleArn\.$/,
    );
  });

  it('says so when there are no credentials for the profile', async () => {
    const { message } = await failure('x', { profile: 'nobody' });
    assert.equal(
      message,
      'No AWS credentials found for profile "nobody". Sign in (aws sso login --profile nobody, or aws configure), or set gtTemplates.preview.aws.profile to a profile that has credentials.',
    );
  });

  it('says so when the credentials have expired: a session the service refuses, or an SSO login', async () => {
    const refused = await failure('x', { profile: 'stale' });
    assert.equal(
      refused.message,
      'Your AWS credentials for profile "stale" have expired. Sign in again (aws sso login --profile stale) and refresh the preview.',
    );
    const sso = await failure('x', { profile: 'sso-expired' });
    assert.equal(
      sso.message,
      'Your AWS credentials for profile "sso-expired" have expired. Sign in again (aws sso login --profile sso-expired) and refresh the preview.',
    );
  });

  it('says what to set when the role is missing, and when the endpoint is not a URL', async () => {
    assert.match((await failure('x', { roleArn: undefined })).message, /^Set gtTemplates\.preview\.aws\.roleArn/);
    assert.match((await failure('x', { endpoint: 'localhost:1234' })).message, /^gtTemplates\.preview\.aws\.endpoint must be an http\(s\) URL/);
  });

  it('refuses a template over 128,000 characters before sending it', async () => {
    const before = emulator.requests.length;
    assert.match((await failure('x'.repeat(128_001))).message, /128,001 characters; RenderUiTemplate accepts at most 128,000/);
    assert.equal(emulator.requests.length, before);
  });

  it('says when the endpoint cannot be reached', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { message } = await failure('x', { endpoint: `http://127.0.0.1:${closed}` });
    assert.equal(message, `Cannot reach http://127.0.0.1:${closed} (ECONNREFUSED). Check your network or proxy, and that the endpoint is running.`);
  });

  it('stops at once when a newer render cancels it', async () => {
    emulator.setFault('slow', 60_000);
    const controller = new AbortController();
    const arrived = emulator.whenRequests(emulator.requests.length + 1);
    const pending = render('x', {}, {}, controller.signal);
    await arrived;
    controller.abort();
    // The endpoint would answer in 60 s, past mocha's timeout: an answer at all means it stopped.
    const { outcome } = await pending;
    assert.deepEqual(outcome, { ok: false, message: 'Cancelled: a newer render started.' });
  });
});
