import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const VPC = '"WorkforceVpcConfig": {"VpcId": "vpc-1", "SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}';
const WORKFORCE = `{\n  "WorkforceName": "wf",\n  "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]},\n  ${VPC}\n}`;
const TEAM = (constraints: string) =>
  `{"WorkteamName": "t", "WorkforceName": "wf", "Description": "d", "MemberDefinitions": [], "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": ${constraints}}}}`;

describe('source-ip-with-vpc-portal', () => {
  // UpdateWorkforce: the CIDRs apply to the public portal only; a private one (10.0.0.0/16) closes it, leaving the VPC portal.
  it('does not report a workforce with both SourceIpConfig and a VPC portal: that is how the public portal is closed', () => {
    assert.deepEqual(jsonFlagged('source-ip-with-vpc-portal', WORKFORCE), []);
    const closed = WORKFORCE.replace('203.0.113.0/24', '10.0.0.0/16');
    assert.deepEqual(
      jsonDiagnostics(closed).map((d) => d.code),
      [],
    );
  });

  it('reports a workteam enabling SourceIp when its workforce has a VPC portal, naming the workforce file', () => {
    const files = { 'workforce.json': `{"WorkforceName": "wf", ${VPC}}` };
    const [seen] = jsonDiagnostics(TEAM('{"SourceIp": "Enabled"}'), { name: 'workteam.json', files }).filter((d) => d.code === 'source-ip-with-vpc-portal');
    assert.equal(seen.text, '"Enabled"');
    assert.match(seen.message, /^The workforce "wf" in workforce\.json has its worker portal in a VPC/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/workforce.json');
    assert.equal(
      applyJsonFix('source-ip-with-vpc-portal', TEAM('{"SourceIp": "Enabled"}'), 'VpcSourceIp', { name: 'workteam.json', files }),
      TEAM('{"VpcSourceIp": "Enabled"}'),
    );
  });

  it('does not report CIDRs without a VPC, VpcSourceIp with a VPC portal, or a workteam of another workforce', () => {
    assert.deepEqual(jsonFlagged('source-ip-with-vpc-portal', '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]}}'), []);
    const files = { 'workforce.json': `{"WorkforceName": "wf", ${VPC}}` };
    assert.deepEqual(jsonFlagged('source-ip-with-vpc-portal', TEAM('{"VpcSourceIp": "Enabled"}'), { name: 'workteam.json', files }), []);
    assert.deepEqual(
      jsonFlagged('source-ip-with-vpc-portal', TEAM('{"SourceIp": "Enabled"}').replace('"WorkforceName": "wf"', '"WorkforceName": "other"'), {
        name: 'workteam.json',
        files,
      }),
      [],
    );
  });
});
