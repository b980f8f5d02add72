import * as assert from 'node:assert/strict';
import { SCRIPT, applyFix, flagged } from '../../helpers/service';

describe('unnamed-crowd-field', () => {
  it('reports fields without a name, or with an empty one', () => {
    const text = `${SCRIPT}<crowd-form><crowd-input label="Q"></crowd-input><crowd-text-area name=""></crowd-text-area></crowd-form>`;
    assert.deepEqual(flagged('unnamed-crowd-field', text), ['crowd-input', 'crowd-text-area']);
  });

  it('adds a name that is not taken yet', () => {
    const text = `<crowd-form><crowd-bounding-box name="boundingBox"></crowd-bounding-box><crowd-bounding-box src="x"></crowd-bounding-box></crowd-form>`;
    assert.equal(
      applyFix('unnamed-crowd-field', text),
      '<crowd-form><crowd-bounding-box name="boundingBox"></crowd-bounding-box><crowd-bounding-box name="boundingBox2" src="x"></crowd-bounding-box></crowd-form>',
    );
  });

  it('does not report named fields (Liquid names too), layout elements or A2I built-ins', () => {
    const text = `${SCRIPT}<crowd-form>{% for p in task.input.pairs %}<crowd-input name="answer{{ forloop.index }}"></crowd-input>{% endfor %}
<crowd-alert type="info">x</crowd-alert><crowd-button>Go</crowd-button>
<crowd-rekognition-detect-moderation-labels categories="[]" src="x" header="h"></crowd-rekognition-detect-moderation-labels></crowd-form>`;
    assert.deepEqual(flagged('unnamed-crowd-field', text), []);
  });
});
