import * as assert from 'node:assert/strict';
import { parseJson } from '../../../server/src/service/json/document';
import type { StatementView } from '../../../server/src/service/domain/iam';
import { policyConditions, policyStatements, policyStatementsSteps } from '../../../server/src/service/json/policies';
import { generatePolicy } from '../../helpers/generate';
import { parseConditionOperator } from '../../../server/src/service/json/shapes';

describe('policy conditions', () => {
  it('reads every condition of every policy in a file, once per parse', () => {
    const endpoint = (vpce: string) => ({
      VpcEndpointId: vpce,
      VpcEndpointType: 'Gateway',
      ServiceName: 'com.amazonaws.us-east-1.s3',
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:SourceVpce': vpce }, Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    const document = parseJson('file:///ws/endpoints.json', JSON.stringify({ VpcEndpoints: [endpoint('vpce-1'), endpoint('vpce-2')] }), {
      fileName: 'endpoints.json',
    });
    const conditions = policyConditions(document);
    assert.deepEqual(
      conditions.map((c) => `${c.operator} ${c.key} ${c.values.map((v) => v.value).join()}`),
      ['StringNotEquals aws:SourceVpce vpce-1', 'Bool aws:SecureTransport false', 'StringNotEquals aws:SourceVpce vpce-2', 'Bool aws:SecureTransport false'],
    );
    assert.equal(policyConditions(document), conditions);
  });

  it('tells which operators take wildcards and which ignore case', () => {
    const read = (name: string) => {
      const parsed = parseConditionOperator(name)!;
      return [parsed.wildcards, parsed.ignoreCase];
    };
    assert.deepEqual(read('ForAnyValue:StringLikeIfExists'), [true, false]);
    assert.deepEqual(read('StringNotLike'), [true, false]);
    assert.deepEqual(read('ArnEquals'), [true, false]);
    assert.deepEqual(read('ArnNotLikeIfExists'), [true, false]);
    assert.deepEqual(read('StringEqualsIgnoreCase'), [false, true]);
    assert.deepEqual(read('StringNotEqualsIgnoreCaseIfExists'), [false, true]);
    assert.deepEqual(read('StringEquals'), [false, false]);
    assert.deepEqual(read('NotIpAddress'), [false, false]);
  });
});

describe('policy statements worked out in steps', () => {
  const parse = () => parseJson('file:///ws/big.policy.json', generatePolicy(60_000), { fileName: 'big.policy.json' });

  it('yields every few statements and reads what one call reads', () => {
    const stepped = parse();
    let yields = 0;
    for (const steps = policyStatementsSteps(stepped, 10); !steps.next().done;) yields++;
    const whole = policyStatements(parse());
    const views = policyStatements(stepped);
    assert.ok(whole.length > 100, `${whole.length} statements`);
    assert.equal(yields, Math.floor(whole.length / 10));
    const plain = (s: StatementView) => ({
      effect: s.effect,
      offset: s.node.offset,
      actions: s.actionNames,
      conditions: s.conditions.map((c) => `${c.operator} ${c.key}`),
    });
    assert.deepEqual(views.map(plain), whole.map(plain));
  });

  it('keeps the views a reader worked out between two steps: every reader holds the same ones', () => {
    const json = parse();
    const steps = policyStatementsSteps(json, 10);
    steps.next();
    const early = policyStatements(json);
    while (!steps.next().done);
    assert.equal(policyStatements(json), early);
    assert.equal(policyStatements(json)[0], early[0]);
  });
});
