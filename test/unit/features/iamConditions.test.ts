import * as assert from 'node:assert/strict';
import { acceptJsonCompletion, jsonCompletionLabels, jsonHoverText } from '../../helpers/service';

const POLICY = (action: string, condition: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": ${action}, "Resource": "arn:aws:s3:::b/*", "Condition": ${condition}}]}`;

describe('IAM condition keys and operators in policies', () => {
  describe('completion of keys', () => {
    it("offers the keys the statement's actions support, and the global keys, not another service's", () => {
      const labels = jsonCompletionLabels(POLICY('"s3:GetObject"', '{"StringEquals": {"█"}}'));
      assert.ok(labels.includes('s3:ExistingObjectTag/<key>'));
      assert.ok(labels.includes('s3:authType'));
      assert.ok(labels.includes('aws:SourceVpce'));
      assert.ok(!labels.includes('sagemaker:WorkteamType'));
      // s3:ListBucket's, not s3:GetObject's.
      assert.ok(!labels.includes('s3:prefix'));
      assert.ok(jsonCompletionLabels(POLICY('["s3:GetObject", "s3:ListBucket"]', '{"StringLike": {"█"}}')).includes('s3:prefix'));
    });

    it('offers only the keys whose type the operator compares', () => {
      const labels = jsonCompletionLabels(POLICY('"s3:ListBucket"', '{"NumericLessThanEquals": {█}}'));
      assert.ok(labels.includes('s3:max-keys'));
      assert.ok(labels.includes('aws:MultiFactorAuthAge'));
      assert.ok(!labels.includes('s3:prefix'));
    });

    it('inserts a key with a variable part as a placeholder, and a list for its values', () => {
      assert.equal(
        acceptJsonCompletion(POLICY('"s3:GetObject"', '{"StringEquals": {█}}'), 's3:ExistingObjectTag/<key>'),
        POLICY('"s3:GetObject"', '{"StringEquals": {"s3:ExistingObjectTag/key": []}}'),
      );
      assert.equal(
        acceptJsonCompletion(POLICY('"s3:GetObject"', '{"StringEquals": {"aws:Sour█": "x"}}'), 'aws:SourceVpce'),
        POLICY('"s3:GetObject"', '{"StringEquals": {"aws:SourceVpce": "x"}}'),
      );
    });

    it('offers the global keys alone when the actions do not say (NotAction, *)', () => {
      const labels = jsonCompletionLabels(POLICY('"*"', '{"Bool": {█}}'));
      assert.deepEqual(labels, ['aws:MultiFactorAuthPresent', 'aws:PrincipalIsAWSService', 'aws:SecureTransport', 'aws:ViaAWSService']);
    });
  });

  describe('completion of operators', () => {
    it('offers the operators that suit the keys under it', () => {
      assert.deepEqual(jsonCompletionLabels(POLICY('"s3:GetObject"', '{"█": {"aws:SourceIp": ["203.0.113.0/24"]}}')), [
        'IpAddress',
        'IpAddressIfExists',
        'NotIpAddress',
        'NotIpAddressIfExists',
        'Null',
      ]);
      const multivalued = jsonCompletionLabels(POLICY('"s3:PutObject"', '{"Str█": {"s3:RequestObjectTagKeys": ["team"]}}'));
      assert.ok(multivalued.includes('ForAllValues:StringEquals') && multivalued.includes('ForAnyValue:StringLike'));
      assert.ok(!multivalued.includes('StringEquals'));
    });

    it('replaces the operator written', () => {
      assert.equal(
        acceptJsonCompletion(POLICY('"s3:GetObject"', '{"StringNot█Equals": {"aws:SourceIp": ["203.0.113.0/24"]}}'), 'NotIpAddress'),
        POLICY('"s3:GetObject"', '{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}'),
      );
    });
  });

  describe('hover', () => {
    it('explains a key: what it filters by, its type and operators, and what this domain adds', () => {
      const text = jsonHoverText(POLICY('"sagemaker:CreateLabelingJob"', '{"StringEquals": {"sagemaker:Workteam█Type": "public-crowd"}}'))!;
      assert.match(text, /^\*\*sagemaker:WorkteamType\*\* \(Amazon SageMaker\)\n\nFilters access by the workteam type associated to the request/);
      assert.match(text, /Amazon Mechanical Turk/);
      assert.match(text, /Type: String \(single-valued\) {2}\nOperators: StringEquals, /);
    });

    it('names the template a key matches', () => {
      assert.match(
        jsonHoverText(POLICY('"s3:GetObject"', '{"StringEquals": {"s3:ExistingObjectTag/Pro█ject": "x"}}'))!,
        /^\*\*s3:ExistingObjectTag\/Project\*\* \(`s3:ExistingObjectTag\/<key>`\) \(Amazon S3\)\n\nFilters access by existing object tag key and value\./,
      );
      assert.match(jsonHoverText(POLICY('"s3:GetObject"', '{"ForAllValues:StringEquals": {"aws:Tag█Keys": "x"}}'))!, /Type: ArrayOfString \(multivalued/);
    });

    it('says nothing of a key no list has', () => {
      assert.equal(jsonHoverText(POLICY('"s3:GetObject"', '{"StringEquals": {"s3:Frob█nicate": "x"}}')), undefined);
    });
  });
});
