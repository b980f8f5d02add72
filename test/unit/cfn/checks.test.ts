/**
 * The JSON checks on CloudFormation templates: each finding on its YAML or JSON span, each quick
 * fix in the template's own syntax, and nothing where the template does not decide.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABELING_YAML_FINDINGS, applyCfnFix, cfnFindings, cfnFlagged, cfnTemplate } from '../../helpers/cloudFormation';
import { embeddedDocuments } from '../../../server/src/service/cfn/embedded';
import { isCloudFormation } from '../../../server/src/service/cfn/template';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/cfn');
const YAML = fs.readFileSync(path.join(FIXTURES, 'labeling.yaml'), 'utf8');
const CDK = fs.readFileSync(path.join(FIXTURES, 'LabelingStack.template.json'), 'utf8');

describe('cfn/checks', () => {
  it('recognises templates by AWSTemplateFormatVersion or by an AWS resource type, not other YAML or JSON', () => {
    assert.ok(isCloudFormation(cfnTemplate(YAML).root));
    assert.ok(isCloudFormation(cfnTemplate(CDK).root));
    assert.ok(isCloudFormation(cfnTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n').root));
    assert.ok(!isCloudFormation(cfnTemplate('name: build\non: [push]\njobs: {}\n').root));
    assert.ok(!isCloudFormation(cfnTemplate('Resources:\n  B:\n    Type: Custom::Thing\n').root));
    assert.ok(!isCloudFormation(cfnTemplate('{"Statement": []}').root));
    assert.ok(cfnTemplate(CDK).cdk);
    assert.ok(!cfnTemplate(YAML).cdk);
  });

  it('reads the documents of every resource type that carries them, with their shapes', () => {
    const documents = embeddedDocuments(cfnTemplate(YAML)).map((d) => `${d.resource.logicalId} ${d.property} ${d.json.shape!.id}`);
    assert.deepEqual(documents, [
      'InputBucket CorsConfiguration.CorsRules CloudFormationCorsRules',
      'InputBucketPolicy PolicyDocument Policy',
      'LabelingRole AssumeRolePolicyDocument Policy',
      'LabelingRole Policies[0].PolicyDocument Policy',
      'Endpoint  VpcEndpoint',
      'Team  CloudFormationWorkteam',
    ]);
    const key = embeddedDocuments(cfnTemplate('Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement: []\n'));
    assert.deepEqual(
      key.map((d) => d.property),
      ['KeyPolicy'],
    );
  });

  it('reports each relevant check on its YAML span', () => {
    assert.deepEqual(
      cfnFindings(YAML).map((f) => [f.code, f.text]),
      LABELING_YAML_FINDINGS.filter(([code]) => code !== 'workteam-missing-ip-restriction'),
    );
    const [cidr] = cfnFindings(YAML).filter((f) => f.code === 'invalid-cidr');
    assert.match(cidr.message, /"203\.0\.113\.0\/33" is not a CIDR block/);
    const [endpoint] = cfnFindings(YAML).filter((f) => f.code === 'interface-endpoint');
    assert.match(endpoint.message, /com\.amazonaws\.<region>\.s3/);
  });

  it("leaves a CloudFormation workteam's restriction to the cross-file pass, which reads UpdateWorkteam files", () => {
    assert.deepEqual(cfnFlagged('workteam-missing-ip-restriction', YAML), []);
  });

  it('reports on a CDK-synthesized template, through its Fn::Join and Fn::GetAtt', () => {
    assert.deepEqual(
      cfnFindings(CDK).map((f) => [f.code, f.text]),
      [
        ['cors-missing-get', '"CorsRules"'],
        ['condition-operator-mismatch', '"StringNotEquals"'],
        ['interface-endpoint', '"Interface"'],
      ],
    );
  });

  describe('quick fixes', () => {
    it('keeps a plain scalar plain, and a quoted one quoted', () => {
      assert.ok(applyCfnFix('unknown-action', YAML, 's3:GetObject').includes('            Action: s3:GetObject\n'));
      assert.ok(applyCfnFix('invalid-enum-value', YAML).includes('          - Effect: Allow\n            Principal:\n'));
      assert.ok(applyCfnFix('invalid-workteam-type', YAML).includes('sagemaker:WorkteamType: public-crowd\n'));
      const quoted = YAML.replace('Action: s3:GetObjekt', "Action: 's3:GetObjekt'");
      assert.ok(applyCfnFix('unknown-action', quoted, 's3:GetObject').includes("Action: 's3:GetObject'\n"));
      const double = YAML.replace('Action: s3:GetObjekt', 'Action: "s3:GetObjekt"');
      assert.ok(applyCfnFix('unknown-action', double, 's3:GetObject').includes('Action: "s3:GetObject"\n'));
      assert.ok(applyCfnFix('unknown-property', YAML).includes('            ExposedHeaders: [ETag]\n'));
    });

    it('adds a CORS rule as a block sequence item at its siblings indentation, in CloudFormation spelling', () => {
      const fixed = applyCfnFix('cors-missing-get', YAML);
      assert.ok(
        fixed.includes(`        CorsRules:
          - AllowedMethods:
              - PUT
            AllowedOrigins:
              - https://uploads.example.com
            ExposeHeaders: [ETag]
          - AllowedHeaders: []
            AllowedMethods:
              - GET
            AllowedOrigins:
              - "*"
            ExposedHeaders:
              - Access-Control-Allow-Origin
  InputBucketPolicy:
`),
        fixed,
      );
      assert.deepEqual(cfnFlagged('cors-missing-get', fixed), []);
    });

    it('adds a CORS rule to a flow sequence as a flow item', () => {
      const flow = `Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules: [{AllowedMethods: [PUT], AllowedOrigins: ['https://a.example.com']}]
`;
      assert.equal(
        applyCfnFix('cors-missing-get', flow),
        flow.replace(
          "'https://a.example.com']}]",
          "'https://a.example.com']}, {AllowedHeaders: [], AllowedMethods: [GET], AllowedOrigins: ['*'], ExposedHeaders: [Access-Control-Allow-Origin]}]",
        ),
      );
    });

    it('renames a YAML key in its own style', () => {
      const example = fs.readFileSync(path.resolve(FIXTURES, '../../../examples/infra/labeling-stack.yaml'), 'utf8');
      const fixed = applyCfnFix('condition-operator-mismatch', example);
      assert.equal(fixed, example.replace('                  StringEquals:\n', '                  IpAddress:\n'));
      assert.deepEqual(cfnFlagged('condition-operator-mismatch', fixed), []);
    });

    it('puts a lone value in a list in YAML', () => {
      const lone = `Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedMethods: GET
            AllowedOrigins: ['*']
`;
      assert.ok(applyCfnFix('wrong-value-type', lone).includes('          - AllowedMethods: [GET]\n'));
    });

    it('writes a value for an empty one after the colon, and never breaks the YAML', () => {
      const empty = `Resources:
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
`;
      const fixed = applyCfnFix('wrong-value-type', empty, 'Put the value in a list');
      assert.equal(fixed, empty.replace('Statement:\n', 'Statement: []\n'));
      assert.deepEqual(cfnFlagged('yaml-syntax', fixed), []);
    });

    it('keeps JSON fixes JSON, with CloudFormation spelling, in the CDK layout', () => {
      const fixed = applyCfnFix('cors-missing-get', CDK);
      assert.ok(fixed.includes('"ExposedHeaders": [\n        "Access-Control-Allow-Origin"\n       ]'), fixed.slice(0, 900));
      assert.doesNotThrow(() => JSON.parse(fixed));
      assert.ok(applyCfnFix('condition-operator-mismatch', CDK).includes('"NotIpAddress": {\n         "aws:SourceIp"'));
    });

    it('offers no fix for a value worked out from an intrinsic: the text there is not the value', () => {
      const [finding] = cfnFindings(YAML).filter((f) => f.text === '!Ref EffectParam');
      assert.deepEqual(finding.finding.fixes, []);
    });
  });

  describe('values the template does not decide', () => {
    const UNDECIDED = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Methods:
    Type: CommaDelimitedList
  Effect:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedMethods: !Ref Methods
            AllowedOrigins: ['*']
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: !Ref Effect
            Principal: '*'
            Action: !ImportValue SharedAction
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
            Condition:
              NotIpAddress:
                aws:SourceIp: !ImportValue OfficeCidr
              StringEquals:
                sagemaker:WorkteamType: !ImportValue TeamType
          - !If [Unknowable, {Effect: Allow}, !Ref AWS::NoValue]
          - Effect: Allow
            Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/x'}
            Action: s3:GetObject
            Resource: !ImportValue BucketArn
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !ImportValue ServiceName
      VpcEndpointType: !ImportValue EndpointType
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !ImportValue KeyPolicy
`;

    it('reports nothing on an unknown !ImportValue or a parameter without a default', () => {
      assert.deepEqual(
        cfnFindings(UNDECIDED).map((f) => [f.code, f.text]),
        [],
      );
    });

    it('reports the same statements once their values are written out', () => {
      const decided = UNDECIDED.replace('!ImportValue OfficeCidr', '203.0.113.0/33')
        .replace('!ImportValue TeamType', 'public_crowd')
        .replace('!ImportValue SharedAction', 's3:GetObjekt');
      assert.deepEqual(
        cfnFindings(decided).map((f) => [f.code, f.text]),
        [
          ['unknown-action', 's3:GetObjekt'],
          ['invalid-cidr', '203.0.113.0/33'],
          ['invalid-workteam-type', 'public_crowd'],
        ],
      );
    });
  });

  it('never throws on half-typed templates', () => {
    for (let cut = 0; cut <= YAML.length; cut += 7) assert.doesNotThrow(() => cfnFindings(YAML.slice(0, cut)), `cut at ${cut}`);
    for (let cut = 0; cut <= CDK.length; cut += 41) assert.doesNotThrow(() => cfnFindings(CDK.slice(0, cut), 'json'), `cut at ${cut}`);
  });
});
