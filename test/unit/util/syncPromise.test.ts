import * as assert from 'node:assert/strict';
import { SyncPromise, settled } from '../../../server/src/service/util/syncPromise';

describe('reading a synchronous promise', () => {
  it('gives the value of a settled one, and throws its rejection', () => {
    assert.equal(
      settled(
        SyncPromise.resolve(3).then((n) => n * 2),
        'doubling',
      ),
      6,
    );
    assert.throws(() => settled(SyncPromise.reject(new Error('no schema')), 'hover'), /no schema/);
  });

  it('throws, naming the feature, when the promise really waits: completion must not come back empty in silence', () => {
    assert.throws(
      () => settled(new Promise<number>((resolve) => setTimeout(() => resolve(1), 1)), 'JSON completion'),
      /JSON completion did not answer synchronously/,
    );
  });
});
