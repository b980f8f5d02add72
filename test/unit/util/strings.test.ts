import * as assert from 'node:assert/strict';
import { closest, compareIgnoringCase, formatCount, intern, nearest, samePrefix, sameSuffix } from '../../../server/src/service/util/strings';

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

describe('where two versions of a text differ', () => {
  // Slow and plain: the answer the chunked comparisons must give.
  const prefix = (a: string, b: string, from: number, limit: number) => {
    let i = from;
    while (i < limit && a[i] === b[i]) i++;
    return i;
  };
  const suffix = (a: string, b: string, limit: number) => {
    let i = 0;
    while (i < limit && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
    return i;
  };

  it('finds the first and last characters that differ, wherever they are against the chunks compared at once', () => {
    const base = Array.from({ length: 5_000 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
    for (const at of [0, 1, 1_023, 1_024, 1_025, 2_048, 3_000, 4_999]) {
      for (const edit of ['', 'x', 'é', '\n\n']) {
        const edited = base.slice(0, at) + edit + base.slice(at + 1);
        const shorter = Math.min(base.length, edited.length);
        for (const from of [0, 100, 2_000]) {
          const limit = Math.max(from, shorter - 7);
          assert.equal(samePrefix(base, edited, from, limit), prefix(base, edited, from, limit), `at ${at}, ${JSON.stringify(edit)}, from ${from}`);
        }
        const start = prefix(base, edited, 0, shorter);
        assert.equal(sameSuffix(base, edited, shorter - start), suffix(base, edited, shorter - start), `at ${at}, ${JSON.stringify(edit)}`);
      }
    }
    assert.equal(samePrefix(base, base, 0, base.length), base.length);
    assert.equal(sameSuffix(base, base, base.length), base.length);
  });
});

describe('counts and orders without ICU', () => {
  it('writes an integer as en-US does', () => {
    for (const n of [0, 7, 12, 999, 1000, 12345, 128000, 1048576, 999999999, -1234, 9007199254740991])
      assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
    assert.equal(formatCount(1.5), '1.5');
  });

  it('orders names by their lower-case letters, then lower case first', () => {
    assert.deepEqual(['s3:prefix', 'aws:SourceIp', 'AWS:a', 'aws:sourceVpc', 'aws:sourceip', 'Aws:b'].sort(compareIgnoringCase), [
      'AWS:a',
      'Aws:b',
      'aws:sourceip',
      'aws:SourceIp',
      'aws:sourceVpc',
      's3:prefix',
    ]);
  });
});

describe('interned strings', () => {
  // A string's identity is not observable from JavaScript (the heap figures in the README are): the answers must be the strings asked for.
  it('answer the string asked for, short or long', () => {
    const source = 'Effect Effect ' + 'x'.repeat(40);
    assert.equal(intern(source.slice(0, 6)), 'Effect');
    assert.equal(intern(source.slice(7, 13)), 'Effect');
    const long = source.slice(14);
    assert.equal(intern(long), long);
    // A stream of names takes over the places of others: every answer is still the string asked for.
    for (let i = 0; i < 10_000; i++) assert.equal(intern(`name-${i}`), `name-${i}`);
  });
});
