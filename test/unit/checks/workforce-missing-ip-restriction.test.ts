import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

describe('workforce-missing-ip-restriction', () => {
  it('reports a workforce with neither CIDRs nor a VPC portal', () => {
    const [seen] = jsonDiagnostics('{"WorkforceName": "wf", "CognitoConfig": {"UserPool": "us-east-1_A", "ClientId": "c"}}').filter(
      (d) => d.code === 'workforce-missing-ip-restriction',
    );
    assert.equal(seen.text, '"WorkforceName"');
    assert.match(seen.message, /^Workforce "wf" accepts workers from any IP address: list your workers' public address ranges in SourceIpConfig\.Cidrs/);
  });

  it('reports an update that empties the CIDR list', () => {
    const [seen] = jsonDiagnostics('{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": []}}', { name: 'update-workforce.json' }).filter(
      (d) => d.code === 'workforce-missing-ip-restriction',
    );
    assert.equal(seen.text, '"SourceIpConfig"');
    assert.match(seen.message, /an empty Cidrs list removes the restriction/);
  });

  it('reports a VPC portal without CIDRs (its public portal admits anyone), not one whose public portal is closed', () => {
    const vpc = '"WorkforceVpcConfig": {"VpcId": "vpc-1", "SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}';
    assert.deepEqual(jsonFlagged('workforce-missing-ip-restriction', `{"WorkforceName": "wf", ${vpc}}`), ['"WorkforceVpcConfig"']);
    assert.deepEqual(jsonFlagged('workforce-missing-ip-restriction', `{"WorkforceName": "wf", ${vpc}, "SourceIpConfig": {"Cidrs": []}}`), ['"SourceIpConfig"']);
    assert.deepEqual(jsonFlagged('workforce-missing-ip-restriction', `{"WorkforceName": "wf", ${vpc}, "SourceIpConfig": {"Cidrs": ["10.0.0.0/16"]}}`), []);
  });

  it('does not report CIDRs, or an update that leaves SourceIpConfig alone', () => {
    assert.deepEqual(jsonFlagged('workforce-missing-ip-restriction', '{"WorkforceName": "wf", "SourceIpConfig": {"Cidrs": ["203.0.113.0/24"]}}'), []);
    assert.deepEqual(
      jsonFlagged('workforce-missing-ip-restriction', '{"WorkforceName": "wf", "IpAddressType": "dualstack"}', { name: 'update-workforce.json' }),
      [],
    );
  });
});
