/**
 * The cases of issue 11, each as gtlint reports it on a folder of files: the finding (or its
 * absence), its severity and the text it highlights. Each case cites the IAM or AWS rule it rests on.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

interface Seen {
  file: string;
  code: string;
  severity: string;
  text: string;
  message: string;
}

interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/** Runs gtlint on the files, and returns its findings with the text each highlights. */
function lint(files: Record<string, string>): { status: number | null; findings: Seen[] } {
  const folder = mkdtempSync(path.join(tmpdir(), 'gtlint-policy-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
    const run = spawnSync(process.execPath, [CLI, '.', '--format', 'json', '--no-config'], { cwd: folder, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.stderr, '');
    const findings = (JSON.parse(run.stdout) as CliFinding[]).map((f) => {
      const lines = readFileSync(path.join(folder, f.file), 'utf8').split('\n');
      const text =
        f.line === f.endLine
          ? lines[f.line - 1].slice(f.column - 1, f.endColumn - 1)
          : [lines[f.line - 1].slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), lines[f.endLine - 1].slice(0, f.endColumn - 1)].join('\n');
      return { file: f.file, code: f.code, severity: f.severity, text, message: f.message };
    });
    return { status: run.status, findings };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const short = (seen: Seen[]) => seen.map((s) => [s.file, s.code, s.severity, s.text]);
const only = (codes: string[], seen: Seen[]) => seen.filter((s) => codes.includes(s.code));

const POLICY_CODES = ['condition-operator-mismatch', 'source-vpc-blocks-workers', 'bucket-ip-allowlist-mismatch', 'source-ip-with-vpc-portal', 'invalid-cidr'];
const VPC_CONFIG = { VpcId: 'vpc-0123456789abcdef0', SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] };
const COGNITO = { UserPool: 'us-east-1_AbCdEfGhI', ClientId: '1example23456789abcdefghij' };
const bucketPolicy = (effect: string, condition: object) =>
  json({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'WorkerReads', Effect: effect, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-gt-input/*', Condition: condition },
    ],
  });

describe('issue 11: policies as IAM evaluates them, through gtlint', function () {
  this.timeout(60_000);

  // IAM condition operators: StringEquals matches exactly, * is a wildcard only in StringLike and the ARN operators.
  it('1. StringEquals with * on sagemaker:WorkteamArn in a Deny: an error, the Deny never applies', () => {
    const { findings } = lint({
      'no-public-crowd.json': json({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: 'sagemaker:CreateLabelingJob',
            Resource: '*',
            Condition: { StringEquals: { 'sagemaker:WorkteamArn': 'arn:aws:sagemaker:*:*:workteam/public-crowd/*' } },
          },
        ],
      }),
    });
    assert.deepEqual(short(findings), [['no-public-crowd.json', 'condition-operator-mismatch', 'error', '"StringEquals"']]);
    assert.match(findings[0].message, /matches no workteam ARN, so the condition never holds: this Deny never applies\. Use ArnLike/);
  });

  // UpdateWorkforce: SourceIpConfig applies to the public portal only; a private CIDR closes it.
  it('2. a VPC workforce with SourceIpConfig 10.0.0.0/16: no finding; SourceIp Enabled on its workteam still is one', () => {
    const workforce = json({
      WorkforceName: 'private-portal',
      CognitoConfig: COGNITO,
      SourceIpConfig: { Cidrs: ['10.0.0.0/16'] },
      WorkforceVpcConfig: VPC_CONFIG,
    });
    assert.deepEqual(lint({ 'workforce.json': workforce }).findings, []);
    const team = json({
      WorkteamName: 'reviewers',
      WorkforceName: 'private-portal',
      Description: 'Reviewers',
      MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, UserGroup: 'reviewers' } }],
      WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } },
    });
    assert.deepEqual(short(only(POLICY_CODES, lint({ 'workforce.json': workforce, 'workteam.json': team }).findings)), [
      ['workteam.json', 'source-ip-with-vpc-portal', 'error', '"Enabled"'],
    ]);
  });

  // Global condition keys: requests through a VPC endpoint carry no aws:SourceIp; a negated operator is true then.
  it('3. a VPC-portal workforce and a Deny with NotIpAddress aws:SourceIp: a warning on both files', () => {
    const { findings } = lint({
      'workforce.json': json({
        WorkforceName: 'private-portal',
        CognitoConfig: COGNITO,
        SourceIpConfig: { Cidrs: ['10.0.0.0/16'] },
        WorkforceVpcConfig: VPC_CONFIG,
      }),
      'bucket-policy.json': bucketPolicy('Deny', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
    });
    assert.deepEqual(short(only(POLICY_CODES, findings)), [
      ['bucket-policy.json', 'bucket-ip-allowlist-mismatch', 'warning', '"aws:SourceIp"'],
      ['workforce.json', 'bucket-ip-allowlist-mismatch', 'warning', '"WorkforceVpcConfig"'],
    ]);
    assert.match(findings.find((f) => f.file === 'workforce.json')!.message, /where requests carry no aws:SourceIp: the Deny in bucket-policy\.json/);
  });

  // IAM: ForAllValues: is true when the key is absent, so such an Allow grants requests without it.
  it('4. an Allow with ForAllValues:StringEquals aws:SourceVpce: a warning that anyone may read from anywhere, not "reads only through the VPC"', () => {
    const { findings } = lint({ 'bucket-policy.json': bucketPolicy('Allow', { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }) });
    assert.deepEqual(short(only(POLICY_CODES, findings)), [['bucket-policy.json', 'condition-operator-mismatch', 'warning', '"ForAllValues:StringEquals"']]);
    assert.match(findings[0].message, /This Allow lets anyone read from anywhere: requests over the internet carry no aws:SourceVpce\./);
  });

  // IAM: ForAnyValue: is false when the key is absent, so internet requests are not denied by it.
  it('5. a Deny with ForAnyValue:StringNotEquals aws:SourceVpce is no worker lock-out', () => {
    const { findings } = lint({
      'bucket-policy.json': bucketPolicy('Deny', { 'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }),
    });
    assert.deepEqual(
      findings.filter((f) => f.code === 'source-vpc-blocks-workers'),
      [],
    );
  });

  // IAM: set operators are for multivalued keys; aws:SourceVpce and aws:SourceVpc are single-valued.
  it('6. set operators on single-valued keys: ForAllValues: a warning, ForAnyValue: information', () => {
    const { findings } = lint({
      'bucket-policy.json': bucketPolicy('Deny', {
        'ForAllValues:StringNotEquals': { 'aws:SourceVpc': 'vpc-0123456789abcdef0' },
        'ForAnyValue:StringNotEquals': { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' },
      }),
    });
    assert.deepEqual(short(only(['condition-operator-mismatch'], findings)), [
      ['bucket-policy.json', 'condition-operator-mismatch', 'warning', '"ForAllValues:StringNotEquals"'],
      ['bucket-policy.json', 'condition-operator-mismatch', 'information', '"ForAnyValue:StringNotEquals"'],
    ]);
  });

  // IAM: Null true matches when the key is absent, as it is on a request over the internet.
  it('7. a Deny with Null aws:SourceVpce true on s3:GetObject: workers on their own networks are locked out', () => {
    const { findings } = lint({ 'bucket-policy.json': bucketPolicy('Deny', { Null: { 'aws:SourceVpce': 'true' } }) });
    assert.deepEqual(short(only(POLICY_CODES, findings)), [['bucket-policy.json', 'source-vpc-blocks-workers', 'warning', '"aws:SourceVpce"']]);
  });

  // Global condition keys: a browser's request is direct, aws:ViaAWSService is false, so IAM's recommended form still denies it.
  it('8. NotIpAddress with Bool aws:ViaAWSService false: the workforce CIDRs outside the list are reported on both files', () => {
    const { findings } = lint({
      'workforce.json': json({ WorkforceName: 'labelers', CognitoConfig: COGNITO, SourceIpConfig: { Cidrs: ['203.0.113.0/24', '198.51.100.0/24'] } }),
      'bucket-policy.json': bucketPolicy('Deny', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:ViaAWSService': 'false' } }),
    });
    assert.deepEqual(short(only(POLICY_CODES, findings)), [
      ['bucket-policy.json', 'bucket-ip-allowlist-mismatch', 'warning', '"aws:SourceIp"'],
      ['workforce.json', 'bucket-ip-allowlist-mismatch', 'warning', '"198.51.100.0/24"'],
    ]);
  });

  it('9. an EC2 CreateVpcEndpoint response for an S3 interface endpoint: interface-endpoint', () => {
    const { findings } = lint({
      'endpoint.json': json({
        VpcEndpoint: {
          VpcEndpointId: 'vpce-0a1b2c3d4e5f67890',
          VpcEndpointType: 'Interface',
          VpcId: 'vpc-0123456789abcdef0',
          ServiceName: 'com.amazonaws.us-east-1.s3',
          State: 'pending',
          SubnetIds: ['subnet-0123456789abcdef0'],
        },
      }),
    });
    assert.deepEqual(short(findings), [['endpoint.json', 'interface-endpoint', 'warning', '"Interface"']]);
  });

  it('10. an AwsManagedHumanLoopRequestSource the SDK does not list: a warning, and gtlint does not fail', () => {
    const { status, findings } = lint({
      'flow.json': json({
        FlowDefinitionName: 'review',
        OutputConfig: { S3OutputPath: 's3://example-a2i-output/review/' },
        RoleArn: 'arn:aws:iam::111122223333:role/A2IReviewRole',
        HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: 'AWS/Bedrock/InvokeModel/Text/V1' },
        HumanLoopConfig: {
          WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/reviewers',
          HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review-ui',
          TaskTitle: 'Review',
          TaskDescription: 'Review the answer',
          TaskCount: 1,
        },
      }),
    });
    assert.deepEqual(short(findings), [['flow.json', 'invalid-enum-value', 'warning', '"AWS/Bedrock/InvokeModel/Text/V1"']]);
    assert.match(findings[0].message, /is not among the values this SDK knows/);
    assert.equal(status, 0);
  });

  // SourceIpConfig applies to the public portal only: a VPC workforce whose public portal is open still has workers over the internet.
  it('a VPC workforce with its public portal open: a Deny requiring the VPC endpoint refuses those workers; closed, it does not', () => {
    const policy = bucketPolicy('Deny', { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } });
    const open = lint({
      'workforce.json': json({
        WorkforceName: 'both-portals',
        CognitoConfig: COGNITO,
        SourceIpConfig: { Cidrs: ['203.0.113.0/24'] },
        WorkforceVpcConfig: VPC_CONFIG,
      }),
      'bucket-policy.json': policy,
    }).findings;
    assert.deepEqual(short(only(['source-vpc-blocks-workers'], open)), [['bucket-policy.json', 'source-vpc-blocks-workers', 'warning', '"aws:SourceVpce"']]);
    assert.match(
      open.find((f) => f.code === 'source-vpc-blocks-workers')!.message,
      /the workforce in workforce\.json admits workers to its public portal from 203\.0\.113\.0\/24, who open presigned URLs over the internet.*close the public portal/,
    );
    const closed = lint({
      'workforce.json': json({ WorkforceName: 'vpc-only', CognitoConfig: COGNITO, SourceIpConfig: { Cidrs: ['10.0.0.0/16'] }, WorkforceVpcConfig: VPC_CONFIG }),
      'bucket-policy.json': policy,
    }).findings;
    assert.deepEqual(only(['source-vpc-blocks-workers'], closed), []);
  });

  // SourceIpConfig: "By default, a workforce isn't restricted to specific IP addresses"; with a VPC portal that is the public portal.
  it('a VPC workforce without SourceIpConfig: its public portal admits any address', () => {
    const { findings } = lint({ 'workforce.json': json({ WorkforceName: 'both-portals', CognitoConfig: COGNITO, WorkforceVpcConfig: VPC_CONFIG }) });
    assert.deepEqual(short(findings), [['workforce.json', 'workforce-missing-ip-restriction', 'warning', '"WorkforceVpcConfig"']]);
    assert.match(findings[0].message, /has a VPC worker portal, but its public portal still accepts workers from any IP address: .* "10\.0\.0\.0\/16"/);
  });

  it('11. a # comment line in JSON: one json-syntax error per line, over the comment', () => {
    const { findings } = lint({
      'workteam.json':
        '{\n  # the reviewers team, made by hand\n  "WorkteamName": "reviewers",\n  "Description": "Reviewers",\n  "MemberDefinitions": [{ "OidcMemberDefinition": { "Groups": ["reviewers"] } }],\n  "WorkerAccessConfiguration": { "S3Presign": { "IamPolicyConstraints": { "SourceIp": "Enabled" } } }\n}\n',
    });
    assert.deepEqual(short(findings), [['workteam.json', 'json-syntax', 'error', '# the reviewers team, made by hand']]);
  });
});
