/** `KeptAnswers`: a pure function's answers kept by key, the oldest dropped past the limit, undefined answers kept too. */
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KeptAnswers } from '../../../server/src/service/util/keptAnswers';
import { intern } from '../../../server/src/service/util/strings';

/** Heap in use after a full collection (the flag lets a fresh context reach `gc`). */
function heapAfterCollection(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** A name cut from a 4 MB text made for the call (V8 keeps such a cut as a view into the text). */
function cutFromLargeText(i: number): string {
  const text = `${'x'.repeat(4_000_000)}${i}"aws:SourceVpce-${i}"`;
  return text.slice(text.indexOf('"') + 1, -1);
}

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

  it('keeps no text its keys, or the strings it interns, were cut from', () => {
    const kept = new KeptAnswers<string, number>(100, (key) => key.length);
    const before = heapAfterCollection();
    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      kept.get(cutFromLargeText(i));
      names.push(intern(cutFromLargeText(i + 100)));
    }
    const grown = heapAfterCollection() - before;
    // Sixteen 4 MB texts kept would be 64 MB; the names alone are bytes.
    assert.ok(grown < 8_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB`);
    assert.equal(names[0], 'aws:SourceVpce-100');
  });
});
