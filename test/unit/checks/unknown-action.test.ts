import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const POLICY = (actions: unknown, element = 'Action') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [element]: actions, Resource: '*' }] });

describe('unknown-action', () => {
  it('reports an action the service does not have, naming the nearest', () => {
    const [seen] = jsonDiagnostics(POLICY(['sagemaker:CreateLabelingJob', 'sagemaker:CreateFlowDefiniton'])).filter((d) => d.code === 'unknown-action');
    assert.equal(seen.text, '"sagemaker:CreateFlowDefiniton"');
    assert.equal(seen.message, 'sagemaker:CreateFlowDefiniton is not an action of Amazon SageMaker (sagemaker); did you mean sagemaker:CreateFlowDefinition?');
  });

  it('fixes it to the nearest action', () => {
    assert.equal(
      applyJsonFix('unknown-action', POLICY('sagemaker:CreateFlowDefiniton'), 'Change to sagemaker:CreateFlowDefinition'),
      POLICY('sagemaker:CreateFlowDefinition'),
    );
  });

  it('reports a service prefix that does not exist, and fixes it to the nearest', () => {
    assert.deepEqual(jsonFlagged('unknown-action', POLICY('sagemker:CreateWorkteam')), ['"sagemker:CreateWorkteam"']);
    assert.equal(applyJsonFix('unknown-action', POLICY('sagemker:CreateWorkteam'), 'Change to sagemaker:CreateWorkteam'), POLICY('sagemaker:CreateWorkteam'));
  });

  it('reports a wildcard that matches no action of the service, in NotAction too', () => {
    const seen = jsonDiagnostics(POLICY(['s3:Get*', 's3:Frobnicate*'], 'NotAction')).filter((d) => d.code === 'unknown-action');
    assert.deepEqual(
      seen.map((d) => d.text),
      ['"s3:Frobnicate*"'],
    );
    assert.equal(seen[0].message, 's3:Frobnicate* matches no action of Amazon S3 (s3).');
  });

  it('offers no fix when nothing is near', () => {
    assert.throws(() => applyJsonFix('unknown-action', POLICY('sagemaker:Zzzzzzzzzzzz')), /expected a fix/);
  });

  it('does not report real actions in any case, matching wildcards, *, whole services or policy variables', () => {
    assert.deepEqual(
      jsonFlagged(
        'unknown-action',
        POLICY([
          'sagemaker:CreateFlowDefinition',
          'SageMaker:createlabelingjob',
          's3:Get*',
          's3:?etObject',
          '*',
          'sagemaker:*',
          'kms:${aws:PrincipalTag/action}',
        ]),
      ),
      [],
    );
  });
});
