/**
 * Globs in settings (`**`, `*`, `?`, `[a-z]`, `[!x]`, `{a,b}` with globs inside), on forward-slash
 * paths relative to a workspace folder. Settings come with repositories, so a glob is treated as
 * hostile: it is compiled once, refused when it is too long or its braces too deep or too many,
 * and matched without a regular expression (segments, then characters within a segment, each by a
 * two-pointer scan that remembers only the last wildcard), so no glob can make matching backtrack
 * without bound. Glob-to-regex compilers (picomatch included) backtrack: a 21-character glob of four
 * `**` segments takes them 45 s against a path 300 folders deep (docs/decisions/0002-glob-matcher.md).
 */
import { KeptAnswers } from './keptAnswers';
import { wildcardScan } from './wildcardScan';
import { formatCount } from './strings';

/** Longer globs are not written by hand. */
export const MAX_GLOB_LENGTH = 1000;
/** Brace groups nested deeper than this are refused. */
export const MAX_BRACE_DEPTH = 8;
/** A glob whose braces expand to more alternatives than this is refused. */
export const MAX_ALTERNATIVES = 256;

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: [string, string][] };
/** A path segment's pattern; `globstar` is a whole `**` segment (any number of segments, none included). */
type Segment = Token[] | 'globstar';

interface Alternative {
  /** Without a `/`, the glob matches a file name anywhere. */
  nameOnly: boolean;
  segments: Segment[];
}

export type CompiledGlob = { ok: true; test: (relativePath: string) => boolean } | { ok: false; reason: string };

/** Why a glob is refused, or undefined when it is accepted. */
export function globProblem(glob: string): string | undefined {
  const compiled = compileGlob(glob);
  return compiled.ok ? undefined : compiled.reason;
}

/** Settings hold a handful of globs; the bound only keeps a stream of changing settings from growing the cache. */
const compiledGlobs = new KeptAnswers<string, CompiledGlob>(256, (glob) => compile(glob));

/** The glob compiled, once per glob text. */
export function compileGlob(glob: string): CompiledGlob {
  return compiledGlobs.get(glob);
}

/** Whether a relative path matches a glob; a glob without "/" matches the file name anywhere. A refused glob matches nothing. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const compiled = compileGlob(glob);
  return compiled.ok && compiled.test(relativePath);
}

function compile(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) return { ok: false, reason: `is longer than ${formatCount(MAX_GLOB_LENGTH)} characters` };
  if (braceDepth(glob) > MAX_BRACE_DEPTH) return { ok: false, reason: `nests brace groups deeper than ${MAX_BRACE_DEPTH}` };
  const expanded = expandBraces(glob.replace(/^\.\//, ''));
  if (!expanded) return { ok: false, reason: `expands to more than ${MAX_ALTERNATIVES} alternatives` };
  const alternatives = expanded.map(parseAlternative);
  return { ok: true, test: (path) => alternatives.some((a) => matchAlternative(a, path)) };
}

function braceDepth(glob: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of glob) {
    if (c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === '}' && depth > 0) depth--;
  }
  return deepest;
}

/** The brace-free globs a glob stands for; undefined when there are too many. An unclosed `{` is literal. */
function expandBraces(glob: string): string[] | undefined {
  const out: string[] = [];
  const expand = (text: string): boolean => {
    const group = firstGroup(text);
    if (!group) {
      out.push(text);
      return out.length <= MAX_ALTERNATIVES;
    }
    const before = text.slice(0, group.open);
    const after = text.slice(group.close + 1);
    return alternativesOf(text.slice(group.open + 1, group.close)).every((option) => expand(before + option + after));
  };
  return expand(glob) ? out : undefined;
}

/** The first brace group that closes (nested groups counted). */
function firstGroup(text: string): { open: number; close: number } | undefined {
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return { open, close: i };
    }
  }
  return undefined;
}

/** A brace group's body split at the commas that are not in a nested group. */
function alternativesOf(body: string): string[] {
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

function parseAlternative(glob: string): Alternative {
  return { nameOnly: !glob.includes('/') && glob !== '**', segments: glob.split('/').map((s) => (s === '**' ? 'globstar' : parseSegment(s))) };
}

function parseSegment(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      // `a**b` within a segment is one `*`.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(text, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', char: c });
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[abc]`, `[a-z]`, `[!x]` or `[^x]` opened at `open`; undefined when it does not close (the `[` is then literal). */
function parseClass(text: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = text[i] === '!' || text[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  // A `]` right after the opening is a member, as in shells.
  for (let first = true; i < text.length; i++, first = false) {
    if (text[i] === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (text[i + 1] === '-' && i + 2 < text.length && text[i + 2] !== ']') {
      ranges.push([text[i], text[i + 2]]);
      i += 2;
    } else ranges.push([text[i], text[i]]);
  }
  return undefined;
}

function matchAlternative(alternative: Alternative, relativePath: string): boolean {
  if (alternative.nameOnly) return matchSegment(alternative.segments[0] as Token[], relativePath.slice(relativePath.lastIndexOf('/') + 1));
  return matchSegments(alternative.segments, relativePath.split('/'));
}

/** The two-pointer scan over segments, `**` standing for any run of segments. */
function matchSegments(pattern: Segment[], path: string[]): boolean {
  return wildcardScan(
    pattern.length,
    path.length,
    (i) => pattern[i] === 'globstar',
    (i, j) => matchSegment(pattern[i] as Token[], path[j]),
  );
}

/** The same scan over the characters of one segment, `*` standing for any run of characters. */
function matchSegment(tokens: Token[], name: string): boolean {
  return wildcardScan(
    tokens.length,
    name.length,
    (i) => tokens[i].kind === 'star',
    (i, j) => matchesChar(tokens[i], name[j]),
  );
}

function matchesChar(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === c;
    case 'any':
      return true;
    case 'class':
      return token.ranges.some(([from, to]) => from <= c && c <= to) !== token.negated;
    case 'star':
      return false;
  }
}
