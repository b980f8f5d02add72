import * as assert from 'node:assert/strict';
import { jsonDiagnostics, jsonFlagged } from '../../helpers/service';

describe('interface-endpoint', () => {
  it('reports an S3 interface endpoint', () => {
    const text = '{"VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3", "SubnetIds": ["subnet-1"]}';
    const [seen] = jsonDiagnostics(text).filter((d) => d.code === 'interface-endpoint');
    assert.equal(seen.text, '"Interface"');
    assert.match(
      seen.message,
      /^An S3 interface endpoint \(com\.amazonaws\.eu-west-1\.s3\): presigned URLs from grant_read_access \/ s3_presign do not work through it/,
    );
  });

  it('reports it in DescribeVpcEndpoints output', () => {
    const text =
      '{"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "ServiceName": "com.amazonaws.us-east-1.s3"}, {"VpcEndpointId": "vpce-2", "VpcEndpointType": "Interface", "ServiceName": "com.amazonaws.us-east-1.s3"}]}';
    assert.deepEqual(jsonFlagged('interface-endpoint', text), ['"Interface"']);
  });

  it('reports it in a CreateVpcEndpoint response, with no other finding on the response', () => {
    const text = JSON.stringify({
      VpcEndpoint: {
        VpcEndpointId: 'vpce-0a1b2c3d4e5f',
        VpcEndpointType: 'Interface',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.us-east-1.s3',
        State: 'pending',
        SubnetIds: ['subnet-1'],
        CreationTimestamp: '2026-01-05T10:00:00.000Z',
      },
      ClientToken: 'token-1',
    });
    assert.deepEqual(
      jsonDiagnostics(text).map((d) => [d.code, d.text]),
      [['interface-endpoint', '"Interface"']],
    );
  });

  it('does not report gateway endpoints or interface endpoints of other services', () => {
    assert.deepEqual(
      jsonFlagged('interface-endpoint', '{"VpcEndpointType": "Gateway", "ServiceName": "com.amazonaws.us-east-1.s3", "RouteTableIds": ["rtb-1"]}'),
      [],
    );
    assert.deepEqual(jsonFlagged('interface-endpoint', '{"VpcEndpointType": "Interface", "ServiceName": "com.amazonaws.us-east-1.sagemaker.api"}'), []);
  });
});
