/**
 * What the preview may do, from Workspace Trust and the user's settings. Restricted Mode keeps
 * the local preview with scripts off; AWS calls, template scripts, crowd-html-elements and remote
 * content need a trusted workspace and the user's opt-in (the Markdown preview's model).
 */
import type { RendererId } from './types';

export type PresignMode = 'placeholder' | 'aws';

export interface PolicySettings {
  renderer: RendererId;
  allowScripts: boolean;
  allowRemoteContent: boolean;
  presign: PresignMode;
}

export interface PreviewPolicy {
  trusted: boolean;
  /** The renderer used: AWS falls back to local in Restricted Mode. */
  renderer: RendererId;
  /** The template's own scripts run, and crowd-html-elements loads from its origin. */
  scripts: boolean;
  /** https: images, media, styles and fonts load. */
  remoteContent: boolean;
  /** The local renderer presigns S3 references with the user's AWS credentials. */
  awsPresign: boolean;
  /** Why something the settings ask for is off, for the panel. */
  notes: string[];
}

export const CROWD_ORIGIN = 'https://assets.crowd.aws';

export function previewPolicy(trusted: boolean, settings: PolicySettings): PreviewPolicy {
  const notes: string[] = [];
  if (!trusted) {
    const blocked = [
      settings.renderer === 'aws' && 'AWS rendering',
      settings.allowScripts && 'template scripts',
      settings.allowRemoteContent && 'remote content',
      settings.presign === 'aws' && 'AWS presigning',
    ].filter(Boolean);
    const list = blocked.length > 1 ? `${blocked.slice(0, -1).join(', ')} and ${blocked[blocked.length - 1]}` : blocked.join('');
    notes.push(
      `Restricted Mode: ${blocked.length ? `${list} ${blocked.length > 1 ? 'are' : 'is'} off; ` : ''}the preview renders locally without scripts. Trust this workspace to allow more.`,
    );
  }
  return {
    trusted,
    renderer: trusted ? settings.renderer : 'local',
    scripts: trusted && settings.allowScripts,
    remoteContent: trusted && settings.allowRemoteContent,
    awsPresign: trusted && settings.presign === 'aws',
    notes,
  };
}
