import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../server/src/emulator/emulator';
import { REQUESTS_PATH, startEmulator } from '../../../server/src/emulator/emulator';
import { KEY, knownKeyEmulator, rejection, renderCommand, sdkClient } from '../../helpers/emulator';

const amzDate = (d = new Date()) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');

/** A request as the wire carries it, for the checks that come before any signature math. */
async function raw(emulator: Emulator, headers: Record<string, string>, body = '{}') {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.RenderUiTemplate', 'x-amz-date': amzDate(), ...headers },
    body,
  });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: (await response.json()) as Record<string, unknown> };
}

const authorization = (scope: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${amzDate().slice(0, 8)}/${scope}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00ff`;

describe('SageMaker endpoint emulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await knownKeyEmulator();
  });
  afterEach(() => emulator.close());

  it('renders through the real SDK client, with its SigV4 signature verified', async () => {
    const result = await sdkClient(emulator).send(
      renderCommand('<p>{{ task.input.who }}</p><img src="{{ task.input.img | grant_read_access }}">', { who: "O'Brien & co", img: 's3://bkt/a.jpg' }),
    );
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.equal(
      result.RenderedContent,
      '<p>O&#39;Brien &amp; co</p><img src="https://emulator-presigned.invalid/bkt/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Expires=3600&amp;X-Amz-Signature=emulator">',
    );
    assert.deepEqual(result.Errors, []);
    assert.deepEqual(
      emulator.requests.map((r) => [r.target, r.accessKeyId, r.region, r.status]),
      [['SageMaker.RenderUiTemplate', KEY.accessKeyId, 'us-east-1', 200]],
    );
  });

  it('answers template errors with HTTP 200 inside Errors, with their line and column', async () => {
    const result = await sdkClient(emulator).send(renderCommand('<p>ok</p>\n  {% if task.input.a %}'));
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.deepEqual(result.Errors, [{ Code: 'LiquidParseError', Message: 'tag {% if task.input.a %} not closed (line 2, column 3)' }]);
  });

  it('validates the request like the service', async () => {
    const client = sdkClient(emulator);
    const cases: [Parameters<typeof renderCommand>, string][] = [
      [['x', {}, { RoleArn: undefined }], "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"],
      [
        ['x', {}, { RoleArn: 'arn:aws:iam::123456789012:user/Bob' }],
        "Value 'arn:aws:iam::123456789012:user/Bob' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
      ],
      [['x', {}, { Task: { Input: '1' } }], "Value at 'task.input' failed to satisfy constraint: Member must have length greater than or equal to 2"],
      [['x', {}, { Task: { Input: '{"a": ' } }], 'Task.Input must be a valid JSON string.'],
      [['x', {}, { Task: undefined }], "Value null at 'task' failed to satisfy constraint: Member must not be null"],
      [['x'.repeat(128_001)], "Value at 'uiTemplate.content' failed to satisfy constraint: Member must have length less than or equal to 128000"],
      [['x', {}, { UiTemplate: undefined }], 'Specify either UiTemplate or HumanTaskUiArn.'],
    ];
    for (const [args, message] of cases) {
      const error = await rejection(client.send(renderCommand(...args)));
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.$metadata?.httpStatusCode, 400);
      assert.ok(error.message.includes(message), `${error.message}\n  should include\n${message}`);
    }
  });

  it('accepts the largest template and input the service accepts', async () => {
    const head = '<p>{{ task.input.a }}</p>';
    const padding = 'x'.repeat(128_000 - head.length);
    const value = 'y'.repeat(128_000 - '{"a":""}'.length);
    const result = await sdkClient(emulator).send(renderCommand(head + padding, { a: value }));
    assert.equal(result.RenderedContent, `<p>${value}</p>${padding}`);
  });

  it('serves requests signed for any region unless a region is pinned, then refuses the others as the service does', async () => {
    for (const region of ['us-west-2', 'eu-central-1']) {
      const result = await sdkClient(emulator, { region }).send(renderCommand('<p>{{ task.input.a }}</p>', { a: 'b' }));
      assert.equal(result.RenderedContent, '<p>b</p>');
    }
    assert.deepEqual(
      emulator.requests.map((r) => [r.region, r.status]),
      [
        ['us-west-2', 200],
        ['eu-central-1', 200],
      ],
    );
    const pinned = await startEmulator({ region: 'us-east-1' });
    after(() => pinned.close());
    assert.equal((await sdkClient(pinned).send(renderCommand('x'))).RenderedContent, 'x');
    const wrongRegion = await sdkClient(pinned, { region: 'eu-west-1' })
      .send(renderCommand('x'))
      .catch((e: Error) => e);
    assert.equal((wrongRegion as Error).name, 'InvalidSignatureException');
    assert.match((wrongRegion as Error).message, /scoped to a valid region, not 'eu-west-1'/);
  });

  it('refuses unsigned requests, and scopes for another service, in the AWS error shape', async () => {
    const open = await startEmulator();
    after(() => open.close());
    assert.deepEqual(await raw(open, {}), {
      status: 400,
      errorType: 'MissingAuthenticationTokenException',
      body: { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
    });
    const wrongService = await raw(open, { authorization: authorization('us-east-1/s3') });
    assert.deepEqual(
      [wrongService.status, wrongService.body.__type, wrongService.body.message],
      [403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'sagemaker'."],
    );
    const malformed = await raw(open, { authorization: 'AWS4-HMAC-SHA256 Credential=x' });
    assert.deepEqual([malformed.status, malformed.body.__type], [400, 'IncompleteSignatureException']);
  });

  it('refuses unknown keys, wrong secrets and expired sessions like the service', async () => {
    const unknown = await rejection(sdkClient(emulator, { credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } }).send(renderCommand('x')));
    assert.equal(unknown.name, 'UnrecognizedClientException');
    const wrongSecret = await rejection(sdkClient(emulator, { credentials: { ...KEY, secretAccessKey: 'wrong' } }).send(renderCommand('x')));
    assert.deepEqual([wrongSecret.name, wrongSecret.$metadata?.httpStatusCode], ['InvalidSignatureException', 403]);
    const expired = await startEmulator({ credentials: { [KEY.accessKeyId]: { secretAccessKey: KEY.secretAccessKey, expired: true } } });
    try {
      const error = await rejection(sdkClient(expired).send(renderCommand('x')));
      assert.deepEqual([error.name, error.message], ['ExpiredTokenException', 'The security token included in the request is expired']);
    } finally {
      await expired.close();
    }
  });

  it('refuses other operations and other content types', async () => {
    const open = await startEmulator();
    after(() => open.close());
    const other = await raw(open, { authorization: authorization('us-east-1/sagemaker'), 'x-amz-target': 'SageMaker.ListWorkteams' });
    assert.deepEqual([other.status, other.body.__type], [400, 'UnknownOperationException']);
    const json = await raw(open, { authorization: authorization('us-east-1/sagemaker'), 'content-type': 'text/plain' });
    assert.deepEqual([json.status, json.body.__type], [400, 'SerializationException']);
    const notJson = await raw(open, { authorization: authorization('us-east-1/sagemaker') }, '{');
    assert.deepEqual([notJson.status, notJson.body.__type], [400, 'SerializationException']);
  });

  const FAULTS: [string, string, number][] = [
    ['throttling', 'ThrottlingException', 400],
    ['internal-error', 'InternalFailure', 500],
    ['service-unavailable', 'ServiceUnavailable', 503],
    ['access-denied', 'AccessDeniedException', 400],
    ['expired-token', 'ExpiredTokenException', 400],
  ];

  it('injects each fault by configuration, and for one request by header', async () => {
    for (const [fault, name, status] of FAULTS) {
      emulator.setFault(fault as never);
      const configured = await rejection(sdkClient(emulator).send(renderCommand('x')));
      assert.deepEqual([configured.name, configured.$metadata?.httpStatusCode], [name, status], fault);
      emulator.setFault(undefined);
      const perRequest = await rejection(sdkClient(emulator, { fault }).send(renderCommand('x')));
      assert.deepEqual([perRequest.name, perRequest.$metadata?.httpStatusCode], [name, status], fault);
    }
    const plain = await sdkClient(emulator).send(renderCommand('ok'));
    assert.equal(plain.RenderedContent, 'ok', 'a header fault applies to its request only');
  });

  it('answers slowly when asked, and lets a client that gives up go', async () => {
    emulator.setFault('slow', 60_000);
    const controller = new AbortController();
    const pending = sdkClient(emulator).send(renderCommand('x'), { abortSignal: controller.signal });
    await emulator.whenRequests(1);
    controller.abort();
    const error = await rejection(pending);
    assert.equal(error.name, 'AbortError');
    emulator.setFault('slow', 1);
    const answered = await sdkClient(emulator).send(renderCommand('late'));
    assert.equal(answered.RenderedContent, 'late');
  });

  it(`lists what it received at GET ${REQUESTS_PATH}, which does not count itself`, async () => {
    const received = async () => {
      const response = await fetch(emulator.url + REQUESTS_PATH);
      assert.equal(response.status, 200);
      return ((await response.json()) as { requests: { target: string; status?: number; errorType?: string }[] }).requests;
    };
    assert.deepEqual(await received(), []);
    await sdkClient(emulator).send(renderCommand('x'));
    await rejection(sdkClient(emulator, { fault: 'throttling' }).send(renderCommand('x')));
    assert.deepEqual(
      (await received()).map((r) => [r.target, r.status, r.errorType]),
      [
        ['SageMaker.RenderUiTemplate', 200, undefined],
        ['SageMaker.RenderUiTemplate', 400, 'ThrottlingException'],
      ],
    );
    const post = await fetch(emulator.url + REQUESTS_PATH, { method: 'POST' });
    assert.equal(post.status, 404, 'only GET reads the list');
    assert.equal((await received()).length, 3);
  });
});
