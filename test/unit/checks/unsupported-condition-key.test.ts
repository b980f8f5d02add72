import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (action: unknown, condition: object, effect = 'Allow') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: '*', Condition: condition }] }, null, 2);

describe('unsupported-condition-key', () => {
  // Service Authorization Reference: an action's "Condition keys" column (and its resource types') lists the keys its requests carry.
  it("reports a key of the statement's service that none of its actions supports, naming actions that do", () => {
    const [seen] = jsonDiagnostics(POLICY('s3:GetObject', { StringLike: { 's3:prefix': 'home/*' } })).filter((d) => d.code === 'unsupported-condition-key');
    assert.equal(seen.text, '"s3:prefix"');
    assert.equal(seen.severity, 2);
    assert.equal(
      seen.message,
      's3:prefix is not a condition key of s3:GetObject (AWS lists it for s3:ListBucket and s3:ListBucketVersions): their requests never carry it, so this condition never holds: this Allow never applies.',
    );
  });

  it('reports it for every action of a wildcard', () => {
    assert.deepEqual(
      jsonFlagged('unsupported-condition-key', POLICY('sagemaker:CreateLabel*', { NumericLessThan: { 'sagemaker:MaxRuntimeInSeconds': '3600' } })),
      ['"sagemaker:MaxRuntimeInSeconds"'],
    );
  });

  it('does not report a key one of the actions supports, through its resource types too, nor statements the list cannot decide', () => {
    assert.deepEqual(jsonFlagged('unsupported-condition-key', POLICY(['s3:GetObject', 's3:ListBucket'], { StringLike: { 's3:prefix': 'home/*' } })), []);
    assert.deepEqual(
      jsonFlagged('unsupported-condition-key', POLICY('sagemaker:CreateFlowDefinition', { StringEquals: { 'sagemaker:ResourceTag/team': 'x' } })),
      [],
    );
    assert.deepEqual(jsonFlagged('unsupported-condition-key', POLICY('kms:Decrypt', { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })), []);
    assert.deepEqual(jsonFlagged('unsupported-condition-key', POLICY('*', { StringLike: { 's3:prefix': 'home/*' } })), []);
    assert.deepEqual(jsonFlagged('unsupported-condition-key', POLICY('s3:GetObject', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } })), []);
  });
});
