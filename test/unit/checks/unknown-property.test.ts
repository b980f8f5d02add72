import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const WORKTEAM = (constraints: string) =>
  `{\n  "WorkteamName": "team",\n  "Description": "d",\n  "MemberDefinitions": [{"OidcMemberDefinition": {"Groups": ["g"]}}],\n  "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": ${constraints}}}\n}`;

describe('unknown-property', () => {
  it('reports a member the SDK shape does not have, with the nearest name', () => {
    const [seen] = jsonDiagnostics(WORKTEAM('{"SourceIP": "Enabled"}')).filter((d) => d.code === 'unknown-property');
    assert.equal(seen.text, '"SourceIP"');
    assert.equal(seen.message, 'IamPolicyConstraints has no member "SourceIP": did you mean "SourceIp"?');
  });

  it('fixes the name', () => {
    assert.equal(applyJsonFix('unknown-property', WORKTEAM('{"SourceIP": "Enabled"}')), WORKTEAM('{"SourceIp": "Enabled"}'));
  });

  it('lists the members when no name is close', () => {
    const [seen] = jsonDiagnostics(WORKTEAM('{"Cidrs": ["203.0.113.0/24"]}')).filter((d) => d.code === 'unknown-property');
    assert.equal(seen.message, 'IamPolicyConstraints has no member "Cidrs" (it has SourceIp, VpcSourceIp).');
  });

  it('reports unknown statement elements and condition operators in policies', () => {
    const policy =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:SourceVpce": "vpce-1"}}}]}';
    const seen = jsonDiagnostics(policy).filter((d) => d.code === 'unknown-property');
    assert.deepEqual(
      seen.map((d) => [d.text, d.message]),
      [
        ['"Actions"', 'Statement has no member "Actions": did you mean "Action"?'],
        ['"StringEqual"', '"StringEqual" is not a condition operator: did you mean "StringEquals"?'],
      ],
    );
  });

  it('does not report members of the shape, prefixed or IfExists operators, or extra members of open shapes', () => {
    assert.deepEqual(jsonFlagged('unknown-property', WORKTEAM('{"SourceIp": "Enabled", "VpcSourceIp": "Disabled"}')), []);
    const policy =
      '{"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "x*"}, "NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"aws:SourceVpce": "true"}}}}';
    assert.deepEqual(jsonFlagged('unknown-property', policy), []);
    const endpoint = '{"VpcEndpointType": "Gateway", "ServiceName": "com.amazonaws.us-east-1.s3", "VpcId": "vpc-1", "DryRun": true, "TagSpecifications": []}';
    assert.deepEqual(jsonFlagged('unknown-property', endpoint), []);
    assert.deepEqual(
      jsonFlagged(
        'unknown-property',
        '{"Workteam": {"WorkteamName": "t", "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "MemberDefinitions": [], "Description": "d"}, "ResponseMetadata": {"RequestId": "r"}}',
      ),
      [],
    );
  });
});
