/** Workspace files the preview reads: sample inputs, and files shown in place of S3 objects. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { leadsOutside } from '../../../server/src/api';

const MAX_INPUT_BYTES = 10 * 1024 * 1024;
const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** The text of a file: from the editor when it is open (unsaved edits included), else from disk. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_INPUT_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}

const cache = new Map<string, { mtime: number; url: string }>();
const MAX_CACHED = 64;

/**
 * A workspace file as a `data:` URL, for `gtTemplates.preview.s3Files`. A data URL works inside the
 * preview's sandboxed frame everywhere (desktop and code-server) without opening local resource
 * roots to the template. Paths are relative to the folder and may not leave it.
 */
export async function fileAsDataUrl(folder: vscode.Uri, relative: string): Promise<string | undefined> {
  const normal = path.posix.normalize(relative.replace(/\\/g, '/'));
  if (normal.startsWith('../') || normal === '..' || path.posix.isAbsolute(normal)) return undefined;
  const uri = vscode.Uri.joinPath(folder, normal);
  // A committed symbolic link must not show a file from outside the folder either.
  if (uri.scheme === 'file' && (await leadsOutside(folder.fsPath, uri.fsPath))) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_MEDIA_BYTES) return undefined;
    const key = uri.toString();
    const cached = cache.get(key);
    if (cached && cached.mtime === stat.mtime) return cached.url;
    const bytes = await vscode.workspace.fs.readFile(uri);
    const url = `data:${MIME[path.posix.extname(normal).toLowerCase()] ?? 'application/octet-stream'};base64,${Buffer.from(bytes).toString('base64')}`;
    cache.delete(key);
    cache.set(key, { mtime: stat.mtime, url });
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return url;
  } catch {
    return undefined;
  }
}
