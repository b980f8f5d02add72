/**
 * Light-weight readings of the Liquid around the cursor, shared by completion and hover: the
 * variables in scope (found by scanning the text before the cursor, not by parsing the
 * document) and the `task.input` paths they stand for.
 */
import { ANY_ITEM, InputPath, MAX_INPUT_PATH } from '../sampleInput';

export interface ScopeVariable {
  name: string;
  /** What the variable stands for inside `task.input`, when it does. */
  inputPath?: InputPath;
  kind: 'loop' | 'assign' | 'capture';
}

/** A tag, its name, its markup, and its end when it is closed (an open one runs to the cursor). */
const TAG = /\{%-?\s*([a-z]+)\b([\s\S]*?)(-?%\}|$)/g;
const NAME = '[A-Za-z_][\\w-]*';
const LOOP = new RegExp(`^\\s*(${NAME})\\s+in\\s+([^\\s%]+)`);
const ASSIGN = new RegExp(`^\\s*(${NAME})\\s*=\\s*([^%|]+?)\\s*(\\|[\\s\\S]*)?$`);
const CAPTURE = new RegExp(`^\\s*(${NAME})`);
/** One line of a `{% liquid %}` tag: a tag without its delimiters. */
const LIQUID_LINE = /^\s*([a-z]+)\b(.*)$/;
/** How much text before the cursor is searched for definitions. */
const SCOPE_WINDOW = 400_000;

/** Variables defined before `offset`: loop variables of loops still open there, and assignments (`{% liquid %}` lines too). */
export function variablesInScope(text: string, offset: number): ScopeVariable[] {
  const from = Math.max(0, offset - SCOPE_WINDOW);
  const before = text.slice(from, offset);
  const loops: ScopeVariable[] = [];
  /** The open loops by variable name, innermost last: looked up per tag, so a long template stays linear. */
  const loopsByName = new Map<string, ScopeVariable[]>();
  const assigned = new Map<string, ScopeVariable>();
  const resolveNow = (path: string): InputPath | undefined => {
    const segments = splitPath(path);
    if (!segments) return undefined;
    const named = loopsByName.get(String(segments[0]));
    return inputPathFrom(segments, named?.[named.length - 1] ?? assigned.get(String(segments[0])));
  };
  /** `complete`: the whole markup is there (an assignment being typed defines nothing yet). */
  const read = (name: string, markup: string, complete: boolean): void => {
    let m: RegExpExecArray | null;
    if ((name === 'for' || name === 'tablerow') && (m = LOOP.exec(markup))) {
      const source = resolveNow(m[2]);
      const loop: ScopeVariable = { name: m[1], kind: 'loop', inputPath: source && source.length < MAX_INPUT_PATH ? [...source, ANY_ITEM] : undefined };
      loops.push(loop);
      const named = loopsByName.get(loop.name);
      if (named) named.push(loop);
      else loopsByName.set(loop.name, [loop]);
    } else if (name === 'assign' && complete && (m = ASSIGN.exec(markup))) {
      assigned.set(m[1], { name: m[1], kind: 'assign', inputPath: m[3] ? undefined : resolveNow(m[2]) });
    } else if (name === 'capture' && (m = CAPTURE.exec(markup))) {
      assigned.set(m[1], { name: m[1], kind: 'capture' });
    } else if (name === 'endfor' || name === 'endtablerow') {
      const loop = loops.pop();
      if (loop) loopsByName.get(loop.name)?.pop();
    } else if (name === 'liquid') {
      const lines = markup.split('\n');
      lines.forEach((line, i) => {
        const parts = LIQUID_LINE.exec(line);
        if (parts) read(parts[1], parts[2], complete || i < lines.length - 1);
      });
    }
  };
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(before))) read(m[1], m[2], m[3] !== '');
  return [...loops.reverse(), ...assigned.values()];
}

/**
 * The `task.input` path a written variable path stands for (`task.input.a[0].b`, or `item.b`
 * with `item` a loop variable), or undefined.
 */
export function inputPathOf(written: string, scope: ScopeVariable[]): InputPath | undefined {
  const segments = splitPath(written);
  if (!segments) return undefined;
  return inputPathFrom(
    segments,
    scope.find((v) => v.name === segments[0]),
  );
}

function inputPathFrom(segments: (string | number)[], variable: ScopeVariable | undefined): InputPath | undefined {
  const [root, ...rest] = segments;
  if (root === 'task') return rest[0] === 'input' ? rest.slice(1) : undefined;
  if (!variable?.inputPath || variable.inputPath.length + rest.length > MAX_INPUT_PATH) return undefined;
  return [...variable.inputPath, ...rest];
}

/** `a.b["c-d"][0]` → ['a', 'b', 'c-d', 0]; undefined when a segment is computed. */
export function splitPath(written: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /^([A-Za-z_][\w-]*\??)|\.([\w-]+\??)|\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\]/y;
  let i = 0;
  while (i < written.length) {
    re.lastIndex = i;
    const m = re.exec(written);
    if (!m || (i === 0) !== (m[1] !== undefined)) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
    else if (m[3] !== undefined || m[4] !== undefined) out.push((m[3] ?? m[4])!);
    else out.push(Number(m[5]));
    i = re.lastIndex;
  }
  return out.length ? out : undefined;
}

/** The variable path written immediately before `offset` (`task.input.items[0].`), or undefined. */
export function pathBefore(text: string, from: number, offset: number): string | undefined {
  const m = /([A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])*)\.$/.exec(text.slice(from, offset));
  return m?.[1];
}
