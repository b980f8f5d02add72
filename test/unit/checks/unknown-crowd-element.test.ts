import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, diagnostics, flagged } from '../../helpers/service';

describe('unknown-crowd-element', () => {
  it('reports a misspelt element with a suggestion', () => {
    const [seen] = diagnostics(`${SCRIPT}<crowd-form><crowd-bounding-boxx name="a"></crowd-bounding-boxx></crowd-form>`).filter(
      (d) => d.code === 'unknown-crowd-element',
    );
    assert.equal(seen.text, 'crowd-bounding-boxx');
    assert.match(seen.message, /did you mean <crowd-bounding-box>/);
  });

  it('renames both the start and the end tag', () => {
    assert.equal(applyFix('unknown-crowd-element', '<crowd-from>x</crowd-from>'), '<crowd-form>x</crowd-form>');
  });

  it('does not report known elements, or names in comments and scripts', () => {
    assert.deepEqual(flagged('unknown-crowd-element', `${SCRIPT}<crowd-form></crowd-form><!-- <crowd-nope> --><script>'<crowd-nope>'</script>`), []);
  });
});
