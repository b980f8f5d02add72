import * as assert from 'node:assert/strict';
import { wildcardMatch } from '../../../server/src/service/domain/iam';

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

  it("returns at once on patterns that make a backtracking regex explode (mocha's timeout is the bound)", () => {
    // 24 stars and a final character the value lacks: exponential for /^s3:.*.*...Z$/.
    assert.equal(wildcardMatch(`s3:${'*'.repeat(24)}Z`, 's3:GetObjectVersionForReplication'), false);
    assert.equal(wildcardMatch(`p${'*a'.repeat(24)}Z`, `p${'a'.repeat(2000)}`), false);
    assert.equal(wildcardMatch(`${'*?'.repeat(20)}x`, 'sts:AssumeRole'.repeat(50)), false);
  });
});
