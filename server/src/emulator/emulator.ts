/**
 * A local stand-in for the SageMaker API endpoint, enough for RenderUiTemplate: AWS JSON 1.1 over
 * HTTP (`POST /`, `X-Amz-Target: SageMaker.RenderUiTemplate`), SigV4 parsed and its scope
 * checked, the request validated like the service, the template rendered offline. Faults
 * (throttling, 5xx, slowness, AccessDenied, expired tokens) can be switched on for every request
 * or asked for by one request, so tests can drive the real SDK client through each of them.
 */
import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from './awsError';
import { renderUiTemplate, validateRequest } from './renderUiTemplate';
import { parseAmzDate, parseAuthorization, signatureMatches } from './sigv4';

export const FAULTS = ['throttling', 'internal-error', 'service-unavailable', 'access-denied', 'expired-token', 'slow'] as const;
export type Fault = (typeof FAULTS)[number];

/** The request header that asks for a fault on this one request (`x-emulator-fault: throttling`). */
export const FAULT_HEADER = 'x-emulator-fault';
/** With `slow`: how long to wait, in ms (`x-emulator-delay-ms: 5000`). */
export const DELAY_HEADER = 'x-emulator-delay-ms';
/**
 * `GET /__requests` answers `{"requests": [...]}`, every request received so far (not counting
 * these): how a test that runs the emulator as its own process proves what reached it, or that
 * nothing did.
 */
export const REQUESTS_PATH = '/__requests';

export interface KnownCredentials {
  secretAccessKey: string;
  /** Answer ExpiredTokenException, as the service does for an expired session. */
  expired?: boolean;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /**
   * The one region requests must be signed for, refused otherwise as the service does. Without it,
   * requests signed for any region are served, as local stand-ins for AWS services do.
   */
  region?: string;
  /** A fault for every request, until changed with `setFault`. */
  fault?: Fault;
  /** How long `slow` waits before answering, in ms. */
  delayMs?: number;
  /**
   * Access keys the emulator knows. When given, the signature is verified and unknown keys are
   * refused, like the service; without it, any key is accepted once its header parses.
   */
  credentials?: Record<string, KnownCredentials>;
}

export interface RecordedRequest {
  target: string;
  accessKeyId?: string;
  region?: string;
  /** The HTTP status answered, or undefined when the client went away first. */
  status?: number;
  errorType?: string;
}

export interface Emulator {
  url: string;
  port: number;
  /** The region it insists on, or undefined when it serves every region. */
  region: string | undefined;
  requests: RecordedRequest[];
  /** Resolves once the emulator has received `count` requests in all (for tests that act while one is in flight). */
  whenRequests(count: number): Promise<void>;
  setFault(fault: Fault | undefined, delayMs?: number): void;
  close(): Promise<void>;
}

const DEFAULT_DELAY_MS = 30_000;
const MAX_BODY = 10 * 1024 * 1024;
/** The service refuses signatures more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const TARGET_PREFIX = 'SageMaker.';

const FAULT_ERRORS: Record<Exclude<Fault, 'slow'>, () => AwsError> = {
  throttling: () => new AwsError('ThrottlingException', 400, 'Rate exceeded'),
  'internal-error': () => new AwsError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.'),
  'service-unavailable': () => new AwsError('ServiceUnavailable', 503, 'The service is unavailable. Please try again later.'),
  'access-denied': () =>
    new AwsError(
      'AccessDeniedException',
      400,
      'User: arn:aws:sts::123456789012:assumed-role/Preview/session is not authorized to perform: sagemaker:RenderUiTemplate because no identity-based policy allows the sagemaker:RenderUiTemplate action',
    ),
  'expired-token': () => new AwsError('ExpiredTokenException', 400, 'The security token included in the request is expired'),
};

export function isFault(value: string): value is Fault {
  return (FAULTS as readonly string[]).includes(value);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region;
  let fault = options.fault;
  let delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const waiters: { count: number; resolve: () => void }[] = [];

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === REQUESTS_PATH) {
      const payload = JSON.stringify({ requests });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
      res.end(payload);
      return;
    }
    const record: RecordedRequest = { target: String(req.headers['x-amz-target'] ?? '') };
    requests.push(record);
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    void handle(req, res, record).catch((error: unknown) => {
      const failure = error instanceof AwsError ? error : new AwsError('InternalFailure', 500, 'The emulator failed to process the request.');
      send(res, record, failure.status, failure.body, failure.type);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (req.method !== 'POST' || url.pathname !== '/')
      throw new AwsError('UnknownOperationException', 404, `${req.method} ${url.pathname} is not an operation; send POST / with X-Amz-Target.`);
    const auth = parseAuthorization(header(req, 'authorization'));
    record.accessKeyId = auth.accessKeyId;
    record.region = auth.region;
    if (auth.service !== 'sagemaker') throw new AwsError('InvalidSignatureException', 403, `Credential should be scoped to correct service: 'sagemaker'.`);
    if (region !== undefined && auth.region !== region)
      throw new AwsError(
        'InvalidSignatureException',
        403,
        `Credential should be scoped to a valid region, not '${auth.region}'. This endpoint serves '${region}'.`,
      );
    const amzDate = parseAmzDate(header(req, 'x-amz-date') ?? '');
    if (Number.isNaN(amzDate)) throw new AwsError('IncompleteSignatureException', 400, 'The request must contain a valid X-Amz-Date header.');
    if (Math.abs(Date.now() - amzDate) > MAX_SKEW_MS)
      throw new AwsError('InvalidSignatureException', 403, 'Signature expired: the request time is more than 15 minutes away from the server time.');
    if (options.credentials) {
      const known = options.credentials[auth.accessKeyId];
      if (!known) throw new AwsError('UnrecognizedClientException', 400, 'The security token included in the request is invalid.');
      if (!signatureMatches({ method: req.method, path: url.pathname, query: url.search.slice(1), headers: req.headers, body }, auth, known.secretAccessKey)) {
        throw new AwsError(
          'InvalidSignatureException',
          403,
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        );
      }
      if (known.expired) throw FAULT_ERRORS['expired-token']();
    }

    const requested = header(req, FAULT_HEADER);
    if (requested !== undefined && !isFault(requested))
      throw new AwsError('ValidationException', 400, `Unknown emulator fault '${requested}'; use one of ${FAULTS.join(', ')}.`);
    const active = requested ?? fault;
    if (active === 'slow') {
      const wait = Number(header(req, DELAY_HEADER) ?? delayMs);
      await sleep(Number.isFinite(wait) ? wait : delayMs, res);
      if (res.destroyed || res.writableEnded) return;
    } else if (active) throw FAULT_ERRORS[active]();

    const target = record.target;
    if (!target.startsWith(TARGET_PREFIX)) throw new AwsError('UnknownOperationException', 400, 'Missing or unknown X-Amz-Target.');
    const contentType = header(req, 'content-type') ?? '';
    if (!/^application\/x-amz-json-1\.[01]\b/.test(contentType))
      throw new AwsError('SerializationException', 400, `Expected Content-Type application/x-amz-json-1.1, got '${contentType}'.`);
    if (target !== `${TARGET_PREFIX}RenderUiTemplate`)
      throw new AwsError('UnknownOperationException', 400, `The emulator implements only RenderUiTemplate, not ${target.slice(TARGET_PREFIX.length)}.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      throw new AwsError('SerializationException', 400, 'The request body is not valid JSON.');
    }
    validateRequest(parsed);
    send(res, record, 200, await renderUiTemplate(parsed));
  }

  function sleep(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timers.add(timer);
      res.once('close', done);
      function done() {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    region,
    requests,
    whenRequests(count) {
      return requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }));
    },
    setFault(next, nextDelayMs) {
      fault = next;
      if (nextDelayMs !== undefined) delayMs = nextDelayMs;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new AwsError('SerializationException', 413, 'The request body is too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, errorType?: string): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  record.status = status;
  record.errorType = errorType;
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(payload);
}
