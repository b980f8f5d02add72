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

  it('reports a SageMaker value the SDK does not list as a warning, and a known one in another case as an error', () => {
    const flow = (source: string) =>
      JSON.stringify({
        FlowDefinitionName: 'f',
        RoleArn: 'arn:aws:iam::111122223333:role/R',
        OutputConfig: { S3OutputPath: 's3://b/o/' },
        HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: source },
      });
    const [newer] = jsonDiagnostics(flow('AWS/Bedrock/InvokeModel/Text/V1')).filter((d) => d.code === 'invalid-enum-value');
    assert.equal(newer.text, '"AWS/Bedrock/InvokeModel/Text/V1"');
    assert.equal(newer.severity, 2);
    assert.match(newer.message, /^"AWS\/Bedrock\/InvokeModel\/Text\/V1" is not among the values this SDK knows for AwsManagedHumanLoopRequestSource/);
    const [cased] = jsonDiagnostics(flow('aws/textract/analyzedocument/forms/v1')).filter((d) => d.code === 'invalid-enum-value');
    assert.equal(cased.severity, 1);
    const [enabled] = jsonDiagnostics(CONSTRAINTS('"enabled"'), { name: 'update-workteam.json' }).filter((d) => d.code === 'invalid-enum-value');
    assert.equal(enabled.severity, 1);
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
