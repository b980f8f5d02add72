/** The public template corpus, shared by the checks' and the renderer's corpus tests. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus beside the repository is the standard (it may grow); a clone elsewhere uses
 * the copy in test/fixtures/corpus (MIT-0, see its LICENSE). GT_CORPUS_DIR overrides both.
 */
function findCorpus(): string {
  const candidates = [
    process.env.GT_CORPUS_DIR,
    path.resolve(__dirname, '../../../../shared/corpus/gt-task-uis'),
    '/work/shared/corpus/gt-task-uis',
    path.resolve(__dirname, '../../../test/fixtures/corpus/gt-task-uis'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? candidates[candidates.length - 1]!;
}

export const CORPUS = findCorpus();

export function corpusFiles(dir = CORPUS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? corpusFiles(full) : name.endsWith('.html') ? [full] : [];
  });
}
