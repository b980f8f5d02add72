import * as assert from 'node:assert/strict';
import { coveredBy, nonPublic, parseCidr } from '../../../server/src/service/domain/cidr';

function cidr(text: string) {
  const result = parseCidr(text);
  assert.ok(result.ok, `${text} should parse`);
  return result.cidr;
}

describe('CIDR blocks', () => {
  it('parses IPv4 and IPv6 forms, compressed and with an embedded IPv4 tail', () => {
    const v4 = cidr('203.0.113.7/24');
    assert.deepEqual([v4.version, v4.first, v4.last, v4.prefix], [4, 0xcb007100n, 0xcb0071ffn, 24]);
    const v6 = cidr('2001:db8::/32');
    assert.deepEqual([v6.version, v6.first, v6.last], [6, 0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n]);
    assert.equal(cidr('::ffff:198.51.100.7').prefix, 128);
    assert.equal(cidr('::/0').prefix, 0);
  });

  it('reads every IPv4 block as the IPv6 reading of the same address does (the two are worked out apart)', () => {
    let seed = 5;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let n = 0; n < 5_000; n++) {
      const octets = [random(256), random(256), random(256), random(256)];
      const prefix = random(33);
      const v4 = cidr(`${octets.join('.')}/${prefix}`);
      // ::ffff:a.b.c.d holds the address in its low 32 bits; the same block there has 96 more prefix bits.
      const mapped = cidr(`::ffff:${octets.join('.')}/${prefix + 96}`);
      const base = 0xffffn << 32n;
      assert.deepEqual([v4.first, v4.last, v4.prefix, v4.hasPrefix], [mapped.first - base, mapped.last - base, prefix, true], `${octets.join('.')}/${prefix}`);
    }
    const host = cidr('255.255.255.255');
    assert.deepEqual([host.first, host.last, host.prefix, host.hasPrefix], [0xffffffffn, 0xffffffffn, 32, false]);
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
