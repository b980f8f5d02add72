import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const WORKFORCE = (...cidrs: string[]) => `{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ${JSON.stringify(cidrs)}}}`;
const POLICY = (operator: string, key: string, ...values: string[]) =>
  `{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"${operator}": {"${key}": ${JSON.stringify(values)}}}}}`;

describe('invalid-cidr', () => {
  it('reports blocks that do not parse, IPv4 and IPv6', () => {
    const seen = jsonDiagnostics(WORKFORCE('203.0.113.0/33', '203.0.113.256/24', '2001:db8::g/32', '2001:db8:::/48')).filter((d) => d.code === 'invalid-cidr');
    assert.deepEqual(
      seen.map((d) => d.message),
      [
        '"203.0.113.0/33" is not a CIDR block: "/33" is not a prefix length (0 to 32 for IPv4).',
        '"203.0.113.256/24" is not a CIDR block: "203.0.113.256" is not an IPv4 address.',
        '"2001:db8::g/32" is not a CIDR block: "2001:db8::g" is not an IPv6 address.',
        '"2001:db8:::/48" is not a CIDR block: "2001:db8:::" is not an IPv6 address.',
      ],
    );
    assert.ok(seen.every((d) => d.severity === 1));
  });

  it('warns that 0.0.0.0/0 and private ranges restrict nothing', () => {
    const seen = jsonDiagnostics(WORKFORCE('0.0.0.0/0', '10.20.0.0/16', 'fd00::/8')).filter((d) => d.code === 'invalid-cidr');
    assert.deepEqual(
      seen.map((d) => [d.text, d.severity]),
      [
        ['"0.0.0.0/0"', 2],
        ['"10.20.0.0/16"', 2],
        ['"fd00::/8"', 2],
      ],
    );
    assert.match(seen[1].message, /is a private range: workers reach the worker portal from public addresses/);
  });

  it('adds the prefix length a workforce block needs', () => {
    assert.equal(applyJsonFix('invalid-cidr', WORKFORCE('198.51.100.7'), '/32'), WORKFORCE('198.51.100.7/32'));
  });

  it('checks aws:SourceIp values under IP operators, private ranges included', () => {
    assert.deepEqual(jsonFlagged('invalid-cidr', POLICY('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', '192.168.1.0/24', '1.2.3')), [
      '"192.168.1.0/24"',
      '"1.2.3"',
    ]);
    assert.deepEqual(jsonFlagged('invalid-cidr', POLICY('ForAnyValue:IpAddressIfExists', 'aws:SourceIp', '::/0')), ['"::/0"']);
  });

  it('does not report public blocks, single addresses in policies, or private ranges for aws:VpcSourceIp', () => {
    assert.deepEqual(jsonFlagged('invalid-cidr', WORKFORCE('203.0.113.0/24', '2001:db8:1234::/48', '198.51.100.17/32')), []);
    assert.deepEqual(jsonFlagged('invalid-cidr', POLICY('IpAddress', 'aws:SourceIp', '203.0.113.7', '2001:db8::1')), []);
    assert.deepEqual(jsonFlagged('invalid-cidr', POLICY('IpAddress', 'aws:VpcSourceIp', '10.0.0.0/8', '172.16.0.0/12')), []);
    assert.deepEqual(jsonFlagged('invalid-cidr', POLICY('StringEquals', 'aws:SourceVpc', 'vpc-1')), []);
  });

  it('checks the CIDR blocks the cross-file checks read: a lone string, and a file set to DescribeWorkforce without its Workforce member', () => {
    assert.deepEqual(jsonFlagged('invalid-cidr', '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": "203.0.113.0/33"}}'), ['"203.0.113.0/33"']);
    assert.deepEqual(
      jsonFlagged('invalid-cidr', '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ["198.51.100.0/24", "10.0.0.300/8"]}}', {
        name: 'described.json',
        settings: { jsonFiles: { 'described.json': 'DescribeWorkforce' } },
      }),
      ['"10.0.0.300/8"'],
    );
  });
});
