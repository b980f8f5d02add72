/**
 * A CloudFormation template's checks run a step per embedded document (`runCheckOnTemplate`,
 * `runWorkspaceCheck`): a stack with hundreds of policies does not hold the server for a whole
 * check at once, and what the steps find is what one call finds.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { embeddedDocuments, embeddedDocumentsSteps } from '../../../server/src/service/cfn/embedded';
import { cloudFormationFacts, cloudFormationFactsSteps } from '../../../server/src/service/cfn/facts';
import { runSteps } from '../../../server/src/service/util/steps';
import { cfnTemplate } from '../../helpers/cloudFormation';
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

describe('CloudFormation documents and facts in steps', () => {
  const count = (steps: Generator<void, unknown>) => {
    let yields = 0;
    while (!steps.next().done) yields++;
    return yields;
  };

  it('reads the same embedded documents and facts a few resources a step as in one call', () => {
    const text = stack(40);
    const stepped = cfnTemplate(text);
    assert.equal(count(embeddedDocumentsSteps(stepped, 8)), 5);
    const whole = embeddedDocuments(cfnTemplate(text));
    const place = (d: { property: string; json: { root?: { offset: number } } }) => `${d.property}@${d.json.root?.offset}`;
    assert.deepEqual(embeddedDocuments(stepped).map(place), whole.map(place));
    const facts = cloudFormationFactsSteps(stepped, 8);
    assert.equal(count(facts), 5);
    const once = cloudFormationFacts(cfnTemplate(text));
    assert.equal(once.ipGates?.length, 40);
    assert.deepEqual(JSON.parse(JSON.stringify(runSteps(cloudFormationFactsSteps(stepped, 8)))), JSON.parse(JSON.stringify(once)));
  });

  it('keeps the documents a reader worked out between two steps', () => {
    const template = cfnTemplate(stack(40));
    const steps = embeddedDocumentsSteps(template, 8);
    steps.next();
    const early = embeddedDocuments(template);
    let last = steps.next();
    while (!last.done) last = steps.next();
    assert.equal(last.value, early);
    assert.equal(embeddedDocuments(template), early);
  });
});
