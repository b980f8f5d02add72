import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged, jsonServiceWith } from '../../helpers/service';

const POLICY = (condition: object) =>
  JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sagemaker:CreateLabelingJob', Resource: '*', Condition: condition }] },
    null,
    2,
  );

describe('condition-operator-mismatch', () => {
  it('reports aws:SourceIp under a string operator, and renames the operator', () => {
    const text = POLICY({ StringNotEquals: { 'aws:SourceIp': '203.0.113.0/24' } });
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'condition-operator-mismatch');
    assert.equal(seen.text, '"StringNotEquals"');
    assert.equal(
      seen.message,
      'aws:SourceIp needs IpAddress or NotIpAddress, not StringNotEquals, which compares text: this condition never matches as intended.',
    );
    assert.equal(applyJsonFix('condition-operator-mismatch', text, 'Change to NotIpAddress'), POLICY({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }));
  });

  it('keeps prefixes and IfExists in the fix', () => {
    const text = POLICY({ 'ForAnyValue:ArnLikeIfExists': { 'sagemaker:WorkteamType': 'public-crowd' } });
    assert.equal(
      applyJsonFix('condition-operator-mismatch', text, 'Change to'),
      POLICY({ 'ForAnyValue:StringLikeIfExists': { 'sagemaker:WorkteamType': 'public-crowd' } }),
    );
  });

  it('reports IP operators on VPC keys', () => {
    assert.deepEqual(jsonFlagged('condition-operator-mismatch', POLICY({ IpAddress: { 'aws:SourceVpce': 'vpce-1' } })), ['"IpAddress"']);
  });

  it('suggests ARN operators for sagemaker:WorkteamArn as information', () => {
    const [seen] = jsonDiagnostics(POLICY({ StringLike: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:111122223333:workteam/private-crowd/*' } })).filter(
      (d) => d.code === 'condition-operator-mismatch',
    );
    assert.equal(seen.severity, 3);
    assert.match(seen.message, /prefer ArnEquals, ArnLike, ArnNotEquals or ArnNotLike/);
  });

  it('offers no rename when other keys share the operator', () => {
    const text = POLICY({ StringEquals: { 'aws:SourceIp': '203.0.113.0/24', 'aws:SourceVpc': 'vpc-1' } });
    const { service, document } = jsonServiceWith(text);
    const diagnostic = service.diagnostics(document.uri).find((d) => d.code === 'condition-operator-mismatch')!;
    assert.deepEqual(service.codeActions(document.uri, diagnostic.range, [diagnostic]), []);
  });

  it('offers no rename to an IP operator when a value is not a CIDR block', () => {
    const wildcard = POLICY({ StringNotLike: { 'aws:SourceIp': ['203.0.113.*'] } });
    const { service, document } = jsonServiceWith(wildcard);
    const diagnostic = service.diagnostics(document.uri).find((d) => d.code === 'condition-operator-mismatch')!;
    assert.equal(document.getText(diagnostic.range), '"StringNotLike"');
    assert.deepEqual(service.codeActions(document.uri, diagnostic.range, [diagnostic]), []);
    const addresses = POLICY({ StringNotLike: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } });
    assert.equal(
      applyJsonFix('condition-operator-mismatch', addresses, 'Change to NotIpAddress'),
      POLICY({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } }),
    );
  });

  it('does not report keys with their own operators, Null, IfExists forms, or keys it does not know', () => {
    const ok = POLICY({
      NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] },
      IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' },
      StringNotEqualsIgnoreCase: { 'aws:SourceVpc': 'vpc-1' },
      StringLike: { 'aws:SourceVpce': 'vpce-*', 'sagemaker:WorkteamType': 'private-*' },
      'ForAllValues:ArnLike': { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:*:workteam/private-crowd/*' },
      Null: { 'aws:SourceIp': 'true' },
      Bool: { 'aws:SecureTransport': 'false' },
      NumericGreaterThan: { 's3:max-keys': '10' },
    });
    assert.deepEqual(jsonFlagged('condition-operator-mismatch', ok), []);
  });
});
