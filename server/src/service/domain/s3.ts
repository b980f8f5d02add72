/** Facts about S3 references and endpoints that templates and policies both rely on. */

/** Bucket names are 3-63 characters, but a shorter placeholder (`s3://b/k`) is still meant as an S3 reference. */
const BUCKET = '[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?';

/** The S3 part of a host: `s3`, `s3.<region>`, `s3-<region>`, `s3-external-1`, `s3.dualstack.<region>`, `s3-fips...`, `s3-accesspoint...`. */
const S3_HOST = 's3[a-z0-9.-]*\\.amazonaws\\.com(?:\\.cn)?';

/**
 * What `grant_read_access` / `s3_presign` accept: `s3://bucket/key`, or an HTTPS S3 URL in
 * path style (`https://s3.<region>.amazonaws.com/bucket/key`) or virtual-hosted style
 * (`https://bucket.s3.<region>.amazonaws.com/key`, access points included).
 */
const S3_REFERENCE = new RegExp([`^s3://${BUCKET}/.+`, `^https://${S3_HOST}/${BUCKET}/.+`, `^https://${BUCKET}\\.${S3_HOST}/.+`].join('|'), 'i');

export function isS3Reference(value: string): boolean {
  return S3_REFERENCE.test(value.trim());
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

const BUCKET_OF = [
  new RegExp(`^s3://(${BUCKET})/`, 'i'),
  new RegExp(`^https://${S3_HOST}/(${BUCKET})/`, 'i'),
  new RegExp(`^https://(${BUCKET})\\.${S3_HOST}/`, 'i'),
];

/** The bucket of an S3 reference (`s3://bucket/key`, or an HTTPS S3 URL in either style). */
export function bucketOf(reference: string): string | undefined {
  const value = reference.trim();
  for (const pattern of BUCKET_OF) {
    const m = pattern.exec(value);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}
