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

  it('keeps IfExists in the fix', () => {
    const text = POLICY({ ArnLikeIfExists: { 'sagemaker:WorkteamType': 'public-crowd' } });
    assert.equal(applyJsonFix('condition-operator-mismatch', text, 'Change to'), POLICY({ StringLikeIfExists: { 'sagemaker:WorkteamType': 'public-crowd' } }));
  });

  // IAM: set operators are for multivalued keys; ForAllValues: is true and ForAnyValue: false when the key is absent.
  it('reports set operators on single-valued keys: ForAllValues: as a warning, ForAnyValue: as information, and drops the prefix', () => {
    const all = POLICY({ 'ForAllValues:StringNotEquals': { 'aws:SourceVpc': 'vpc-1' } });
    const [warning] = jsonDiagnostics(all).filter((d) => d.code === 'condition-operator-mismatch');
    assert.equal(warning.text, '"ForAllValues:StringNotEquals"');
    assert.equal(warning.severity, 2);
    assert.equal(
      warning.message,
      'aws:SourceVpc is single-valued: ForAllValues: is for multivalued keys, and is true when the key is absent. Use StringNotEquals.',
    );
    assert.equal(applyJsonFix('condition-operator-mismatch', all, 'Change to StringNotEquals'), POLICY({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }));
    const [info] = jsonDiagnostics(POLICY({ 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-1' } })).filter(
      (d) => d.code === 'condition-operator-mismatch',
    );
    assert.equal(info.severity, 3);
    assert.match(info.message, /false when the key is absent\. This Deny never applies to requests without aws:SourceVpce\. Use StringNotEquals\.$/);
  });

  it('says when a ForAllValues: Allow lets anyone read from anywhere', () => {
    const allow = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1' } },
        },
      ],
    });
    const [seen] = jsonDiagnostics(allow).filter((d) => d.code === 'condition-operator-mismatch');
    assert.match(seen.message, /This Allow lets anyone read from anywhere: requests over the internet carry no aws:SourceVpce\./);
  });

  // IAM: StringEquals matches exactly; * is a wildcard only for StringLike and the ARN operators.
  it('reports a wildcard under StringEquals on sagemaker:WorkteamArn as an error, and changes it to ArnLike', () => {
    const text = POLICY({ StringEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:*:workteam/public-crowd/*' } });
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'condition-operator-mismatch');
    assert.equal(seen.severity, 1);
    assert.equal(
      seen.message,
      'StringEquals compares sagemaker:WorkteamArn as plain text, where * and ? are literal characters: "arn:aws:sagemaker:*:*:workteam/public-crowd/*" matches no workteam ARN, so the condition never holds: this Deny never applies. Use ArnLike, which matches * and ? in each part of the ARN.',
    );
    assert.equal(
      applyJsonFix('condition-operator-mismatch', text, 'Change to ArnLike'),
      POLICY({ ArnLike: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:*:workteam/public-crowd/*' } }),
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

  // The Service Authorization Reference types every service key; the IAM User Guide types the global keys.
  it("reports any key typed in AWS's lists under an operator of another family, as a warning, and renames to the family's operator", () => {
    const text = POLICY({ StringEquals: { 's3:max-keys': '10' } });
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'condition-operator-mismatch');
    assert.equal(seen.text, '"StringEquals"');
    assert.equal(seen.severity, 2);
    assert.equal(
      seen.message,
      "s3:max-keys is a Numeric key in AWS's list: compare it with NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan or NumericGreaterThanEquals, not StringEquals, which compares text.",
    );
    assert.equal(applyJsonFix('condition-operator-mismatch', text, 'Change to NumericEquals'), POLICY({ NumericEquals: { 's3:max-keys': '10' } }));
    const secure = POLICY({ StringEquals: { 'aws:SecureTransport': 'false' } });
    assert.deepEqual(jsonFlagged('condition-operator-mismatch', secure), ['"StringEquals"']);
    assert.equal(applyJsonFix('condition-operator-mismatch', secure, 'Change to Bool'), POLICY({ Bool: { 'aws:SecureTransport': 'false' } }));
    assert.deepEqual(jsonFlagged('condition-operator-mismatch', POLICY({ DateGreaterThan: { 'aws:PrincipalTag/team': '2020-01-01' } })), ['"DateGreaterThan"']);
  });

  it('offers no rename when a value does not read as the new operator reads it', () => {
    const text = POLICY({ StringEquals: { 's3:max-keys': 'ten' } });
    const { service, document } = jsonServiceWith(text);
    const diagnostic = service.diagnostics(document.uri).find((d) => d.code === 'condition-operator-mismatch')!;
    assert.deepEqual(service.codeActions(document.uri, diagnostic.range, [diagnostic]), []);
  });

  it("reports set operators on any key AWS's lists type as single-valued, and not on multivalued ones", () => {
    const seen = jsonDiagnostics(POLICY({ 'ForAnyValue:StringLike': { 's3:prefix': 'home/*' } })).filter((d) => d.code === 'condition-operator-mismatch');
    assert.deepEqual(
      seen.map((d) => [d.text, d.severity]),
      [['"ForAnyValue:StringLike"', 3]],
    );
    assert.match(seen[0].message, /^s3:prefix is single-valued: ForAnyValue: is for multivalued keys/);
    assert.deepEqual(
      jsonFlagged(
        'condition-operator-mismatch',
        POLICY({
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'], 's3:RequestObjectTagKeys': ['team'] },
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/*' },
        }),
      ),
      [],
    );
  });

  it('does not report keys with their own operators, Null, IfExists forms, or keys it does not know', () => {
    const ok = POLICY({
      NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] },
      IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' },
      StringNotEqualsIgnoreCase: { 'aws:SourceVpc': 'vpc-1' },
      StringLike: { 'aws:SourceVpce': 'vpce-*', 'sagemaker:WorkteamType': 'private-*' },
      ArnLike: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:*:workteam/private-crowd/*' },
      Null: { 'aws:SourceIp': 'true' },
      Bool: { 'aws:SecureTransport': 'false' },
      NumericGreaterThan: { 's3:max-keys': '10' },
      // String operators on ARN keys other than the workteam's: AWS's key reference allows them.
      StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin*' },
      ArnEquals: { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/j' },
      DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
      StringEquals: { 'example:Unknown': '1', 'accounts.google.com:aud': 'x' },
    });
    assert.deepEqual(jsonFlagged('condition-operator-mismatch', ok), []);
  });
});
