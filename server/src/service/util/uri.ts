/**
 * URI helpers that need no file system. The service names every file the way VS Code does
 * (vscode-uri): the editor sends that spelling, so the server, the CLI and the candidates built
 * here use it too, and one file never ends up under two names (`form%20(v2)` and
 * `form%20%28v2%29`, `file:///C:/x` and `file:///c%3A/x`).
 */
import { URI, Utils } from 'vscode-uri';

/** The spelling VS Code gives `uri`. */
export function canonicalUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** A workspace folder's URI in VS Code's spelling, without a trailing slash. */
export function canonicalFolder(uri: string): string {
  return canonicalUri(uri).replace(/\/$/, '');
}

/** The URI VS Code gives a file system path. */
export function fileUri(path: string): string {
  return URI.file(path).toString();
}

/** The file system path of a `file:` URI. */
export function fsPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function basename(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** The URI of the file `name` in the folder that holds `uri`. */
export function sibling(uri: string, name: string): string {
  return Utils.joinPath(Utils.dirname(URI.parse(uri)), name).toString();
}

/** Resolves a workspace-relative or absolute path against a folder URI. */
export function joinPath(folderUri: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
  return Utils.joinPath(URI.parse(folderUri), relative.replace(/\\/g, '/')).toString();
}
