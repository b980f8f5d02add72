import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, factsAfterDiagnostics, jsonDiagnostics, jsonFlagged, serviceWith, validatedInSteps } from '../../helpers/service';

const BUCKET = (...cidrs: string[]) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::example-gt-input/*',
          Condition: { NotIpAddress: { 'aws:SourceIp': cidrs } },
        },
      ],
    },
    null,
    2,
  );
const WORKFORCE = (...cidrs: string[]) => JSON.stringify({ WorkforceName: 'wf', SourceIpConfig: { Cidrs: cidrs } }, null, 2);

describe('bucket-ip-allowlist-mismatch', () => {
  it('reports on the bucket policy the workforce blocks it leaves out', () => {
    const [seen] = jsonDiagnostics(BUCKET('203.0.113.0/24'), {
      name: 'bucket-policy.json',
      files: { 'workforce.json': WORKFORCE('203.0.113.0/25', '198.51.100.0/24') },
    }).filter((d) => d.code === 'bucket-ip-allowlist-mismatch');
    assert.equal(seen.text, '"aws:SourceIp"');
    assert.match(seen.message, /^The workforce in workforce\.json admits workers from 198\.51\.100\.0\/24, outside this aws:SourceIp allow-list/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/workforce.json');
  });

  it('reports on the workforce each block outside the allow-list, naming the policy', () => {
    const seen = jsonDiagnostics(WORKFORCE('203.0.113.0/24', '198.51.100.0/24'), {
      name: 'workforce.json',
      files: { 'bucket-policy.json': BUCKET('203.0.113.0/24') },
    }).filter((d) => d.code === 'bucket-ip-allowlist-mismatch');
    assert.deepEqual(
      seen.map((d) => d.text),
      ['"198.51.100.0/24"'],
    );
    assert.match(seen[0].message, /outside the aws:SourceIp allow-list of the bucket policy in bucket-policy\.json of bucket "example-gt-input"/);
  });

  it('reports a workforce that admits any address', () => {
    assert.equal(
      jsonFlagged('bucket-ip-allowlist-mismatch', BUCKET('203.0.113.0/24'), {
        files: { 'workforce.json': '{"WorkforceName": "wf", "CognitoConfig": {"UserPool": "p", "ClientId": "c"}}' },
      }).length,
      1,
    );
  });

  it('does not report blocks covered by the union of the allow-list', () => {
    assert.deepEqual(
      jsonFlagged('bucket-ip-allowlist-mismatch', BUCKET('203.0.113.0/25', '203.0.113.128/25', '2001:db8::/32'), {
        files: { 'workforce.json': WORKFORCE('203.0.113.0/24', '2001:db8:1::/48') },
      }),
      [],
    );
  });

  it('reports a block only partly inside the allow-list, and names the statement that denies', () => {
    const [seen] = jsonDiagnostics(BUCKET('203.0.113.0/25'), { name: 'bucket-policy.json', files: { 'workforce.json': WORKFORCE('203.0.113.0/24') } }).filter(
      (d) => d.code === 'bucket-ip-allowlist-mismatch',
    );
    assert.match(seen.message, /admits workers from 203\.0\.113\.0\/24, outside/);
    const related = seen.diagnostic.relatedInformation!.map((r) => [r.location.uri, r.message]);
    assert.deepEqual(related, [
      ['file:///ws/workforce.json', "The workforce's CIDR blocks in workforce.json"],
      ['file:///ws/bucket-policy.json', 'The statement that denies them'],
    ]);
  });

  // A VPC portal's workers read through a VPC endpoint, where requests carry no aws:SourceIp: NotIpAddress is true
  // for them (IAM: a negated operator is true when the key is absent). The public portal stays open to any address
  // unless SourceIpConfig closes it with a private block.
  it('reports the workers of a VPC portal, and the public portal when SourceIpConfig leaves it open', () => {
    const vpc = (cidrs?: string[]) =>
      JSON.stringify({
        WorkforceName: 'wf',
        ...(cidrs ? { SourceIpConfig: { Cidrs: cidrs } } : {}),
        WorkforceVpcConfig: { VpcId: 'vpc-1', SecurityGroupIds: ['sg-1'], Subnets: ['s-1'] },
      });
    const open = jsonDiagnostics(BUCKET('203.0.113.0/24'), { files: { 'workforce.json': vpc() } }).filter((d) => d.code === 'bucket-ip-allowlist-mismatch');
    assert.deepEqual(
      open.map((d) => d.message.slice(0, 75)),
      [
        'The workforce in workforce.json admits workers from any address, outside th',
        'The workforce in workforce.json has a VPC worker portal: its workers read S',
      ],
    );
    const closed = jsonDiagnostics(BUCKET('203.0.113.0/24'), { files: { 'workforce.json': vpc(['10.0.0.0/16']) } }).filter(
      (d) => d.code === 'bucket-ip-allowlist-mismatch',
    );
    assert.deepEqual(
      closed.map((d) => d.text),
      ['"aws:SourceIp"'],
    );
    assert.match(closed[0].message, /has a VPC worker portal/);
    const exempting = JSON.parse(BUCKET('203.0.113.0/24'));
    exempting.Statement[0].Condition.Null = { 'aws:SourceIp': 'false' };
    assert.deepEqual(jsonFlagged('bucket-ip-allowlist-mismatch', JSON.stringify(exempting), { files: { 'workforce.json': vpc(['10.0.0.0/16']) } }), []);
  });

  it("reports through IAM's recommended form, which exempts only AWS services' requests: a worker's is direct", () => {
    const policy = JSON.parse(BUCKET('203.0.113.0/24'));
    policy.Statement[0].Condition.Bool = { 'aws:ViaAWSService': 'false' };
    assert.deepEqual(jsonFlagged('bucket-ip-allowlist-mismatch', JSON.stringify(policy), { files: { 'workforce.json': WORKFORCE('198.51.100.0/24') } }), [
      '"aws:SourceIp"',
    ]);
  });

  it('does not report a Deny aimed at another principal, or one that exempts principals', () => {
    const workforce = { 'workforce.json': WORKFORCE('198.51.100.0/24') };
    const aimed = (who: object) => {
      const policy = JSON.parse(BUCKET('203.0.113.0/24'));
      delete policy.Statement[0].Principal;
      Object.assign(policy.Statement[0], who);
      return JSON.stringify(policy, null, 2);
    };
    assert.deepEqual(
      jsonFlagged('bucket-ip-allowlist-mismatch', aimed({ Principal: { AWS: 'arn:aws:iam::111122223333:user/analyst' } }), { files: workforce }),
      [],
    );
    const exempting = aimed({ NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/GroundTruthExecution', 'arn:aws:iam::111122223333:root'] } });
    assert.deepEqual(jsonFlagged('bucket-ip-allowlist-mismatch', exempting, { files: workforce }), []);
    assert.deepEqual(
      jsonFlagged('bucket-ip-allowlist-mismatch', WORKFORCE('198.51.100.0/24'), { name: 'workforce.json', files: { 'bucket-policy.json': exempting } }),
      [],
    );
    assert.equal(jsonFlagged('bucket-ip-allowlist-mismatch', aimed({ Principal: { AWS: '*' } }), { files: workforce }).length, 1);
  });

  describe('on a policy validated in steps, whose facts come after its diagnostics', () => {
    /** Runs a validation's steps for a policy opened in an editor, as the server does. */
    const validated = (files: Record<string, string>) => {
      const { service } = serviceWith('', { files });
      const uri = `${ROOT}/bucket-policy.json`;
      service.setDocument(TextDocument.create(uri, 'json', 1, BUCKET('203.0.113.0/24')), { validateNext: true });
      return { service, uri, diagnostics: validatedInSteps(service, uri) };
    };

    it('still reports the workforce: its own check works the facts out when it reads them', () => {
      const { diagnostics } = validated({ 'workforce.json': WORKFORCE('198.51.100.0/24') });
      assert.deepEqual(
        diagnostics.filter((d) => d.code === 'bucket-ip-allowlist-mismatch').map((d) => d.range.start.line),
        [10],
      );
    });

    it('without a workforce, leaves them to factsSteps: the other files see them only then', () => {
      const { service, uri } = validated({ 'template.liquid.html': '<p>{{ task.input.x | grant_read_access }}</p>' });
      const { moved, facts } = factsAfterDiagnostics(service, uri);
      assert.ok(moved);
      assert.equal(facts?.ipGates?.length, 1);
    });
  });
});
