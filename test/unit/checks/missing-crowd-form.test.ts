import * as assert from 'node:assert/strict';
import { SCRIPT, flagged } from '../../helpers/service';

describe('missing-crowd-form', () => {
  it('reports fields outside any crowd-form', () => {
    assert.deepEqual(flagged('missing-crowd-form', `${SCRIPT}<crowd-input name="a"></crowd-input><crowd-form></crowd-form>`), ['crowd-input']);
  });

  it('does not report fields inside crowd-form, layout elements, or standalone annotators', () => {
    const text = `${SCRIPT}<crowd-form><div><crowd-slider name="s" min="1" max="5"></crowd-slider></div></crowd-form>
<crowd-alert type="info">Note</crowd-alert>
<crowd-entity-annotation name="e" header="h" labels="[]" text="t"></crowd-entity-annotation>`;
    assert.deepEqual(flagged('missing-crowd-form', text), []);
  });
});
