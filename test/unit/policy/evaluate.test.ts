/**
 * The policy engine on its own: a table of cases, most taken from the IAM User Guide's own
 * examples, each naming the rule it shows ("Policy evaluation logic", "IAM JSON policy elements:
 * Condition operators", "AWS global condition context keys").
 */
import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { parseCidr } from '../../../server/src/service/domain/cidr';
import { statementsOf } from '../../../server/src/service/domain/iam';
import {
  ContextValue,
  RequestModel,
  Tri,
  UNKNOWN,
  Value,
  evaluate,
  evaluateSteps,
  refineIpBlock,
  statementApplies,
} from '../../../server/src/service/policy/evaluate';
import { createJob, sageMakerAssumesRole, workerRead } from '../../../server/src/service/policy/requests';
import { type KeyTypes, globalKeyTypes, keyType } from '../../../server/src/service/domain/conditionKeys';
import { IamReference } from '../../../server/src/service/domain/iamReference';
import { iamDataFrom } from '../../../server/src/iamData';
import { PACKAGE_DATA } from '../../helpers/service';

const statementOf = (statement: object) => statementsOf(parseTree(JSON.stringify({ Version: '2012-10-17', Statement: [statement] })))[0];
const policyOf = (...statements: object[]) => statementsOf(parseTree(JSON.stringify({ Version: '2012-10-17', Statement: statements })));

const absent: ContextValue = { absent: true };
const v = (...values: (string | Value)[]): ContextValue => ({ values: values.map((x) => (typeof x === 'string' ? [x] : x)) });
const ip = (cidr: string): ContextValue => ({ ip: (parseCidr(cidr) as { ok: true; cidr: import('../../../server/src/service/domain/cidr').Cidr }).cidr });

function request(keys: Record<string, ContextValue>, action = 's3:GetObject'): RequestModel {
  return {
    principal: { aws: ['arn:aws:iam::111122223333:role/LabelingRole'] },
    attached: true,
    action,
    resource: ['arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg'],
    context: new Map(Object.entries(keys).map(([k, x]) => [k.toLowerCase(), x])),
  };
}

/** A condition block on an Allow of s3:GetObject on every resource. */
const condition = (block: object) => statementOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: block });

interface Case {
  rule: string;
  block: object;
  keys: Record<string, ContextValue>;
  expect: Tri;
}

const CASES: Case[] = [
  // String
  {
    rule: 'StringEquals: exact, case-sensitive match',
    block: { StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } },
    keys: { 'aws:PrincipalTag/job-category': v('iamuser-admin') },
    expect: true,
  },
  {
    rule: 'StringEquals: case-sensitive',
    block: { StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } },
    keys: { 'aws:PrincipalTag/job-category': v('IAMUser-Admin') },
    expect: false,
  },
  { rule: 'StringEquals: * is a literal character', block: { StringEquals: { 's3:prefix': 'home/*' } }, keys: { 's3:prefix': v('home/alice') }, expect: false },
  {
    rule: 'StringEqualsIgnoreCase ignores case',
    block: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/job-category': 'IAMUser-Admin' } },
    keys: { 'aws:PrincipalTag/job-category': v('iamuser-admin') },
    expect: true,
  },
  {
    rule: 'StringLike: * matches any run of characters',
    block: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*', 'home/*'] } },
    keys: { 's3:prefix': v('home/alice/') },
    expect: true,
  },
  { rule: 'StringLike: ? matches exactly one character', block: { StringLike: { 's3:prefix': 'home/?' } }, keys: { 's3:prefix': v('home/ab') }, expect: false },
  {
    rule: 'Several values for one key are ORed',
    block: { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-5e6f7a8b'] } },
    keys: { 'aws:SourceVpce': v('vpce-5e6f7a8b') },
    expect: true,
  },
  {
    rule: 'Several keys in one block are ANDed',
    block: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceVpc': 'vpc-111bbb22' } },
    keys: { 'aws:SourceVpce': v('vpce-1a2b3c4d'), 'aws:SourceVpc': v('vpc-999') },
    expect: false,
  },
  {
    rule: 'Condition key names are case-insensitive',
    block: { StringEquals: { 'AWS:SOURCEVPCE': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': v('vpce-1a2b3c4d') },
    expect: true,
  },
  {
    rule: 'Absent key: a positive operator is false',
    block: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': absent },
    expect: false,
  },
  {
    rule: 'Absent key: a negated operator is true',
    block: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': absent },
    expect: true,
  },
  {
    rule: 'Negated operator with several values: true when the value matches none of them',
    block: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } },
    keys: { 'aws:SourceVpce': v('vpce-2') },
    expect: false,
  },
  {
    rule: 'StringNotLike with a wildcard',
    block: { StringNotLike: { 'aws:userid': 'AROAEXAMPLEID:*' } },
    keys: { 'aws:userid': v('AROAEXAMPLEID:alice') },
    expect: false,
  },
  {
    rule: '...IfExists: true when the key is absent',
    block: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-111bbb22' } },
    keys: { 'aws:SourceVpc': absent },
    expect: true,
  },
  {
    rule: '...IfExists: compares as usual when the key is present',
    block: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-111bbb22' } },
    keys: { 'aws:SourceVpc': v('vpc-2') },
    expect: false,
  },
  { rule: 'A key the request model does not set is undecided', block: { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567' } }, keys: {}, expect: undefined },
  {
    rule: 'A value the workspace does not know is undecided for a literal',
    block: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': v([UNKNOWN]) },
    expect: undefined,
  },
  {
    rule: 'A value the workspace does not know: * covers it whatever it is',
    block: { StringLike: { 'aws:SourceVpce': 'vpce-*' } },
    keys: { 'aws:SourceVpce': v(['vpce-', UNKNOWN]) },
    expect: true,
  },
  {
    rule: 'A known part can rule a match out',
    block: { StringEquals: { 'aws:SourceVpce': 'vpc-1' } },
    keys: { 'aws:SourceVpce': v(['vpce-', UNKNOWN]) },
    expect: false,
  },
  {
    rule: 'A policy variable is undecided',
    block: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
    keys: { 'aws:PrincipalTag/team': v('alice') },
    expect: undefined,
  },
  {
    rule: 'StringNotEqualsIgnoreCase: negated, without case',
    block: { StringNotEqualsIgnoreCase: { 'aws:SourceVpc': 'VPC-111BBB22' } },
    keys: { 'aws:SourceVpc': v('vpc-111bbb22') },
    expect: false,
  },
  // Numeric
  {
    rule: 'NumericLessThanEquals (s3:max-keys example)',
    block: { NumericLessThanEquals: { 's3:max-keys': '10' } },
    keys: { 's3:max-keys': v('5') },
    expect: true,
  },
  { rule: 'NumericLessThanEquals, over the limit', block: { NumericLessThanEquals: { 's3:max-keys': '10' } }, keys: { 's3:max-keys': v('20') }, expect: false },
  { rule: 'Numeric, absent key: false', block: { NumericLessThanEquals: { 's3:max-keys': '10' } }, keys: { 's3:max-keys': absent }, expect: false },
  { rule: 'NumericNotEquals, absent key: true', block: { NumericNotEquals: { 's3:max-keys': '10' } }, keys: { 's3:max-keys': absent }, expect: true },
  { rule: 'Numeric, unknown key', block: { NumericGreaterThan: { 's3:max-keys': '10' } }, keys: {}, expect: undefined },
  // Date
  {
    rule: 'DateGreaterThan (aws:CurrentTime example)',
    block: { DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' } },
    keys: { 'aws:CurrentTime': v('2020-06-30T00:00:00Z') },
    expect: true,
  },
  {
    rule: 'DateLessThan, with epoch seconds',
    block: { DateLessThan: { 'aws:EpochTime': '1585699200' } },
    keys: { 'aws:EpochTime': v('1593475200') },
    expect: false,
  },
  {
    rule: 'Date, absent key: false',
    block: { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } },
    keys: { 'aws:TokenIssueTime': absent },
    expect: false,
  },
  {
    rule: 'DateNotEquals, absent key: true',
    block: { DateNotEquals: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } },
    keys: { 'aws:TokenIssueTime': absent },
    expect: true,
  },
  { rule: 'Date, unknown key', block: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, keys: {}, expect: undefined },
  // Bool
  {
    rule: 'Bool (aws:SecureTransport false example)',
    block: { Bool: { 'aws:SecureTransport': 'false' } },
    keys: { 'aws:SecureTransport': v('true') },
    expect: false,
  },
  {
    rule: 'Bool reads JSON booleans and strings alike',
    block: { Bool: { 'aws:SecureTransport': false } },
    keys: { 'aws:SecureTransport': v('false') },
    expect: true,
  },
  { rule: 'Bool, absent key: false', block: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, keys: { 'aws:MultiFactorAuthPresent': absent }, expect: false },
  {
    rule: 'BoolIfExists, absent key: true (aws:MultiFactorAuthPresent example)',
    block: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    keys: { 'aws:MultiFactorAuthPresent': absent },
    expect: true,
  },
  { rule: 'Bool, unknown key', block: { Bool: { 'aws:ViaAWSService': 'false' } }, keys: {}, expect: undefined },
  // Binary
  {
    rule: 'BinaryEquals compares the base-64 value',
    block: { BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } },
    keys: { key: v('QmluYXJ5VmFsdWVJbkJhc2U2NA==') },
    expect: true,
  },
  { rule: 'BinaryEquals, another value', block: { BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, keys: { key: v('b3RoZXI=') }, expect: false },
  { rule: 'BinaryEquals, absent key: false', block: { BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, keys: { key: absent }, expect: false },
  { rule: 'BinaryEquals, unknown key', block: { BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, keys: {}, expect: undefined },
  // IP address
  {
    rule: 'IpAddress (203.0.113.0/24 example)',
    block: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    keys: { 'aws:SourceIp': v('203.0.113.7') },
    expect: true,
  },
  {
    rule: 'IpAddress with IPv6',
    block: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } },
    keys: { 'aws:SourceIp': v('2001:db8:1234:5678::1') },
    expect: true,
  },
  {
    rule: 'NotIpAddress, inside the list: false',
    block: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    keys: { 'aws:SourceIp': ip('203.0.113.0/25') },
    expect: false,
  },
  {
    rule: 'NotIpAddress, absent key (a request through a VPC endpoint): true',
    block: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    keys: { 'aws:SourceIp': absent },
    expect: true,
  },
  { rule: 'IpAddress, absent key: false', block: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, keys: { 'aws:SourceIp': absent }, expect: false },
  {
    rule: 'IpAddress, a block of requests partly inside: undecided',
    block: { IpAddress: { 'aws:SourceIp': '203.0.113.0/25' } },
    keys: { 'aws:SourceIp': ip('203.0.113.0/24') },
    expect: undefined,
  },
  { rule: 'IpAddress, unknown key', block: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } }, keys: {}, expect: undefined },
  // ARN
  {
    rule: 'ArnLike (aws:SourceArn example)',
    block: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:my_corporate_topic:*' } },
    keys: { 'aws:SourceArn': v('arn:aws:sns:us-west-2:123456789012:my_corporate_topic:prod') },
    expect: true,
  },
  {
    rule: 'ArnEquals expands wildcards as ArnLike does',
    block: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } },
    keys: { 'aws:SourceArn': v('arn:aws:sns:us-east-1:123456789012:topic') },
    expect: true,
  },
  {
    rule: 'ARN operators compare component by component: * stays in its component',
    block: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:topic' } },
    keys: { 'aws:SourceArn': v('arn:aws:sns:us-east-1:123456789012:topic') },
    expect: false,
  },
  {
    rule: 'ArnNotLike, absent key: true',
    block: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } },
    keys: { 'aws:SourceArn': absent },
    expect: true,
  },
  { rule: 'ArnLike, unknown key', block: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }, keys: {}, expect: undefined },
  {
    rule: 'ArnLike, an ARN with an unknown account: * covers it',
    block: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
    keys: { 'aws:SourceArn': v(['arn:aws:s3:::', UNKNOWN]) },
    expect: true,
  },
  {
    rule: 'ArnEquals, an ARN with an unknown account: a named account may or may not be it',
    block: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' } },
    keys: { 'aws:SourceArn': v(['arn:aws:sns:us-east-1:', UNKNOWN, ':topic']) },
    expect: undefined,
  },
  // Null
  { rule: 'Null true: the key is absent', block: { Null: { 'aws:TokenIssueTime': 'true' } }, keys: { 'aws:TokenIssueTime': absent }, expect: true },
  {
    rule: 'Null true, present key (even with an unknown value): false',
    block: { Null: { 'aws:SourceVpce': 'true' } },
    keys: { 'aws:SourceVpce': v([UNKNOWN]) },
    expect: false,
  },
  {
    rule: 'Null false: the key is present',
    block: { Null: { 'aws:TokenIssueTime': 'false' } },
    keys: { 'aws:TokenIssueTime': v('2020-01-01T00:00:00Z') },
    expect: true,
  },
  { rule: 'Null false, absent key: false', block: { Null: { 'aws:TokenIssueTime': 'false' } }, keys: { 'aws:TokenIssueTime': absent }, expect: false },
  { rule: 'Null, unknown key', block: { Null: { 'aws:TokenIssueTime': 'true' } }, keys: {}, expect: undefined },
  // Set operators
  {
    rule: 'ForAllValues: every request value matches one of the policy values (aws:TagKeys example)',
    block: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } },
    keys: { 'aws:TagKeys': v('environment', 'owner') },
    expect: false,
  },
  {
    rule: 'ForAllValues, absent key: true',
    block: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': absent },
    expect: true,
  },
  {
    rule: 'ForAnyValue: one request value matches',
    block: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } },
    keys: { 'aws:TagKeys': v('environment', 'owner') },
    expect: true,
  },
  {
    rule: 'ForAnyValue, absent key: false, even negated',
    block: { 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    keys: { 'aws:SourceVpce': absent },
    expect: false,
  },
  {
    rule: 'ForAllValues:StringNotEquals: no request value is any policy value',
    block: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
    keys: { 'aws:TagKeys': v('environment', 'secret') },
    expect: false,
  },
  { rule: 'Set operator, unknown key', block: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'env*' } }, keys: {}, expect: undefined },
];

describe('policy evaluation', () => {
  describe('condition operators', () => {
    for (const c of CASES) {
      it(`${c.rule}: ${String(c.expect)}`, () => {
        assert.equal(statementApplies(condition(c.block), request(c.keys)), c.expect);
      });
    }
  });

  describe("keys' types from AWS's lists", () => {
    // Single-valued vs. multivalued context keys: multivalued keys (ArrayOf... in the reference) need a set operator.
    const block = { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } };
    const keys = { 's3:DataAccessPointAccount': v('111122223333') };
    const arrayOfString: KeyTypes = (key) => (key.toLowerCase() === 's3:dataaccesspointaccount' ? keyType('ArrayOfString') : undefined);

    it('leaves a key typed as multivalued, under an operator without a set prefix, undecided', () => {
      assert.equal(statementApplies(condition(block), request(keys), arrayOfString), undefined);
      assert.equal(statementApplies(condition({ 'ForAnyValue:StringEquals': block.StringEquals }), request(keys), arrayOfString), true);
    });

    it('decides as before when the types say nothing of the key (no data), and knows the global ones without data', () => {
      assert.equal(
        statementApplies(condition(block), request(keys), () => undefined),
        true,
      );
      assert.equal(statementApplies(condition(block), request(keys)), true);
      assert.equal(statementApplies(condition({ StringEquals: { 'aws:TagKeys': 'env' } }), request({ 'aws:TagKeys': v('env') })), undefined);
    });

    it("reads the types from the reference through the caller's lookup", () => {
      const types = new IamReference(iamDataFrom(PACKAGE_DATA)).keyTypes(['s3']);
      assert.equal(types('s3:ExistingObjectTag/Project')?.name, 'String');
      assert.equal(types('s3:RequestObjectTagKeys')?.multivalued, true);
    });
  });

  describe('statements and decisions', () => {
    it('an explicit Deny wins over an Allow, and names the deciding statement', () => {
      const statements = policyOf(
        { Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' },
        {
          Sid: 'OnlyHttps',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      );
      const https = evaluate(statements, request({ 'aws:SecureTransport': v('true') }));
      assert.equal(https.outcome, 'allow');
      const plain = evaluate(statements, request({ 'aws:SecureTransport': v('false') }));
      assert.equal(plain.outcome, 'deny');
      assert.deepEqual(
        plain.deciding.map((s) => s.node.children?.[0].children?.[1].value),
        ['OnlyHttps'],
      );
    });

    it('no Allow that applies: implicitly denied; a Deny that may apply: undecided', () => {
      assert.equal(evaluate(policyOf({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }), request({})).outcome, 'implicit-deny');
      const maybe = policyOf(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
      );
      assert.equal(evaluate(maybe, request({})).outcome, undefined);
    });

    it('Action and NotAction take wildcards, case-insensitively; NotResource exempts', () => {
      assert.equal(statementApplies(statementOf({ Effect: 'Deny', Action: 'S3:Get*', Resource: '*' }), request({})), true);
      assert.equal(statementApplies(statementOf({ Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }), request({})), false);
      assert.equal(
        statementApplies(statementOf({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::amzn-s3-demo-bucket/photos/*' }), request({})),
        false,
      );
    });

    it('a statement without Principal (an identity policy) applies only to the identity it is attached to', () => {
      const identity = statementOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
      assert.equal(statementApplies(identity, request({})), true);
      assert.equal(statementApplies(identity, { ...request({}), attached: undefined }), undefined);
    });

    it('Principal: "*" is everyone; a named principal decides for a known one and not for an unknown one; NotPrincipal exempts', () => {
      const named = statementOf({ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:role/LabelingRole' }, Action: '*', Resource: '*' });
      assert.equal(statementApplies(named, request({})), true);
      assert.equal(statementApplies(named, { ...request({}), principal: { aws: [UNKNOWN] } }), undefined);
      assert.equal(statementApplies(named, { ...request({}), principal: { anonymous: true } }), false);
      const exempt = statementOf({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/LabelingRole' }, Action: '*', Resource: '*' });
      assert.equal(statementApplies(exempt, request({})), false);
      assert.equal(statementApplies(statementOf({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: '*', Resource: '*' }), request({})), undefined);
    });
  });

  describe('blocks of addresses', () => {
    it("splits a block where the policy's blocks start and end, so each part is decided", () => {
      const statement = statementOf({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/25'] } } });
      const block = (parseCidr('203.0.113.0/24') as { ok: true; cidr: import('../../../server/src/service/domain/cidr').Cidr }).cidr;
      const parts = refineIpBlock(block, [statement], 'AWS:SourceIP');
      const decided = parts.map((part) => statementApplies(statement, request({ 'aws:SourceIp': { ip: part } })));
      assert.equal(parts.length, 2);
      assert.deepEqual(decided.sort(), [false, true]);
    });
  });

  describe('request models', () => {
    const deny = (block: object) =>
      policyOf({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-gt-input/*', Condition: block });
    const block = (parseCidr('198.51.100.0/24') as { ok: true; cidr: never }).cidr;
    const internet = workerRead({ via: 'internet', from: block });
    const vpc = workerRead({ via: 'vpc-endpoint' });

    it('a worker through a VPC endpoint carries no aws:SourceIp: NotIpAddress denies it', () => {
      assert.equal(evaluate(deny({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), vpc).outcome, 'deny');
      assert.equal(evaluate(deny({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), internet).outcome, 'deny');
    });

    it('a worker over the internet is a direct request: the ViaAWSService exemption does not save it', () => {
      const denied = deny({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:ViaAWSService': 'false' } });
      assert.equal(evaluate(denied, internet).outcome, 'deny');
    });

    it('the VPC keys: Null denies internet workers, not VPC ones; an endpoint id decides nothing for an unknown endpoint', () => {
      assert.equal(evaluate(deny({ Null: { 'aws:SourceVpce': 'true' } }), internet).outcome, 'deny');
      assert.equal(evaluate(deny({ Null: { 'aws:SourceVpce': 'true' } }), vpc).outcome, 'implicit-deny');
      assert.equal(evaluate(deny({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), vpc).outcome, undefined);
    });

    it('a job for the public crowd: ArnLike with * matches its workteam ARN, StringEquals with * never does', () => {
      const job = createJob('sagemaker:CreateLabelingJob', 'public-crowd', 'aws');
      const policy = (op: string, arn = 'arn:aws:sagemaker:*:*:workteam/public-crowd/*') =>
        policyOf({ Effect: 'Deny', Action: 'sagemaker:CreateLabelingJob', Resource: '*', Condition: { [op]: { 'sagemaker:WorkteamArn': arn } } });
      assert.equal(evaluate(policy('ArnLike'), job).outcome, 'deny');
      assert.equal(evaluate(policy('StringEquals'), job).outcome, 'implicit-deny');
      assert.equal(evaluate(policy('StringLike'), job).outcome, 'deny');
      assert.equal(evaluate(policy('ArnLike', 'arn:aws:sagemaker:us-east-1:*:workteam/public-crowd/*'), job).outcome, undefined);
      assert.equal(evaluate(policy('ArnLike', 'arn:aws:sagemaker:*:*:workteam/private-crowd/*'), job).outcome, 'implicit-deny');
    });

    it("a worker's read is built once per path and action, and cannot be changed by one reader for the next", () => {
      assert.equal(workerRead({ via: 'internet', from: block }), internet);
      assert.notEqual(workerRead({ via: 'internet', from: block }, 's3:PutObject'), internet);
      assert.equal(workerRead({ via: 'internet', from: block }, 's3:PutObject').action, 's3:PutObject');
      assert.equal(workerRead({ via: 'vpc-endpoint' }), vpc);
      assert.throws(() => Object.assign(vpc, { action: 's3:DeleteObject' }), TypeError);
      assert.equal(workerRead({ via: 'vpc-endpoint' }).action, 's3:GetObject');
    });

    it('SageMaker assuming a role: the service principal, sts:AssumeRole', () => {
      const trust = policyOf({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' });
      assert.equal(evaluate(trust, sageMakerAssumesRole()).outcome, 'allow');
      const confused = policyOf({
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      });
      assert.equal(evaluate(confused, sageMakerAssumesRole()).outcome, undefined);
      assert.equal(
        evaluate(policyOf({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), sageMakerAssumesRole()).outcome,
        'implicit-deny',
      );
    });
  });

  it('decides in steps what it decides in one call, yielding where the caller says', () => {
    const statements = Array.from({ length: 50 }, (_, i) =>
      i === 37
        ? { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }
        : { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket${i}/*` },
    );
    const policy = policyOf(...statements);
    const read = workerRead({ via: 'internet', from: (ip('198.51.100.0/24') as { ip: import('../../../server/src/service/domain/cidr').Cidr }).ip });
    let calls = 0;
    const steps = evaluateSteps(policy, read, globalKeyTypes, () => ++calls % 10 === 0);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.equal(yields, 5);
    const once = evaluate(policy, read);
    assert.equal(next.value.outcome, 'deny');
    assert.deepEqual(next.value, once);
  });
});
