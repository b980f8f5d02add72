import * as assert from 'node:assert/strict';
import { jsonHoverText } from '../../helpers/service';

const UPDATE = { name: 'update-workteam.json' };
const constraints = (inner: string) => `{"WorkteamName": "t", "WorkerAccessConfiguration": {"S3Presign": {"IamPolicyConstraints": ${inner}}}}`;

describe('JSON hover', () => {
  it('explains what SourceIp: Enabled does to presigned URLs, and when it fails', () => {
    const text = jsonHoverText(constraints('{"Sour█ceIp": "Enabled"}'), UPDATE)!;
    assert.match(text, /works only from the IP address from which that worker opened the task/);
    assert.match(text, /over the internet but S3 over a VPC endpoint/);
    assert.match(text, /NAT with several public addresses/);
    assert.match(text, /split-tunnel VPN/);
    assert.match(text, /interface\*\* endpoints: use an S3 gateway endpoint/);
  });

  it('says the CIDR list lives on the workforce', () => {
    assert.match(
      jsonHoverText('{"WorkteamName": "t", "Worker█AccessConfiguration": {}}', UPDATE)!,
      /CIDR blocks is \*\*not\*\* set here: it is the workforce's `SourceIpConfig.Cidrs`/,
    );
    assert.match(jsonHoverText('{"WorkforceName": "wf", "SourceIpConfig": {"Ci█drs": ["203.0.113.0/24"]}}')!, /1 to 10 CIDR blocks/);
  });

  it('explains the value under the cursor', () => {
    assert.match(jsonHoverText(constraints('{"SourceIp": "Disa█bled"}'), UPDATE)!, /`Disabled`: Presigned URLs work from any address until they expire/);
  });

  it('shows limits and whether a member is required', () => {
    assert.match(
      jsonHoverText('{"WorkteamName": "t", "Desc█ription": "x", "MemberDefinitions": []}')!,
      /Required by CreateWorkteamRequest\. A string \(1-200 characters\)\./,
    );
    assert.match(jsonHoverText('{"FlowDefinitionName": "f", "RoleArn": "r", "HumanLoopConfig": {"Task█Count": 1}}')!, /1 to 3/);
  });

  it('explains condition keys with their operators, and operators with their prefixes and suffix', () => {
    const key = jsonHoverText('{"Statement": {"Effect": "Deny", "Action": "*", "Condition": {"NotIpAddress": {"aws:Sou█rceIp": "203.0.113.0/24"}}}}')!;
    assert.match(key, /absent on requests that arrive through a VPC endpoint/);
    assert.match(key, /Operators: IpAddress, NotIpAddress\./);
    const operator = jsonHoverText(
      '{"Statement": {"Effect": "Deny", "Action": "*", "Condition": {"ForAnyValue:ArnLikeIf█Exists": {"sagemaker:WorkteamArn": "arn:aws:sagemaker:*:*:workteam/private-crowd/*"}}}}',
    )!;
    assert.match(operator, /\*\*ArnLike\*\*: ARN comparison, component by component/);
    assert.match(operator, /`IfExists` \(suffix\)/);
    assert.match(
      jsonHoverText('{"Statement": {"Effect": "Deny", "Action": "*", "Condition": {"StringEquals": {"sagemaker:Workteam█Type": "public-crowd"}}}}')!,
      /public-crowd.*Amazon Mechanical Turk/,
    );
  });

  it('explains why an S3 interface endpoint breaks presigned URLs', () => {
    assert.match(
      jsonHoverText('{"ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "Inter█face"}')!,
      /do not work through S3 interface endpoints/,
    );
  });

  it('shows nothing in JSON files that are none of ours', () => {
    assert.equal(jsonHoverText('{"na█me": "pkg"}', { name: 'package.json' }), undefined);
  });
});
