import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (action: unknown, condition: object, effect = 'Deny') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: '*', Condition: condition }] }, null, 2);

describe('unknown-condition-key', () => {
  // Service Authorization Reference: a service's condition keys are the ones its table lists.
  it("reports a key that is not in its service's list, and fixes it to the nearest key the actions support", () => {
    const text = POLICY('s3:GetObject', { StringEquals: { 's3:ExistingObjectTags/Project': 'blue' } });
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'unknown-condition-key');
    assert.equal(seen.text, '"s3:ExistingObjectTags/Project"');
    assert.equal(seen.message, 's3:ExistingObjectTags/Project is not a condition key of Amazon S3 (s3); did you mean s3:ExistingObjectTag/Project?');
    assert.equal(
      applyJsonFix('unknown-condition-key', text, 'Change to s3:ExistingObjectTag/Project'),
      POLICY('s3:GetObject', { StringEquals: { 's3:ExistingObjectTag/Project': 'blue' } }),
    );
  });

  it("reports another service's key: the requests never carry it, so a Deny on it never applies", () => {
    const [seen] = jsonDiagnostics(POLICY(['s3:GetObject', 's3:PutObject'], { StringEquals: { 'sagemaker:WorkteamType': 'public-crowd' } })).filter(
      (d) => d.code === 'unknown-condition-key',
    );
    assert.equal(seen.text, '"sagemaker:WorkteamType"');
    assert.equal(
      seen.message,
      "sagemaker:WorkteamType is a condition key of Amazon SageMaker (sagemaker), and this statement's actions (s3:GetObject and s3:PutObject) are not: their requests never carry it, so this condition never holds: this Deny never applies.",
    );
  });

  it('says when the absent key makes a negated condition always hold', () => {
    const [seen] = jsonDiagnostics(POLICY('s3:GetObject', { StringNotEquals: { 'sagemaker:WorkteamType': 'private-crowd' } }, 'Allow')).filter(
      (d) => d.code === 'unknown-condition-key',
    );
    assert.match(seen.message, /so this condition always holds: the Allow is not limited by it\.$/);
  });

  it('offers no fix when nothing is near', () => {
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('sagemaker:CreateLabelingJob', { StringEquals: { 'sagemaker:Zzzzzzzzzzzzzzz': 'x' } })), [
      '"sagemaker:Zzzzzzzzzzzzzzz"',
    ]);
    assert.throws(
      () => applyJsonFix('unknown-condition-key', POLICY('sagemaker:CreateLabelingJob', { StringEquals: { 'sagemaker:Zzzzzzzzzzzzzzz': 'x' } })),
      /expected a fix/,
    );
  });

  it('reports a key of 200,000 characters at once, with nothing near it', function () {
    this.timeout(3000);
    const key = `sagemaker:${'a'.repeat(200_000)}`;
    const [seen] = jsonDiagnostics(POLICY('s3:GetObject', { StringEquals: { [key]: 'x' } })).filter((d) => d.code === 'unknown-condition-key');
    assert.equal(seen.message, `${key} is not a condition key of Amazon SageMaker (sagemaker).`);
  });

  it('does not report global keys, identity-provider keys, keys of the actions, or statements the list cannot decide', () => {
    const condition = {
      StringEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:SomeFutureKey': 'x', 'lambda:SourceFunctionArn': 'arn:aws:lambda:us-east-1:111122223333:function:f' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*', 'accounts.google.com:aud': 'x', 'sagemaker:WorkteamArn': 'arn:*' },
    };
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('sagemaker:CreateLabelingJob', condition)), []);
    const foreign = { StringEquals: { 's3:Frobnicate': 'x' } };
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('*', foreign)), []);
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('s3:*', { StringEquals: { 's3:prefix': 'x' } })), []);
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('s3:${aws:username}', foreign)), []);
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('s3:GetObjekt', foreign)), []);
    assert.deepEqual(jsonFlagged('unknown-condition-key', POLICY('s3:GetObject', { StringEquals: { 's3:${aws:username}': 'x' } })), []);
    const notAction = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*', Condition: foreign }] });
    assert.deepEqual(jsonFlagged('unknown-condition-key', notAction), []);
  });
});
