import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, diagnostics, flagged } from '../../helpers/service';

describe('self-closed-crowd-element', () => {
  it('reports the start tag, and says what the element swallows', () => {
    const text = `${SCRIPT}<crowd-form><crowd-input name="a" /><crowd-input name="b"></crowd-input></crowd-form>`;
    const [seen] = diagnostics(text).filter((d) => d.code === 'self-closed-crowd-element');
    assert.equal(seen.text, '<crowd-input name="a" />');
    assert.match(seen.message, /swallows <crowd-input>/);
  });

  it('writes an explicit end tag', () => {
    assert.equal(
      applyFix('self-closed-crowd-element', '<p><crowd-slider name="meaning" min="1" max="5" required pin/></p>'),
      '<p><crowd-slider name="meaning" min="1" max="5" required pin></crowd-slider></p>',
    );
  });

  it('does not report void HTML elements or SVG', () => {
    assert.deepEqual(flagged('self-closed-crowd-element', `${SCRIPT}<crowd-form><img src="a"/><br/><svg><path d="M0"/></svg></crowd-form>`), []);
  });
});
