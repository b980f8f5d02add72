import * as assert from 'node:assert/strict';
import { coveredBy, formatCidr, nonPublic, parseCidr } from '../../../server/src/service/domain/cidr';

function cidr(text: string) {
  const result = parseCidr(text);
  assert.ok(result.ok, `${text} should parse`);
  return result.cidr;
}

describe('CIDR blocks', () => {
  it('parses IPv4 and IPv6 forms, compressed and with an embedded IPv4 tail', () => {
    assert.equal(formatCidr(cidr('203.0.113.7/24')), '203.0.113.0/24');
    assert.equal(cidr('203.0.113.7/24').hostBits, true);
    assert.equal(formatCidr(cidr('2001:db8::/32')), '2001:db8::/32');
    assert.equal(cidr('::ffff:198.51.100.7').prefix, 128);
    assert.equal(cidr('::/0').prefix, 0);
  });

  it('refuses what is not a block', () => {
    for (const bad of [
      '203.0.113.0/33',
      '203.0.113',
      '203.0.113.01/24',
      '2001:db8::1::2',
      '2001:db8:0:0:0:0:0:0:1',
      ' 203.0.113.0/24',
      '203.0.113.0/-1',
      'fe80::/129',
    ]) {
      assert.equal(parseCidr(bad).ok, false, bad);
    }
  });

  it('tells whether a block lies in the union of others', () => {
    assert.ok(coveredBy(cidr('203.0.112.0/23'), [cidr('203.0.113.0/24'), cidr('203.0.112.0/24')]));
    assert.ok(!coveredBy(cidr('203.0.112.0/23'), [cidr('203.0.113.0/24')]));
    assert.ok(!coveredBy(cidr('2001:db8::/32'), [cidr('0.0.0.0/0')]));
  });

  it('knows the ranges that never appear as a public source', () => {
    assert.equal(nonPublic(cidr('10.1.0.0/16')), 'a private range');
    assert.equal(nonPublic(cidr('100.64.1.0/24')), 'the carrier-grade NAT range');
    assert.equal(nonPublic(cidr('203.0.113.0/24')), undefined);
    assert.equal(nonPublic(cidr('10.0.0.0/7')), undefined);
  });
});
