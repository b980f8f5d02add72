import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (effect: string, condition: object, action: unknown = 's3:GetObject') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Principal: '*', Action: action, Resource: 'arn:aws:s3:::example-gt-input/*', Condition: condition }],
  });

describe('source-vpc-blocks-workers', () => {
  it('reports a Deny on reads from outside the VPC endpoint', () => {
    const [seen] = jsonDiagnostics(POLICY('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, 's3:*')).filter(
      (d) => d.code === 'source-vpc-blocks-workers',
    );
    assert.equal(seen.text, '"aws:SourceVpce"');
    assert.equal(seen.severity, 2);
    assert.match(seen.message, /^This Deny refuses S3 reads that do not come through the VPC \(aws:SourceVpce\)/);
  });

  it('reports a Deny when aws:SourceVpce is absent (Null), and names the statement', () => {
    const [seen] = jsonDiagnostics(POLICY('Deny', { Null: { 'aws:SourceVpce': 'true' } })).filter((d) => d.code === 'source-vpc-blocks-workers');
    assert.equal(seen.text, '"aws:SourceVpce"');
    assert.deepEqual(
      seen.diagnostic.relatedInformation?.map((r) => r.message),
      ['The statement that denies them'],
    );
  });

  // IAM: ForAnyValue: is false when the key is absent, so internet requests are not denied by it;
  // ForAllValues: is true when it is absent, so such an Allow grants reads from anywhere.
  it('does not report set operators that do not restrict internet reads', () => {
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', POLICY('Deny', { 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-1' } })), []);
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', POLICY('Allow', { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1' } })), []);
  });

  it('reports reads allowed only through the VPC, as information', () => {
    const [seen] = jsonDiagnostics(POLICY('Allow', { StringEquals: { 'aws:SourceVpc': 'vpc-1' } })).filter((d) => d.code === 'source-vpc-blocks-workers');
    assert.equal(seen.severity, 3);
  });

  it('does not report when the workspace puts workers in the VPC, or when another condition may exempt them', () => {
    const deny = POLICY('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } });
    const team = '{"WorkteamName": "t", "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": {"VpcSourceIp": "Enabled"}}}}';
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', deny, { files: { 'update-workteam.json': team } }), []);
    assert.deepEqual(
      jsonFlagged(
        'source-vpc-blocks-workers',
        POLICY('Deny', {
          StringNotEquals: { 'aws:SourceVpce': 'vpce-1' },
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/GroundTruthRole' },
        }),
      ),
      [],
    );
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', POLICY('Allow', { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } })), []);
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', POLICY('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, 's3:PutObject')), []);
  });

  it('does not report a Deny aimed at another principal, or one that exempts principals', () => {
    const aimed = (who: object) => {
      const policy = JSON.parse(POLICY('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }));
      delete policy.Statement[0].Principal;
      Object.assign(policy.Statement[0], who);
      return JSON.stringify(policy);
    };
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', aimed({ Principal: { AWS: 'arn:aws:iam::111122223333:user/analyst' } })), []);
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', aimed({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/GroundTruthExecution' } })), []);
    assert.deepEqual(jsonFlagged('source-vpc-blocks-workers', aimed({ Principal: { AWS: '*' } })), ['"aws:SourceVpce"']);
  });
});
