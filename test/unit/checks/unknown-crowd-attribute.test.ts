import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, diagnostics, flagged } from '../../helpers/service';

describe('unknown-crowd-attribute', () => {
  it('reports a misspelt attribute with a suggestion', () => {
    const [seen] = diagnostics(`${SCRIPT}<crowd-form><crowd-bounding-box name="a" lables="['a']"></crowd-bounding-box></crowd-form>`).filter(
      (d) => d.code === 'unknown-crowd-attribute',
    );
    assert.equal(seen.text, 'lables');
    assert.match(seen.message, /did you mean "labels"/);
  });

  it('fixes the name', () => {
    assert.equal(
      applyFix('unknown-crowd-attribute', '<crowd-bounding-box hedaer="h"></crowd-bounding-box>'),
      '<crowd-bounding-box header="h"></crowd-bounding-box>',
    );
  });

  it('does not report attribute names built with Liquid', () => {
    const text = `${SCRIPT}<crowd-form><crowd-input name="a" data-{{ task.input.key }}="1" {% if task.input.req %}required{% endif %}></crowd-input></crowd-form>`;
    assert.deepEqual(flagged('unknown-crowd-attribute', text), []);
  });

  it('does not report global, data-, aria- or event attributes', () => {
    const text = `${SCRIPT}<crowd-form><crowd-input name="a" id="i" class="c" style="x" data-x="1" aria-label="l" onchange="f()" hidden></crowd-input></crowd-form>`;
    assert.deepEqual(flagged('unknown-crowd-attribute', text), []);
  });
});
