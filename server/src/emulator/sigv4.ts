/**
 * Signature Version 4, as the service sees it: the `Authorization` header parsed, the
 * credential scope checked against the region and service, and (when the emulator knows the
 * secret) the signature recomputed from the request, so a test proves the SDK signed exactly
 * what was sent.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './awsError';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (!header) throw new AwsError('MissingAuthenticationTokenException', 400, 'Missing Authentication Token');
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw new AwsError('IncompleteSignatureException', 400, `Unsupported Authorization algorithm; expected ${ALGORITHM}.`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((f) => !fields.get(f));
  if (missing.length) {
    throw new AwsError(
      'IncompleteSignatureException',
      400,
      `Authorization header requires ${missing.map((m) => `'${m}'`).join(', ')} parameter${missing.length > 1 ? 's' : ''}.`,
    );
  }
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1])) {
    throw new AwsError('IncompleteSignatureException', 400, "Credential must have the form '<access key>/<YYYYMMDD>/<region>/<service>/aws4_request'.");
  }
  return {
    accessKeyId: scope[0],
    date: scope[1],
    region: scope[2],
    service: scope[3],
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
  };
}

export interface SignedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => pair.split('='))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v = '']) => `${k}=${v}`)
    .join('&');
}

export function expectedSignature(request: SignedRequest, auth: ParsedAuthorization, secretAccessKey: string): string {
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const canonicalHeaders = auth.signedHeaders
    .map((name) => {
      const value = request.headers[name];
      const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${joined.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, auth.date), auth.region), auth.service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

export function signatureMatches(request: SignedRequest, auth: ParsedAuthorization, secretAccessKey: string): boolean {
  const expected = Buffer.from(expectedSignature(request, auth, secretAccessKey));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `20240102T030405Z` → epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}
