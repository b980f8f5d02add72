/**
 * Spans inside values the checks and the workspace facts produce (a report, its fixes and related
 * places, facts): any object with a numeric `start` and `end` is a span of the file `uri` unless
 * it names another file (`uri`). What a version of a file reuses of its predecessor's results is
 * moved with these (`cfn/reuse.ts`, `json/statementReuse.ts`).
 */

/** Whether every span in `value` lies in [start, end). Places in other files aside. */
export function spansWithin(value: unknown, start: number, end: number, uri: string): boolean {
  const check = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.every(check);
    if (!v || typeof v !== 'object') return true;
    const o = v as Record<string, unknown>;
    if (typeof o.uri === 'string' && o.uri !== uri) return true;
    if (typeof o.start === 'number' && typeof o.end === 'number' && (o.start < start || o.end > end)) return false;
    return Object.values(o).every(check);
  };
  return check(value);
}

/** A copy of a value with every span in it (in this file) moved by `shift`. */
export function moved<T>(value: T, shift: number, uri: string): T {
  if (!shift) return value;
  const move = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(move);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.uri === 'string' && o.uri !== uri) return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(o)) out[key] = move(o[key]);
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      out.start = o.start + shift;
      out.end = o.end + shift;
    }
    return out;
  };
  return move(value) as T;
}
