/** The public template corpus (`/work/shared/corpus/gt-task-uis`), shared by the checks' and the renderer's corpus tests. */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/gt-task-uis');

export function corpusFiles(dir = CORPUS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? corpusFiles(full) : name.endsWith('.html') ? [full] : [];
  });
}
