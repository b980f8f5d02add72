/**
 * What `grant_read_access` and `s3_presign` turn an S3 reference into. The renderer takes a
 * `Presigner`; the default makes an inert placeholder (no network, no credentials), a mapping
 * shows workspace files in place of S3 objects, and the extension host supplies a real one
 * (AWS SDK) when the user allows it.
 */
import { parseS3Reference } from '../service/domain/s3';
import { escapeHtml } from './escape';

export interface Presigner {
  /** A URL the browser can load for an S3 reference (`s3://bucket/key` or an HTTPS S3 URL). */
  presign(reference: string): string | Promise<string>;
}

/** `s3://bucket/key` for any reference form; the reference itself when it cannot be parsed. */
export function canonicalS3Uri(reference: string): string {
  const object = parseS3Reference(reference);
  return object ? `s3://${object.bucket}/${object.key}` : reference.trim();
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max / 2 - 1)}…${text.slice(text.length - max / 2)}`;
}

/**
 * An image that names the object and says it was not presigned: a `data:` URL, so it loads
 * offline and reaches no network, and image widgets still have something to draw on.
 */
export function placeholderUrl(reference: string): string {
  const label = escapeHtml(shorten(canonicalS3Uri(reference), 72));
  // Single quotes and a minimal percent-encoding keep the URL short: a page can hold thousands.
  const svg =
    "<svg xmlns='http://www.w3.org/2000/svg' width='640' height='360'>" +
    "<rect width='100%' height='100%' fill='#f2f2f2' stroke='#8a8a8a' stroke-width='3' stroke-dasharray='10 6'/>" +
    `<text x='50%' y='47%' text-anchor='middle' font-family='sans-serif' font-size='15'>${label}</text>` +
    "<text x='50%' y='56%' text-anchor='middle' font-family='sans-serif' font-size='13' fill='#666'>not presigned in the offline preview</text></svg>";
  return `data:image/svg+xml,${svg.replace(/[%#<>"\s]/g, (c) => encodeURIComponent(c))}`;
}

export const placeholderPresigner: Presigner = { presign: placeholderUrl };

/** S3 URI (`s3://bucket/key`) or prefix (`s3://bucket/prefix/`) → workspace-relative file or folder. */
export type S3FileMapping = Record<string, string>;

/**
 * The workspace path mapped to an S3 reference: an exact entry, or the longest prefix entry
 * (ending in `/`) followed by the rest of the key.
 */
export function mappedPath(reference: string, mapping: S3FileMapping): string | undefined {
  const uri = canonicalS3Uri(reference);
  let best: { prefix: string; target: string } | undefined;
  for (const [from, target] of Object.entries(mapping)) {
    const source = canonicalS3Uri(from);
    if (source === uri) return target;
    if (source.endsWith('/') && uri.startsWith(source) && (!best || source.length > best.prefix.length)) best = { prefix: source, target };
  }
  if (!best) return undefined;
  const folder = best.target.endsWith('/') || best.target === '' ? best.target : `${best.target}/`;
  return folder + uri.slice(best.prefix.length);
}

/**
 * Shows workspace files in place of S3 objects. `load` turns a workspace-relative path into a
 * URL the preview can show (or undefined when there is no such file); anything unmapped goes to
 * `fallback`.
 */
export function mappedPresigner(mapping: S3FileMapping, load: (path: string) => Promise<string | undefined>, fallback: Presigner): Presigner {
  return {
    async presign(reference) {
      const path = mappedPath(reference, mapping);
      return (path !== undefined && (await load(path))) || fallback.presign(reference);
    },
  };
}
