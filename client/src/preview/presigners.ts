/**
 * The presigner of a local render: workspace files mapped from S3 keys first, then real presigned
 * URLs when the user allows AWS presigning (credentials from the standard chain), else the inert
 * placeholder. A presigning failure (no credentials, expired session) is reported once as a note
 * and the rest of the page gets placeholders, so one missing login does not fill the panel with
 * errors.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mappedPresigner, parseS3Reference, placeholderPresigner, Presigner, S3FileMapping } from '../../../server/src/api';
import { describeAwsError } from './awsRenderer';
import type { RenderPresigner } from './localRenderer';

export interface PresignSettings {
  mapping: S3FileMapping;
  /** Turns a workspace-relative path into a URL the preview can show, or undefined. */
  loadFile(path: string): Promise<string | undefined>;
  /** Set when real presigned URLs are allowed. */
  aws?: { profile?: string; region?: string };
  /** How long a real presigned URL stays valid, in seconds. */
  expiresIn?: number;
}

const clients = new Map<string, S3Client>();

function s3Client(profile: string | undefined, region: string | undefined): S3Client {
  const key = JSON.stringify([profile, region]);
  let client = clients.get(key);
  if (!client) {
    client = new S3Client({ ...(profile ? { profile } : {}), ...(region ? { region } : {}), followRegionRedirects: true });
    clients.set(key, client);
  }
  return client;
}

export function disposePresignClients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}

export function renderPresigner(settings: PresignSettings): RenderPresigner {
  const notes: string[] = [];
  let failed = false;
  const aws = settings.aws;
  const fallback: Presigner = aws
    ? {
        async presign(reference) {
          const object = parseS3Reference(reference);
          if (failed || !object) return placeholderPresigner.presign(reference);
          try {
            const client = s3Client(aws.profile, object.region ?? aws.region);
            return await getSignedUrl(client, new GetObjectCommand({ Bucket: object.bucket, Key: object.key }), { expiresIn: settings.expiresIn ?? 900 });
          } catch (error) {
            failed = true;
            notes.push(`Could not presign with AWS, so images show placeholders: ${describeAwsError(error, { ...aws, timeoutMs: 0 }, false)}`);
            return placeholderPresigner.presign(reference);
          }
        },
      }
    : placeholderPresigner;
  const presigner = Object.keys(settings.mapping).length ? mappedPresigner(settings.mapping, settings.loadFile, fallback) : fallback;
  return { presign: (reference) => presigner.presign(reference), notes: () => notes };
}
