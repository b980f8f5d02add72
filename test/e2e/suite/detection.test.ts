import * as assert from 'node:assert/strict';
import { SCRIPT, assertNoDiagnostics, diagnosticsWithCodes, open, seen } from './helpers';

/** The same mistake (a misspelt filter) in two plain .html files: only the worker template is checked. */
const MISTAKE = '<p>{{ user.name | upcse }}</p>\n';

describe('.html detection', () => {
  it('checks a plain .html file that uses crowd elements', async () => {
    const { document } = await open('review.html', `<!DOCTYPE html>\n<html><body>\n${SCRIPT}<crowd-form>\n${MISTAKE}</crowd-form>\n</body></html>\n`);
    await diagnosticsWithCodes(document, ['unknown-filter']);
    assert.deepEqual(seen(document), [['unknown-filter', 'upcse']]);
  });

  it('leaves alone a plain .html file without crowd elements or task data', async () => {
    const { document } = await open('page.html', `<!DOCTYPE html>\n<html><body>\n${MISTAKE}</body></html>\n`);
    await assertNoDiagnostics(document);
  });
});
