/**
 * What a CloudFormation template tells the cross-file checks: its workteam, its bucket policies'
 * IP allow-lists, its CORS rules and its roles' trust, with spans into the template.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudFormationFacts } from '../../../server/src/service/cfn/facts';
import { parseCloudFormation } from '../../../server/src/service/cfn/template';
import { statementFromText } from '../../../server/src/service/policy/evaluate';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateCloudFormation } from '../../helpers/generate';
import { ROOT, factsAfterDiagnostics, serviceWith, validatedInSteps } from '../../helpers/service';

const YAML = fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/cfn/labeling.yaml'), 'utf8');
const at = (span: { start: number; end: number } | undefined) => (span ? YAML.slice(span.start, span.end) : undefined);

describe('cfn/facts', () => {
  const facts = cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', YAML));

  it("names CloudFormation's workteam, which has no access configuration", () => {
    assert.equal(facts.workteams?.[0].name, 'labelers');
    assert.equal(facts.workteams?.[0].access, 'absent');
    assert.equal(facts.workteams?.[0].cloudFormation, true);
    assert.equal(facts.workteams?.[0].request, false);
    assert.equal(at(facts.workteams?.[0].anchor), 'WorkteamName');
  });

  it('keeps a bucket policy allow-list as JSON, with the parameter default it names', () => {
    assert.equal(facts.ipGates?.length, 1);
    const [gate] = facts.ipGates!;
    assert.equal(at(gate.anchor), 'aws:SourceIp');
    assert.equal(at(gate.statement), 'OfficeOnly');
    const statement = statementFromText(gate.text)!;
    assert.equal(statement.effect, 'Deny');
    assert.deepEqual(
      statement.conditions.map((c) => c.values.map((v) => v.value)),
      [['203.0.113.0/33']],
    );
  });

  it("takes a CORS configuration's bucket from BucketName, and a trust policy's role from RoleName", () => {
    assert.equal(facts.cors?.[0].bucket, 'labeling-input');
    assert.equal(facts.cors?.[0].allowsWorkerGet, false);
    assert.equal(at(facts.cors?.[0].anchor), 'CorsRules');
    assert.equal(facts.trusts?.[0].roleName, 'LabelingRole');
    // Its Effect is a parameter's default, "allow": not a valid Effect, so no statement lets SageMaker in.
    assert.equal(facts.trusts?.[0].sagemaker, undefined);
    assert.equal(facts.trusts?.[0].statementPath, undefined);
  });

  it('names the buckets an allow-list is for when the template names them, and no bucket it does not', () => {
    assert.deepEqual(facts.ipGates?.[0].buckets, ['labeling-input']);
    const unnamed = YAML.replace('      BucketName: labeling-input\n', '');
    assert.deepEqual(cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', unnamed)).ipGates?.[0].buckets, []);
  });

  it('leaves out a trust policy whose role the template does not name', () => {
    const unnamed = YAML.replace('      RoleName: LabelingRole\n', '');
    assert.equal(cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', unnamed)).trusts, undefined);
  });

  it('gives every workteam and every bucket with CORS rules of a template, each on its own span', () => {
    const second = YAML.replace(
      '  Team:\n',
      '  Reviewers:\n    Type: AWS::SageMaker::Workteam\n    Properties:\n      WorkteamName: reviewers\n      Description: Reviewers\n      MemberDefinitions: []\n  OutputBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: labeling-output\n      CorsConfiguration:\n        CorsRules:\n          - AllowedMethods: [GET]\n            AllowedOrigins: ["*"]\n  Team:\n',
    );
    const both = cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', second));
    assert.deepEqual(
      both.workteams?.map((w) => [w.name, second.slice(w.anchor.start, w.anchor.end)]),
      [
        ['reviewers', 'WorkteamName'],
        ['labelers', 'WorkteamName'],
      ],
    );
    assert.deepEqual(
      both.cors?.map((c) => [c.bucket, c.allowsWorkerGet]),
      [
        ['labeling-input', false],
        ['labeling-output', true],
      ],
    );
  });
});

describe('cfn/facts of a stack validated in steps, which come after its diagnostics', () => {
  const STACK = generateCloudFormation(3_000);
  /** Runs a validation's steps for a stack opened in an editor, as the server does. */
  const validated = (files: Record<string, string>) => {
    const { service } = serviceWith('', { files });
    const uri = `${ROOT}/labeling.stack.yaml`;
    service.setDocument(TextDocument.create(uri, 'yaml', 1, STACK), { validateNext: true });
    return { service, uri, diagnostics: validatedInSteps(service, uri) };
  };

  it('still reports the workforce: its own check works the facts out when it reads them', () => {
    const { diagnostics } = validated({ 'workforce.json': JSON.stringify({ WorkforceName: 'wf', SourceIpConfig: { Cidrs: ['192.0.2.0/24'] } }) });
    const flagged = diagnostics.filter((d) => d.code === 'bucket-ip-allowlist-mismatch');
    assert.equal(flagged.length, (STACK.match(/AWS::S3::BucketPolicy/g) ?? []).length);
  });

  it('without a workforce, leaves them to factsSteps: the other files see them only then', () => {
    const { service, uri } = validated({ 'template.liquid.html': '<p>{{ task.input.x | grant_read_access }}</p>' });
    const { moved, facts } = factsAfterDiagnostics(service, uri);
    assert.ok(moved);
    assert.equal(facts?.ipGates?.length, (STACK.match(/AWS::S3::BucketPolicy/g) ?? []).length);
  });
});
