/**
 * examples/ is the workspace `npm start` opens: it must show every check. `gtlint` runs on it as
 * a user would (in the folder, with its .vscode/settings.json), and examples/README.md names every
 * file in it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ALL_CHECKS } from '../../server/src/service/checks/registry';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Checks examples/ does not show, for the reasons examples/README.md gives. */
const NOT_SHOWN = ['template-too-large', 'source-ip-with-vpc-portal'];

interface Finding {
  file: string;
  code: string;
  message: string;
}

function gtlint(cwd: string): Finding[] {
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1, 'the examples hold errors: gtlint exits 1');
  return JSON.parse(run.stdout) as Finding[];
}

const codesOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.code))].sort();

function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('examples/', function () {
  this.timeout(60_000);

  it('shows every registered check but the two its README explains', () => {
    const expected = ALL_CHECKS.map((c) => c.meta.code)
      .filter((code) => !NOT_SHOWN.includes(code))
      .sort();
    assert.deepEqual(codesOf(gtlint(EXAMPLES)), expected);
  });

  it('shows source-ip-with-vpc-portal once a VPC workforce and its workteam are added as its README says, and source-vpc-blocks-workers then speaks only for the workers who come over the internet', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'gt-examples-'));
    try {
      cpSync(EXAMPLES, copy, { recursive: true });
      writeFileSync(
        path.join(copy, 'policies', 'create-workforce-vpc.json'),
        JSON.stringify({
          WorkforceName: 'vpc-portal',
          CognitoConfig: { UserPool: 'us-east-1_AbCdEfGhI', ClientId: '1example23456789abcdefghij' },
          SourceIpConfig: { Cidrs: ['10.0.0.0/16'] },
          WorkforceVpcConfig: { VpcId: 'vpc-0a1b2c3d4e5f67890', SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] },
        }),
      );
      writeFileSync(
        path.join(copy, 'policies', 'create-workteam-vpc.json'),
        JSON.stringify({
          WorkteamName: 'vpc-reviewers',
          WorkforceName: 'vpc-portal',
          Description: 'Reviewers on the VPC portal',
          MemberDefinitions: [
            { CognitoMemberDefinition: { UserPool: 'us-east-1_AbCdEfGhI', UserGroup: 'vpc-reviewers', ClientId: '1example23456789abcdefghij' } },
          ],
          WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } },
        }),
      );
      const findings = gtlint(copy);
      assert.deepEqual(
        findings.filter((f) => f.code === 'source-ip-with-vpc-portal').map((f) => f.file),
        ['policies/create-workteam-vpc.json'],
      );
      // The other workforce still admits workers over the internet: the finding is for them, not for the VPC portal's.
      const vpcOnly = findings.filter((f) => f.code === 'source-vpc-blocks-workers');
      assert.deepEqual(
        vpcOnly.map((f) => f.file),
        ['policies/labeling-bucket-policy.json'],
      );
      assert.match(
        vpcOnly[0].message,
        /the workforce in policies\/.*\.json admits workers to its portal from [0-9./]+, who open presigned URLs over the internet/,
      );
      assert.doesNotMatch(vpcOnly[0].message, /create-workforce-vpc/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('has a README that names every file in it', () => {
    const readme = readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
    const unnamed = filesUnder(EXAMPLES).filter(
      (file) => file !== 'README.md' && !readme.includes(`\`${file}\``) && !readme.includes(`\`${path.basename(file)}\``),
    );
    assert.deepEqual(unnamed, []);
  });
});
