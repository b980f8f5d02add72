/**
 * YAML templates as the JSON checks' tree: offsets into the YAML text, the short-form tags read as
 * the long form, and a tree (with errors) whatever the input.
 */
import * as assert from 'node:assert/strict';
import { Node, findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { parseYamlTree } from '../../../server/src/service/cfn/yaml';

const plain = (node: Node | undefined): unknown => JSON.parse(JSON.stringify(getNodeValue(node!)));
const spanOf = (text: string, node: Node | undefined) => (node ? text.slice(node.offset, node.offset + node.length) : undefined);

describe('cfn/yaml', () => {
  const TEXT = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${Prefix}-labeling'
      Arn: !GetAtt Other.Arn
      Tags: [{Key: team, Value: !Ref Team}]
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - s3:GetObject
                Resource: !Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]
`;

  it('reads block and flow collections with their YAML spans', () => {
    const { root, errors } = parseYamlTree(TEXT);
    assert.deepEqual(errors, []);
    const at = (...path: (string | number)[]) => spanOf(TEXT, findNodeAtLocation(root!, path));
    assert.equal(at('Resources', 'Role', 'Type'), 'AWS::IAM::Role');
    assert.equal(at('Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Version'), '"2012-10-17"');
    assert.equal(at('Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action', 0), 's3:GetObject');
    assert.equal(at('Resources', 'Role', 'Properties', 'Tags', 0, 'Key'), 'team');
    // A block collection ends with its last value, not with the blank lines after it.
    assert.equal(at('Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action'), '- s3:GetObject');
    const key = findNodeAtLocation(root!, ['Resources', 'Role', 'Type'])!.parent!.children![0];
    assert.equal(spanOf(TEXT, key), 'Type');
  });

  it('reads a short-form tag as the long form, spanning the tag and its value', () => {
    const { root } = parseYamlTree(TEXT);
    const sub = findNodeAtLocation(root!, ['Resources', 'Role', 'Properties', 'RoleName'])!;
    assert.equal(spanOf(TEXT, sub), "!Sub '${Prefix}-labeling'");
    assert.deepEqual(plain(sub), { 'Fn::Sub': '${Prefix}-labeling' });
    assert.equal(spanOf(TEXT, sub.children![0].children![0]), '!Sub');
    assert.deepEqual(plain(findNodeAtLocation(root!, ['Resources', 'Role', 'Properties', 'Arn'])!), { 'Fn::GetAtt': 'Other.Arn' });
    assert.deepEqual(plain(findNodeAtLocation(root!, ['Resources', 'Role', 'Properties', 'Tags', 0, 'Value'])!), { Ref: 'Team' });
    const join = findNodeAtLocation(root!, ['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Resource'])!;
    assert.deepEqual(plain(join), { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] });
    assert.equal(spanOf(TEXT, join), "!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]");
  });

  it('reads every short form CloudFormation has, on scalars, sequences and mappings', () => {
    const text = [
      'A: !Base64 text',
      'B: !Cidr [10.0.0.0/16, 4, 8]',
      'C: !FindInMap [Map, Top, Second]',
      'D: !GetAZs ""',
      'E: !ImportValue Shared-Bucket',
      'F: !Select [0, !Split [",", "a,b"]]',
      'G: !If [IsProd, !Equals [a, b], !Not [!Condition Other]]',
      'H: !And [!Or [!Condition X, !Condition Y], !Condition Z]',
      'I: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
    ].join('\n');
    const { root, errors } = parseYamlTree(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(plain(root!), {
      A: { 'Fn::Base64': 'text' },
      B: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      C: { 'Fn::FindInMap': ['Map', 'Top', 'Second'] },
      D: { 'Fn::GetAZs': '' },
      E: { 'Fn::ImportValue': 'Shared-Bucket' },
      F: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      G: { 'Fn::If': ['IsProd', { 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'Other' }] }] },
      H: { 'Fn::And': [{ 'Fn::Or': [{ Condition: 'X' }, { Condition: 'Y' }] }, { Condition: 'Z' }] },
      I: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    });
  });

  it('reads an alias as the value of its anchor, where the anchor writes it', () => {
    const text = 'A: &cors\n  - AllowedMethods: [GET]\nB: *cors\n';
    const { root } = parseYamlTree(text);
    const b = findNodeAtLocation(root!, ['B', 0, 'AllowedMethods', 0])!;
    assert.equal(b.value, 'GET');
    assert.equal(b.offset, text.indexOf('GET'));
  });

  it('returns errors and a tree for broken YAML, and never throws', () => {
    const half = 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: [a, \n';
    const { root, errors } = parseYamlTree(half);
    assert.ok(errors.length > 0);
    assert.equal(findNodeAtLocation(root!, ['Resources', 'Role', 'Type'])?.value, 'AWS::IAM::Role');
    for (const text of ['', ':', '- - -', '!Ref', '{', 'a: !Sub', '*unknown', '&a [*a]', 'a: b: c', '\t- x'])
      assert.doesNotThrow(() => parseYamlTree(text), text);
  });

  it('stops at a nesting or an alias expansion no template has', () => {
    const deep = parseYamlTree('['.repeat(50_000));
    assert.ok(deep.errors.length > 0);
    // Half a megabyte of brackets took the yaml package past 400 MB, and the process with it.
    const deeper = parseYamlTree(`AWSTemplateFormatVersion: "2010-09-09"\nResources: ${'['.repeat(600_000)}\n`);
    assert.deepEqual(
      deeper.errors.map((e) => e.message),
      ['The YAML is nested too deeply to read'],
    );
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const started = Date.now();
    const bomb = parseYamlTree(laughs.join('\n'));
    assert.ok(Date.now() - started < 2000);
    assert.ok(bomb.errors.some((e) => /aliases/.test(e.message)));
  });
});
