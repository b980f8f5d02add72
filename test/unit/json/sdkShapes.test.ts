/**
 * The SageMaker shapes are generated from the installed SDK: this fails when the committed file
 * and `@aws-sdk/client-sagemaker` disagree (an SDK upgrade), so the difference gets reviewed.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENUMS, SDK_VERSION, STRUCTURES } from '../../../server/src/service/json/generated/sagemakerShapes';
import { ARN_MEMBERS, ENUM_MEMBERS, LIMITS, SAGEMAKER_ROOTS } from '../../../server/src/service/json/sagemakerFacts';
import { sagemakerStructure } from '../../../server/src/service/json/shapes';

const ROOT = path.resolve(__dirname, '../../../..');

describe('SageMaker shapes from the SDK', () => {
  it('match what the installed @aws-sdk/client-sagemaker yields (npm run gen:shapes)', function () {
    this.timeout(30_000);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-sagemaker-shapes.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('come from the pinned SDK version', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies['@aws-sdk/client-sagemaker'], SDK_VERSION);
  });

  it('carry the members, required members and enums the domain relies on', () => {
    assert.deepEqual(STRUCTURES.CreateWorkteamRequest.required, ['WorkteamName', 'MemberDefinitions', 'Description']);
    assert.deepEqual(Object.keys(STRUCTURES.IamPolicyConstraints.members), ['SourceIp', 'VpcSourceIp']);
    assert.deepEqual([...ENUMS.EnabledOrDisabled].sort(), ['Disabled', 'Enabled']);
    assert.deepEqual(STRUCTURES.SourceIpConfig.members.Cidrs, { list: 'string' });
    assert.deepEqual(STRUCTURES.HumanLoopActivationConditionsConfig.members.HumanLoopActivationConditions, 'json');
  });

  it('have every hand-written fact attached to a member that exists', () => {
    for (const key of [...Object.keys(ENUM_MEMBERS), ...Object.keys(LIMITS), ...Object.keys(ARN_MEMBERS)]) {
      const [structure, member] = key.split('.');
      assert.ok(STRUCTURES[structure]?.members[member], `${key} is not a member of the generated shapes`);
    }
    for (const name of Object.values(ENUM_MEMBERS)) assert.ok(ENUMS[name], `enum ${name} was not generated`);
    for (const root of SAGEMAKER_ROOTS) assert.equal(sagemakerStructure(root).name, root);
  });
});
