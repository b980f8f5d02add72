import * as assert from 'node:assert/strict';
import { closest, nearest } from '../../../server/src/service/util/strings';

describe('did-you-mean suggestions', () => {
  const candidates = Array.from({ length: 200 }, (_, i) => `crowd-element-number-${String(i).padStart(3, '0')}`);

  it('suggest the candidate a typo away, and nothing far off', () => {
    assert.equal(closest('lnag', ['lang', 'last']), 'lang');
    assert.equal(closest('Crowd_Element-Number-007', candidates), 'crowd-element-number-007');
    assert.equal(closest('crowd-elemnet-number-042', candidates), 'crowd-element-number-042');
    assert.equal(closest('something-else-entirely', candidates), undefined);
    assert.deepEqual(nearest('crowd-element-number-04', candidates, 2), ['crowd-element-number-004', 'crowd-element-number-014']);
  });

  it('cost nothing for a name far longer than every candidate (a hostile attribute value or key)', function () {
    // Edit distances of 300,000 characters against 200 candidates would take seconds.
    this.timeout(1000);
    const hostile = 'x'.repeat(300_000);
    assert.equal(closest(hostile, candidates), undefined);
    assert.deepEqual(nearest(hostile, candidates, 3), []);
  });
});
