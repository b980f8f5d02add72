/**
 * A CloudFormation template's checks run a step per embedded document (`runCheckOnTemplate`,
 * `runWorkspaceCheck`): a stack with hundreds of policies does not hold the server for a whole
 * check at once, and what the steps find is what one call finds.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, serviceWith } from '../../helpers/service';

/** A stack of `count` bucket policies, each denying reads from outside one network. */
function stack(count: number): string {
  const resources = Array.from(
    { length: count },
    (_, i) => `  Policy${i}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: bucket-${i}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::bucket-${i}/*
            Condition:
              NotIpAddress:
                aws:SourceIp: 203.0.113.0/33
`,
  );
  return `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources.join('')}`;
}

function validate(count: number): { steps: number; flagged: string[] } {
  const text = stack(count);
  const { service } = serviceWith('');
  const uri = `${ROOT}/stack.yaml`;
  service.setDocument(TextDocument.create(uri, 'yaml', 1, text), { validateNext: true });
  const run = service.findingsSteps(uri);
  let steps = 0;
  while (!run.next().done) steps++;
  const findings = service.findings(uri);
  return { steps, flagged: findings.filter((f) => f.code === 'invalid-cidr').map((f) => text.slice(f.start, f.end)) };
}

describe('CloudFormation checks in steps', () => {
  it('gives a step to each embedded document of every check, and finds the same in every document', () => {
    const small = validate(2);
    const large = validate(40);
    // Each of the JSON checks and the cross-file checks takes one more step per further policy.
    assert.ok(large.steps - small.steps >= 38 * 20, `${small.steps} steps for 2 policies, ${large.steps} for 40`);
    assert.equal(large.flagged.length, 40);
    assert.ok(large.flagged.every((t) => t === '203.0.113.0/33'));
  });
});
