import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, flagged } from '../../helpers/service';

describe('missing-crowd-script', () => {
  it('reports the first crowd element when the script is never loaded', () => {
    assert.deepEqual(flagged('missing-crowd-script', '<crowd-form><crowd-input name="a"></crowd-input></crowd-form>'), ['crowd-form']);
  });

  it('inserts the script at the top, or in <head>', () => {
    assert.equal(applyFix('missing-crowd-script', '<crowd-form></crowd-form>'), `${SCRIPT}\n<crowd-form></crowd-form>`);
    assert.equal(
      applyFix('missing-crowd-script', '<html><head><title>t</title></head><body><crowd-form></crowd-form></body></html>'),
      `<html><head>\n${SCRIPT.trim()}<title>t</title></head><body><crowd-form></crowd-form></body></html>`,
    );
  });

  it('does not report when the script (v1 or v2) is loaded, or when crowd names appear only in comments and scripts', () => {
    assert.deepEqual(flagged('missing-crowd-script', `${SCRIPT}<crowd-form></crowd-form>`), []);
    assert.deepEqual(
      flagged('missing-crowd-script', '<script src="https://assets.crowd.aws/crowd-html-elements-v2.js"></script><crowd-form></crowd-form>'),
      [],
    );
    assert.deepEqual(flagged('missing-crowd-script', "<!-- <crowd-form> --><script>x.innerHTML = '<crowd-alert>';</script> task.input"), []);
  });
});
