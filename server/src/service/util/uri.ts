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

/**
 * The file a settings path names inside a workspace folder: the path is relative to the folder,
 * or absolute (`/…`, or `C:/…` and `C:\\…`: a drive letter starts a path, not a URI scheme).
 * Undefined when it leads outside the folder: settings come with repositories, and must not make
 * the server or the preview read files elsewhere.
 */
export function resolveInFolder(folderUri: string, path: string): string | undefined {
  const slashed = path.replace(/\\/g, '/');
  const resolved = Utils.resolvePath(URI.parse(folderUri), /^[a-z]:/i.test(slashed) ? `/${slashed}` : slashed).toString();
  return resolved.startsWith(canonicalFolder(folderUri) + '/') ? resolved : undefined;
}
