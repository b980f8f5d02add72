import * as assert from 'node:assert/strict';
import { wildcardMatch } from '../../../server/src/service/domain/iam';
import { wildcardScan } from '../../../server/src/service/util/wildcardScan';

/** The match as IAM's rules read: both sides lower-cased where case is ignored, then the scan (no shortcut). */
function reference(pattern: string, value: string, ignoreCase: boolean, opaque: number): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  return wildcardScan(
    p.length,
    v.length,
    (i) => p[i] === '*',
    (i, j) => v.charCodeAt(j) !== opaque && (p[i] === '?' || p[i] === v[j]),
  );
}

describe('IAM wildcard matching', () => {
  it('follows IAM: * any run (none included), ? exactly one character, the rest literal', () => {
    const cases: Array<[string, string, boolean]> = [
      ['s3:Get*', 's3:GetObject', true],
      ['s3:Get*', 's3:Get', true],
      ['s3:*Object', 's3:GetObject', true],
      ['s3:*Object', 's3:GetObjectAcl', false],
      ['s3:Get?bject', 's3:GetObject', true],
      ['s3:Get?bject', 's3:Getbject', false],
      ['*', '', true],
      ['', '', true],
      ['', 'a', false],
      ['a**b', 'ab', true],
      ['a*b*c', 'aXbYbZc', true],
      ['a*b*c', 'aXbYbZ', false],
      ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key/with.dots', true],
      ['arn:aws:s3:::bucket.name', 'arn:aws:s3:::bucketXname', false],
      ['(a|b)+', '(a|b)+', true],
      ['[ab].json', 'a.json', false],
    ];
    for (const [pattern, value, expected] of cases) assert.equal(wildcardMatch(pattern, value), expected, `${pattern} ~ ${value}`);
  });

  it('ignores case unless asked not to', () => {
    assert.equal(wildcardMatch('S3:getobject', 's3:GetObject'), true);
    assert.equal(wildcardMatch('public-*', 'PUBLIC-crowd', false), false);
    assert.equal(wildcardMatch('public-*', 'public-crowd', false), true);
  });

  it('compares patterns without wildcards as the scan does: case, non-ASCII letters whose lower case is longer or another letter, opaque parts', () => {
    // İ lower-cases to two characters, K (Kelvin) to k, ẞ to ß; \0 stands for an unknown part.
    const alphabet = ['a', 'A', 'k', 'K', 's', 'S', '3', ':', '/', 'i', '\u0130', '\u212a', '\u1e9e', '\u00df', '\0'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const text = () => Array.from({ length: random(5) }, () => alphabet[random(alphabet.length)]).join('');
    let equal = 0;
    for (let n = 0; n < 20_000; n++) {
      const pattern = text();
      // Half the values are the pattern with the case of some letters changed: the comparisons that should be true.
      const value = random(2) ? text() : [...pattern].map((c) => (random(2) ? c.toUpperCase() : c.toLowerCase())).join('');
      for (const ignoreCase of [true, false]) {
        for (const opaque of [-1, 0]) {
          const expected = reference(pattern, value, ignoreCase, opaque);
          if (expected) equal++;
          assert.equal(
            wildcardMatch(pattern, value, ignoreCase, opaque),
            expected,
            `${JSON.stringify(pattern)} ~ ${JSON.stringify(value)} ignoreCase=${ignoreCase} opaque=${opaque}`,
          );
        }
      }
    }
    assert.ok(equal > 5_000, `only ${equal} matching pairs: the case above is not exercised`);
  });

  it("returns at once on patterns that make a backtracking regex explode (mocha's timeout is the bound)", () => {
    // 24 stars and a final character the value lacks: exponential for /^s3:.*.*...Z$/.
    assert.equal(wildcardMatch(`s3:${'*'.repeat(24)}Z`, 's3:GetObjectVersionForReplication'), false);
    assert.equal(wildcardMatch(`p${'*a'.repeat(24)}Z`, `p${'a'.repeat(2000)}`), false);
    assert.equal(wildcardMatch(`${'*?'.repeat(20)}x`, 'sts:AssumeRole'.repeat(50)), false);
  });
});
