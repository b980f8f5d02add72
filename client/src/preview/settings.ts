/** The `gtTemplates.preview.*` settings, read defensively: a bad value falls back to its default. */
import * as vscode from 'vscode';
import type { S3FileMapping } from '../../../server/src/api';
import type { AwsSettings } from './awsRenderer';
import type { PolicySettings, PresignMode } from './policy';
import type { RendererId } from './types';

export interface PreviewSettings extends PolicySettings {
  live: boolean;
  debounceMs: number;
  s3Files: S3FileMapping;
  codeLens: boolean;
  aws: AwsSettings;
}

/** AWS renders wait at least this long after the last keystroke, to stay well under the API's rate. */
export const AWS_MIN_DEBOUNCE_MS = 1000;

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function readPreviewSettings(scope?: vscode.Uri): PreviewSettings {
  const c = vscode.workspace.getConfiguration('gtTemplates.preview', scope);
  const renderer = c.get<string>('renderer');
  const presign = c.get<string>('presign');
  const s3Files = c.get<unknown>('s3Files');
  return {
    renderer: (renderer === 'aws' ? 'aws' : 'local') satisfies RendererId,
    live: c.get<boolean>('live') !== false,
    debounceMs: clamp(c.get('debounceMs'), 0, 5000, 250),
    allowScripts: c.get<boolean>('allowScripts') === true,
    allowRemoteContent: c.get<boolean>('allowRemoteContent') === true,
    presign: (presign === 'aws' ? 'aws' : 'placeholder') satisfies PresignMode,
    s3Files:
      s3Files && typeof s3Files === 'object' ? Object.fromEntries(Object.entries(s3Files).filter((e): e is [string, string] => typeof e[1] === 'string')) : {},
    codeLens: c.get<boolean>('codeLens') !== false,
    aws: {
      profile: text(c.get('aws.profile')),
      region: text(c.get('aws.region')),
      roleArn: text(c.get('aws.roleArn')),
      endpoint: text(c.get('aws.endpoint')),
      timeoutMs: clamp(c.get('aws.timeoutSeconds'), 1, 300, 20) * 1000,
    },
  };
}
