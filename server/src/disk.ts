/**
 * Reading a repository's files, for the server, gtlint and the preview. A repository can hold
 * FIFOs and devices (reading one blocks for ever) and symbolic links that lead anywhere, and
 * settings can name them: only regular files are read, and a file the workspace names inside a
 * folder is read only if its real path is inside that folder's.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from './service/util/text';

export type TextRead =
  { kind: 'text'; text: string } | { kind: 'not-a-file' } | { kind: 'too-large'; size: number } | { kind: 'binary' } | { kind: 'unreadable'; code: string };

/** A regular file's text, decoded as the editor decodes it (`decodeText`). */
export async function readTextFile(file: string, maxBytes: number): Promise<TextRead> {
  let handle: fs.FileHandle;
  try {
    // Non-blocking: opening a FIFO for reading otherwise waits for a writer. The type is read from the open file, not the path, so it cannot change in between.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { kind: 'unreadable', code: errorCode(error) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'not-a-file' };
    if (stat.size > maxBytes) return { kind: 'too-large', size: stat.size };
    const text = decodeText(await handle.readFile());
    return text === undefined ? { kind: 'binary' } : { kind: 'text', text };
  } catch (error) {
    return { kind: 'unreadable', code: errorCode(error) };
  } finally {
    await handle.close();
  }
}

/**
 * The real path of `file` when it is inside the real path of `folder` (symbolic links followed on
 * both sides), else undefined; undefined too when either does not exist. Read the file at the path
 * returned, so a link changed after the check is not followed.
 */
export async function realPathInside(folder: string, file: string): Promise<string | undefined> {
  try {
    const [realFolder, realFile] = await Promise.all([fs.realpath(folder), fs.realpath(file)]);
    const relative = path.relative(realFolder, realFile);
    return relative && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative) ? realFile : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `file` exists and its real path is outside the real path of `folder`: what a symbolic link can do. */
export async function leadsOutside(folder: string, file: string): Promise<boolean> {
  try {
    await fs.realpath(file);
  } catch {
    return false;
  }
  return (await realPathInside(folder, file)) === undefined;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
