/**
 * Intrinsic functions worked out where the template decides them, as the CloudFormation User
 * Guide's intrinsic function reference describes them, and unknown everywhere else.
 */
import * as assert from 'node:assert/strict';
import { Node, findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { embeddedDocuments } from '../../../server/src/service/cfn/embedded';
import { Resolver, holdsIntrinsic, isDerived } from '../../../server/src/service/cfn/intrinsics';
import { parseCloudFormation } from '../../../server/src/service/cfn/template';
import { UNKNOWN_VALUE } from '../../../server/src/service/domain/unknown';

const U = UNKNOWN_VALUE;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
  Cidrs:
    Type: CommaDelimitedList
    Default: 203.0.113.0/24,198.51.100.0/24
  NoDefault:
    Type: String
  Latest:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /labeling/bucket
Mappings:
  Regions:
    Settings:
      Origin: https://labeling.example.com
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Unknowable: !Equals [!Ref NoDefault, x]
  Both: !And [!Condition IsDev, !Condition Unknowable]
  Either: !Or [!Condition IsDev, !Condition Unknowable]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'labeling-\${Env}'
  Unnamed:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: LabelingRole
      Path: /gt/
  Loop:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !GetAtt Loop.Arn
  Values:
    Type: AWS::Test::Values
    Properties:
      Ref: !Ref Env
      List: !Ref Cidrs
      NoDefault: !Ref NoDefault
      Ssm: !Ref Latest
      Account: !Ref AWS::AccountId
      BucketName: !Ref Bucket
      UnnamedBucket: !Ref Unnamed
      RoleArn: !GetAtt Role.Arn
      BucketArn: !GetAtt Bucket.Arn
      UnnamedArn: !GetAtt Unnamed.Arn
      Loop: !GetAtt Loop.Arn
      Sub: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/\${Env}/*'
      SubList: !Sub ['\${Name}-\${!Literal}', {Name: !Ref Env}]
      SubAttribute: !Sub '\${Role.Arn}'
      Join: !Join ['/', [a, !Ref Env, !Select [1, !Ref Cidrs]]]
      Split: !Split [',', 'x,y']
      Import: !ImportValue Shared
      Base64: !Base64 abc
      FindInMap: !FindInMap [Regions, Settings, Origin]
      IfDecided: !If [IsDev, dev-value, prod-value]
      IfUndecided: !If [Unknowable, a, b]
      IfAnd: !If [Both, a, b]
      IfOr: !If [Either, a, b]
      IfNoValue: !If [IsProd, kept, !Ref AWS::NoValue]
      Items: [a, !Ref AWS::NoValue, b]
      LongForm: {"Fn::Join": ["", ["x", {"Ref": "Env"}]]}
`;

function resolvedValues(): { value: Record<string, unknown>; root: Node } {
  const template = parseCloudFormation('file:///ws/t.yaml', TEMPLATE);
  const properties = template.resources.find((r) => r.logicalId === 'Values')!.properties!;
  const root = new Resolver(template).resolve(properties, undefined)!;
  return { value: JSON.parse(JSON.stringify(getNodeValue(root))) as Record<string, unknown>, root };
}

describe('cfn/intrinsics', () => {
  const { value, root } = resolvedValues();

  it("takes a parameter's default, and leaves unknown a parameter without one, an SSM parameter and the stack's pseudo parameters", () => {
    assert.equal(value.Ref, 'dev');
    assert.deepEqual(value.List, ['203.0.113.0/24', '198.51.100.0/24']);
    assert.equal(value.NoDefault, U);
    assert.equal(value.Ssm, U);
    assert.equal(value.Account, U);
  });

  it('names the buckets and roles the template names, and leaves the others unknown', () => {
    assert.equal(value.BucketName, 'labeling-dev');
    assert.equal(value.UnnamedBucket, U);
    assert.equal(value.RoleArn, `arn:${U}:iam::${U}:role/gt/LabelingRole`);
    assert.equal(value.BucketArn, `arn:${U}:s3:::labeling-dev`);
    assert.equal(value.UnnamedArn, `arn:${U}:s3:::${U}`);
    // A name made of its own ARN cannot be worked out.
    assert.equal(value.Loop, `arn:${U}:iam::${U}:role/${U}`);
  });

  it('substitutes what it knows in Fn::Sub, and keeps ${!Literal}', () => {
    assert.equal(value.Sub, `arn:${U}:s3:::labeling-dev/dev/*`);
    assert.equal(value.SubList, 'dev-${Literal}');
    assert.equal(value.SubAttribute, `arn:${U}:iam::${U}:role/gt/LabelingRole`);
  });

  it('joins, selects, splits and finds in mappings, in the short and the long form', () => {
    assert.equal(value.Join, 'a/dev/198.51.100.0/24');
    assert.deepEqual(value.Split, ['x', 'y']);
    assert.equal(value.FindInMap, 'https://labeling.example.com');
    assert.equal(value.LongForm, 'xdev');
  });

  it('chooses the branch of Fn::If when the template decides the condition, and leaves it unknown otherwise', () => {
    assert.equal(value.IfDecided, 'dev-value');
    assert.equal(value.IfUndecided, U);
    assert.equal(value.IfAnd, U);
    assert.equal(value.IfOr, 'a');
    assert.equal('IfNoValue' in value, false);
  });

  it('leaves out AWS::NoValue, and leaves imports and the rest unknown', () => {
    assert.deepEqual(value.Items, ['a', 'b']);
    assert.equal(value.Import, U);
    assert.equal(value.Base64, U);
  });

  it('gives a worked-out value the span of its intrinsic, and marks it derived; literal values keep theirs', () => {
    const sub = findNodeAtLocation(root, ['Sub'])!;
    assert.equal(TEMPLATE.slice(sub.offset, sub.offset + sub.length), "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/${Env}/*'");
    assert.ok(isDerived(sub));
    const item = findNodeAtLocation(root, ['Items', 1])!;
    assert.equal(TEMPLATE.slice(item.offset, item.offset + item.length), 'b');
    assert.ok(!isDerived(item));
    const branch = findNodeAtLocation(root, ['IfDecided'])!;
    assert.equal(TEMPLATE.slice(branch.offset, branch.offset + branch.length), 'dev-value');
  });

  it("reads a policy that holds no intrinsic from the template's own nodes, and resolves one that holds any", () => {
    const policy = (name: string, resource: string) => `  ${name}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: b
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:GetObject
            Resource: [${resource}]
`;
    const stack = `Resources:\n${policy('Literal', 'arn:aws:s3:::b/*')}${policy('Resolved', '!Sub "arn:${AWS::Partition}:s3:::b/*"')}`;
    const template = parseCloudFormation('file:///ws/s.yaml', stack);
    const source = (id: string) => findNodeAtLocation(template.resources.find((r) => r.logicalId === id)!.properties!, ['PolicyDocument'])!;
    const [literal, resolved] = embeddedDocuments(template);
    assert.ok(!holdsIntrinsic(source('Literal')));
    // The same nodes: a copy of them would be made again at every validation.
    assert.equal(literal.json.root, source('Literal'));
    assert.ok(holdsIntrinsic(source('Resolved')));
    assert.notEqual(resolved.json.root, source('Resolved'));
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(resolved.json.root!))), {
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: [`arn:${U}:s3:::b/*`] }],
    });
    assert.equal(resolved.json.root!.parent, source('Resolved').parent);
  });
});
