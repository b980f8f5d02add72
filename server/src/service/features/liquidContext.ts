/**
 * Readings of a variable path written in Liquid markup (`task.input.a[0].b`, `item.b`), shared by
 * completion and hover: its segments, and the `task.input` path it stands for given the variables
 * in scope at the cursor (`template/cursor.ts`).
 */
import type { InputPath } from '../sampleInput';
import { ScopeVariable, inputPathFrom } from '../template/cursor';

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
