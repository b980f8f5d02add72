/** `KeptAnswers`: a pure function's answers kept by key, the oldest dropped past the limit, undefined answers kept too. */
import * as assert from 'node:assert/strict';
import { KeptAnswers } from '../../../server/src/service/util/keptAnswers';

describe('kept answers', () => {
  it('computes an answer once per key, undefined ones included', () => {
    const asked: string[] = [];
    const kept = new KeptAnswers<string, number | undefined>(10, (key) => {
      asked.push(key);
      return key === 'none' ? undefined : key.length;
    });
    assert.equal(kept.get('abc'), 3);
    assert.equal(kept.get('abc'), 3);
    assert.equal(kept.get('none'), undefined);
    assert.equal(kept.get('none'), undefined);
    assert.deepEqual(asked, ['abc', 'none']);
  });

  it('drops the oldest answer past its limit, and forgets all on clear', () => {
    const asked: number[] = [];
    const kept = new KeptAnswers<number, number>(2, (key) => {
      asked.push(key);
      return key * 2;
    });
    kept.get(1);
    kept.get(2);
    kept.get(3);
    kept.get(2);
    kept.get(1);
    assert.deepEqual(asked, [1, 2, 3, 1]);
    kept.clear();
    kept.get(1);
    assert.deepEqual(asked, [1, 2, 3, 1, 1]);
  });

  it('takes the function for one call, where the answer needs more than the key', () => {
    const kept = new KeptAnswers<string, string>(4);
    assert.equal(
      kept.get('a', () => 'first'),
      'first',
    );
    assert.equal(
      kept.get('a', () => 'second'),
      'first',
    );
  });
});
