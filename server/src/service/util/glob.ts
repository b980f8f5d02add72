/** Minimal glob matching for settings (`**`, `*`, `?`, `{a,b}` with globs inside), on forward-slash paths. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob)}$`);
}

function translate(glob: string): string {
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
      const close = closingBrace(glob, i);
      if (close === -1) out += '\\{';
      else {
        const options = alternatives(glob.slice(i + 1, close)).map(translate);
        out += `(?:${options.join('|')})`;
        i = close;
      }
    } else out += escape(c);
  }
  return out;
}

/** Where the brace group opened at `open` closes (nested groups counted), or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The alternatives of a brace group's body: split at the commas that are not in a nested group. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
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
