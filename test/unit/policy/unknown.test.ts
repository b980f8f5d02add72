/**
 * Values a file does not decide (`domain/unknown.ts`: a CloudFormation import, the stack's
 * account) in a policy: the engine leaves undecided what they could change, and decides what they
 * cannot.
 */
import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { parseCidr, type Cidr } from '../../../server/src/service/domain/cidr';
import { statementsOf } from '../../../server/src/service/domain/iam';
import { UNKNOWN_VALUE } from '../../../server/src/service/domain/unknown';
import { evaluate, statementApplies } from '../../../server/src/service/policy/evaluate';
import { sageMakerAssumesRole, workerRead } from '../../../server/src/service/policy/requests';

const U = UNKNOWN_VALUE;
const policyOf = (...statements: unknown[]) => statementsOf(parseTree(JSON.stringify({ Version: '2012-10-17', Statement: statements })));
const block = (text: string) => (parseCidr(text) as { ok: true; cidr: Cidr }).cidr;
const fromInternet = workerRead({ via: 'internet', from: block('198.51.100.0/24') });
const ipDeny = (extra: object) => ({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });

describe('policies with values the file does not decide', () => {
  it('leaves a condition value, a whole Condition or an operator block undecided', () => {
    for (const condition of [{ NotIpAddress: { 'aws:SourceIp': [U] } }, U, { NotIpAddress: U }]) {
      assert.equal(statementApplies(policyOf(ipDeny({ Condition: condition }))[0], fromInternet), undefined, JSON.stringify(condition));
    }
    // Another condition of the statement that is false decides: the statement does not apply whatever the rest is.
    const decided = policyOf(ipDeny({ Condition: { NotIpAddress: U, Bool: { 'aws:SecureTransport': 'false' } } }))[0];
    assert.equal(statementApplies(decided, fromInternet), false);
  });

  it('leaves an action, a principal or a whole statement undecided', () => {
    assert.equal(statementApplies(policyOf(ipDeny({ Action: U }))[0], fromInternet), undefined);
    assert.equal(statementApplies(policyOf(ipDeny({ Action: ['s3:PutObject', U] }))[0], fromInternet), undefined);
    assert.equal(statementApplies(policyOf(ipDeny({ Action: ['s3:GetObject', U] }))[0], fromInternet), true);
    const trust = (principal: unknown) =>
      evaluate(policyOf({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }), sageMakerAssumesRole()).outcome;
    assert.equal(trust({ Service: `sagemaker.${U}` }), undefined);
    assert.equal(trust(U), undefined);
    assert.equal(trust({ Service: 'sagemaker.amazonaws.com' }), 'allow');
    // A Deny the file does not spell out may refuse anything: nothing is decided.
    const policy = policyOf({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, U);
    assert.equal(policy.length, 2);
    assert.equal(evaluate(policy, fromInternet).outcome, undefined);
  });

  it("decides a bucket policy's resource whatever its partition and bucket, which do not decide", () => {
    assert.equal(statementApplies(policyOf(ipDeny({ Resource: `arn:${U}:s3:::${U}/*` }))[0], fromInternet), true);
    assert.equal(statementApplies(policyOf(ipDeny({ Resource: `arn:${U}:s3:::${U}` }))[0], fromInternet), false);
    assert.equal(statementApplies(policyOf(ipDeny({ Resource: `arn:${U}:s3:::b/${U}` }))[0], fromInternet), undefined);
    assert.equal(statementApplies(policyOf(ipDeny({ Resource: U }))[0], fromInternet), undefined);
    // A real policy variable in the bucket stays undecided, as before.
    assert.equal(statementApplies(policyOf(ipDeny({ Resource: 'arn:aws:s3:::${aws:username}/*' }))[0], fromInternet), undefined);
  });
});
