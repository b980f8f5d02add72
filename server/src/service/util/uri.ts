/** URI helpers that need no file system. */

export function basename(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

export function dirname(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** Resolves a workspace-relative or absolute path against a folder URI. */
export function joinPath(folderUri: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
  const parts = folderUri.split('/');
  for (const segment of relative.split(/[\\/]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(encodeURIComponent(segment));
  }
  return parts.join('/');
}
