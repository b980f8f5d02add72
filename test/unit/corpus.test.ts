import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { diagnostics } from '../helpers/service';

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

/** The corpus README names the one true defect in it. */
const EXPECTED: Record<string, string[]> = {
  'text/translation-quality.liquid.html': ['self-closed-crowd-element', 'self-closed-crowd-element'],
};

describe('the public template corpus', () => {
  const files = corpusFiles();

  it('is where the tests expect it', () => {
    assert.ok(files.length >= 60, `found ${files.length} templates in ${CORPUS}`);
  });

  for (const file of files) {
    const name = path.relative(CORPUS, file);
    it(`${name}: no false alarm`, () => {
      const seen = diagnostics(readFileSync(file, 'utf8'));
      const details = seen.map((d) => `${d.code} at line ${d.diagnostic.range.start.line + 1}: ${d.message}`).join('\n');
      assert.deepEqual(
        seen.map((d) => d.code),
        EXPECTED[name] ?? [],
        details,
      );
      for (const d of seen) assert.ok(d.severity! >= 2, `${d.code} must be a warning or lower here`);
    });
  }
});
