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

const YAML = fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/cfn/labeling.yaml'), 'utf8');
const at = (span: { start: number; end: number } | undefined) => (span ? YAML.slice(span.start, span.end) : undefined);

describe('cfn/facts', () => {
  const facts = cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', YAML));

  it("names CloudFormation's workteam, which has no access configuration", () => {
    assert.equal(facts.workteam?.name, 'labelers');
    assert.equal(facts.workteam?.access, 'absent');
    assert.equal(facts.workteam?.cloudFormation, true);
    assert.equal(facts.workteam?.request, false);
    assert.equal(at(facts.workteam?.anchor), 'WorkteamName');
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
    assert.equal(facts.cors?.bucket, 'labeling-input');
    assert.equal(facts.cors?.allowsWorkerGet, false);
    assert.equal(at(facts.cors?.anchor), 'CorsRules');
    assert.equal(facts.trust?.roleName, 'LabelingRole');
    // Its Effect is a parameter's default, "allow": not a valid Effect, so no statement lets SageMaker in.
    assert.equal(facts.trust?.sagemaker, undefined);
    assert.equal(facts.trust?.statementPath, undefined);
  });

  it('names the buckets an allow-list is for when the template names them, and no bucket it does not', () => {
    assert.deepEqual(facts.ipGates?.[0].buckets, ['labeling-input']);
    const unnamed = YAML.replace('      BucketName: labeling-input\n', '');
    assert.deepEqual(cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', unnamed)).ipGates?.[0].buckets, []);
  });

  it('leaves out a trust policy whose role the template does not name', () => {
    const unnamed = YAML.replace('      RoleName: LabelingRole\n', '');
    assert.equal(cloudFormationFacts(parseCloudFormation('file:///ws/labeling.yaml', unnamed)).trust, undefined);
  });
});
