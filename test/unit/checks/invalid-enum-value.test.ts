import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const CONSTRAINTS = (value: string) => `{"WorkteamName": "t", "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"SourceIp": ${value}}}}}`;

describe('invalid-enum-value', () => {
  it('reports "enabled" for SourceIp, with the valid spellings', () => {
    const [seen] = jsonDiagnostics(CONSTRAINTS('"enabled"'), { name: 'update-workteam.json' }).filter((d) => d.code === 'invalid-enum-value');
    assert.equal(seen.text, '"enabled"');
    assert.equal(seen.message, '"enabled" is not a valid SourceIp: use "Disabled" or "Enabled".');
  });

  it('fixes the spelling', () => {
    assert.equal(
      applyJsonFix('invalid-enum-value', CONSTRAINTS('"enabled"'), 'Change to "Enabled"', { name: 'update-workteam.json' }),
      CONSTRAINTS('"Enabled"'),
    );
    assert.equal(
      applyJsonFix('invalid-enum-value', '{"Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}'),
      '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}',
    );
  });

  it('reports enums from the SDK in list items and in other shapes', () => {
    const job =
      '{"LabelingJobName": "j", "RoleArn": "arn:aws:iam::111122223333:role/R", "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://b/m"}}, "DataAttributes": {"ContentClassifiers": ["FreeOfAdultContent", "FreeOfPII"]}}}';
    assert.deepEqual(jsonFlagged('invalid-enum-value', job), ['"FreeOfPII"']);
    assert.deepEqual(jsonFlagged('invalid-enum-value', '{"ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "gateway"}'), ['"gateway"']);
    assert.deepEqual(jsonFlagged('invalid-enum-value', '{"CORSRules": [{"AllowedMethods": ["get"], "AllowedOrigins": ["*"]}]}'), ['"get"']);
  });

  it('does not report valid values', () => {
    assert.deepEqual(jsonFlagged('invalid-enum-value', CONSTRAINTS('"Disabled"'), { name: 'update-workteam.json' }), []);
    assert.deepEqual(
      jsonFlagged('invalid-enum-value', '{"WorkforceName": "wf", "IpAddressType": "dualstack", "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]}}'),
      [],
    );
    assert.deepEqual(jsonFlagged('invalid-enum-value', '{"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}'), []);
  });
});
