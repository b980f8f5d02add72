/** Facts about S3 references and endpoints that templates and policies both rely on. */

/** Bucket names are 3-63 characters, but a shorter placeholder (`s3://b/k`) is still meant as an S3 reference. */
const BUCKET = '[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?';

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d';

/**
 * The S3 endpoints presigned URLs use, as host names: `s3`, `s3.<region>`, `s3-<region>`,
 * `s3.dualstack.<region>`, `s3-fips.<region>` (and `.dualstack`), `s3-external-1` (us-east-1),
 * `s3-accesspoint[-fips][.dualstack].<region>`, under `amazonaws.com` or `amazonaws.com.cn`.
 * Website endpoints (`s3-website...`) serve no presigned URLs and are not among them. The one
 * grammar for the checks, completion and the preview's presigners.
 */
const S3_ENDPOINT = `s3(?:-external-1|(?:-fips|-accesspoint(?:-fips)?)?(?:[.-](?:dualstack\\.)?(${REGION}))?)\\.amazonaws\\.com(?:\\.cn)?`;
const BUCKET_NAME = new RegExp(`^${BUCKET}$`, 'i');
const PATH_STYLE_HOST = new RegExp(`^${S3_ENDPOINT}$`, 'i');
const VIRTUAL_HOSTED_HOST = new RegExp(`^(${BUCKET})\\.${S3_ENDPOINT}$`, 'i');
const S3_URI = new RegExp(`^s3://(${BUCKET})/(.+)$`, 'is');

/** An S3 object named by a reference: its bucket, its key, and the region its host names, if any. */
export interface S3Object {
  bucket: string;
  key: string;
  region?: string;
}

/**
 * The object an S3 reference names, as `grant_read_access` / `s3_presign` accept it:
 * `s3://bucket/key`, or an HTTPS S3 URL in path style (`https://s3.<region>.amazonaws.com/bucket/key`)
 * or virtual-hosted style (`https://bucket.s3.<region>.amazonaws.com/key`, access points included).
 * Undefined for anything else. No regular expression here is built from the reference.
 */
export function parseS3Reference(reference: string): S3Object | undefined {
  const value = reference.trim();
  const s3 = S3_URI.exec(value);
  if (s3) return { bucket: s3[1], key: s3[2] };
  if (!/^https:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const path = safeDecode(url.pathname.slice(1));
  const pathStyle = PATH_STYLE_HOST.exec(url.hostname);
  if (pathStyle) {
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1 || !BUCKET_NAME.test(path.slice(0, slash))) return undefined;
    return { bucket: path.slice(0, slash), key: path.slice(slash + 1), region: regionOf(url.hostname, pathStyle[1]) };
  }
  const virtual = VIRTUAL_HOSTED_HOST.exec(url.hostname);
  if (virtual && path) return { bucket: virtual[1], key: path, region: regionOf(url.hostname, virtual[2]) };
  return undefined;
}

/** `s3-external-1` is us-east-1's old name; other hosts name their region, or none (the global endpoint). */
function regionOf(host: string, named: string | undefined): string | undefined {
  return named?.toLowerCase() ?? (/(^|\.)s3-external-1\./i.test(host) ? 'us-east-1' : undefined);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function isS3Reference(value: string): boolean {
  return parseS3Reference(value) !== undefined;
}

export interface HostMatch {
  start: number;
  end: number;
  host: string;
}

const VPCE_SUFFIX = /\.vpce\.amazonaws\.com/gi;
const INTERFACE_HOST = /(?:\*\.|[a-z0-9][a-z0-9-]*\.)*vpce-[0-9a-z]+(?:-[0-9a-z]+)*\.s3\.[a-z0-9-]+\.vpce\.amazonaws\.com$/i;
/** A DNS name is at most 253 characters. */
const MAX_HOST = 253;

/**
 * Host names of S3 interface endpoints (PrivateLink), e.g.
 * `bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com`. Presigned URLs made by
 * `grant_read_access` cannot be used through them. The search starts from the fixed suffix and
 * looks back at most one host name, so long runs of name characters (a base64 blob in a
 * script) cost linear time.
 */
export function interfaceEndpointHosts(text: string): HostMatch[] {
  const out: HostMatch[] = [];
  VPCE_SUFFIX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VPCE_SUFFIX.exec(text))) {
    const end = m.index + m[0].length;
    const windowStart = Math.max(0, end - MAX_HOST);
    const host = INTERFACE_HOST.exec(text.slice(windowStart, end));
    if (host) out.push({ start: windowStart + host.index, end, host: host[0] });
  }
  return out;
}

/** `com.amazonaws.<region>.s3`, the service name of S3 VPC endpoints. */
export const S3_SERVICE_NAME = /^com\.amazonaws\.[a-z0-9-]+\.s3$/;

/** The bucket of an S3 reference (`s3://bucket/key`, or an HTTPS S3 URL in either style). */
export function bucketOf(reference: string): string | undefined {
  return parseS3Reference(reference)?.bucket.toLowerCase();
}
