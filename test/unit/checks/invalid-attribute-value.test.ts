import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, diagnostics, flagged } from '../../helpers/service';

describe('invalid-attribute-value', () => {
  it('compares HTML keywords such as an input type without regard to case, and crowd values exactly', () => {
    assert.deepEqual(flagged('invalid-attribute-value', '<crowd-input name="n" type="Number"></crowd-input><crowd-alert type="Error"></crowd-alert>'), [
      'Error',
    ]);
  });

  it('reports arrays that do not parse', () => {
    const [seen] = diagnostics(`${SCRIPT}<crowd-form><crowd-classifier name="c" header="h" categories="['a', 'b'"></crowd-classifier></crowd-form>`).filter(
      (d) => d.code === 'invalid-attribute-value',
    );
    assert.equal(seen.text, "['a', 'b'");
    assert.match(seen.message, /must be an array/);
  });

  it('reports more categories than the element accepts', () => {
    const eleven = JSON.stringify(Array.from({ length: 11 }, (_, i) => `c${i}`)).replace(/"/g, "'");
    const [seen] = diagnostics(
      `${SCRIPT}<crowd-form><crowd-image-classifier name="c" header="h" src="x" categories="${eleven}"></crowd-image-classifier></crowd-form>`,
    ).filter((d) => d.code === 'invalid-attribute-value');
    assert.match(seen.message, /11 items; the element accepts at most 10/);
  });

  it('reports values outside an enumeration, and fixes the spelling', () => {
    assert.deepEqual(flagged('invalid-attribute-value', `${SCRIPT}<crowd-alert type="danger">x</crowd-alert>`), ['danger']);
    assert.equal(applyFix('invalid-attribute-value', '<crowd-alert type="warnng">x</crowd-alert>'), '<crowd-alert type="warning">x</crowd-alert>');
  });

  it('checks Liquid-built arrays against the sample input', () => {
    const files = { 'task.input.json': JSON.stringify({ labels: Array.from({ length: 12 }, (_, i) => `l${i}`) }) };
    const text = `${SCRIPT}<crowd-form><crowd-image-classifier name="c" header="h" src="x" categories="{{ task.input.labels | to_json | escape }}"></crowd-image-classifier></crowd-form>`;
    assert.deepEqual(flagged('invalid-attribute-value', text, { files }), ['{{ task.input.labels | to_json | escape }}']);
  });

  it('does not report JS literals, JSON with entities, or Liquid values it cannot know', () => {
    const text = `${SCRIPT}<crowd-form>
<crowd-classifier name="c" header="h" categories="['a', 'b',]" exclusion-category="{ text: 'None' }"></crowd-classifier>
<crowd-bounding-box name="b" src="x" header="h" labels="[&quot;Cat&quot;, &quot;Dog&quot;]"></crowd-bounding-box>
<crowd-bounding-box name="d" src="x" header="h" labels='[{% for l in task.input.labels %}"{{ l }}",{% endfor %}]'></crowd-bounding-box>
</crowd-form>`;
    assert.deepEqual(flagged('invalid-attribute-value', text), []);
  });
});
