import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (operator: string, values: unknown) =>
  JSON.stringify({
    Statement: [
      {
        Effect: 'Deny',
        Action: ['sagemaker:CreateLabelingJob', 'sagemaker:CreateFlowDefinition'],
        Resource: '*',
        Condition: { [operator]: { 'sagemaker:WorkteamType': values } },
      },
    ],
  });

describe('invalid-workteam-type', () => {
  it('reports values that are not workteam types', () => {
    const seen = jsonDiagnostics(POLICY('StringEquals', ['public-crowd', 'public', 'mturk'])).filter((d) => d.code === 'invalid-workteam-type');
    assert.deepEqual(
      seen.map((d) => d.text),
      ['"public"', '"mturk"'],
    );
    assert.equal(seen[0].message, '"public" is not a workteam type: sagemaker:WorkteamType is public-crowd, private-crowd or vendor-crowd.');
  });

  it('fixes a value to the nearest type', () => {
    assert.equal(applyJsonFix('invalid-workteam-type', POLICY('StringEquals', 'private'), 'private-crowd'), POLICY('StringEquals', 'private-crowd'));
    assert.equal(applyJsonFix('invalid-workteam-type', POLICY('StringEquals', 'Public-Crowd'), 'public-crowd'), POLICY('StringEquals', 'public-crowd'));
  });

  it('reports StringLike patterns that match no type', () => {
    assert.deepEqual(jsonFlagged('invalid-workteam-type', POLICY('StringLike', ['*-crowd', 'private_*'])), ['"private_*"']);
  });

  it('does not report the three types, matching patterns, or other case under IgnoreCase', () => {
    assert.deepEqual(jsonFlagged('invalid-workteam-type', POLICY('StringNotEquals', ['private-crowd', 'vendor-crowd'])), []);
    assert.deepEqual(jsonFlagged('invalid-workteam-type', POLICY('StringLikeIfExists', 'p*-crowd')), []);
    assert.deepEqual(jsonFlagged('invalid-workteam-type', POLICY('StringEqualsIgnoreCase', 'Public-Crowd')), []);
  });
});
