import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CORPUS, corpusFiles } from '../helpers/corpus';
import { diagnostics } from '../helpers/service';

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
