/** Minimal glob matching for settings (`**`, `*`, `?`, `{a,b}`), on forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map(escape)
          .join('|')})`;
        i = close;
      }
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a relative path matches a glob; a glob without "/" matches the file name anywhere. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const normal = glob.replace(/^\.\//, '');
  if (!normal.includes('/')) return globToRegExp(normal).test(relativePath.slice(relativePath.lastIndexOf('/') + 1));
  return globToRegExp(normal).test(relativePath);
}
