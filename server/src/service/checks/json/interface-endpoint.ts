import type { Node } from 'jsonc-parser';
import { S3_SERVICE_NAME } from '../../domain/s3';
import { member, stringValue, valuesOf } from '../../json/document';
import { UNKNOWN_VALUE } from '../../domain/unknown';
import type { JsonCheck } from '../types';

const ANY_REGION_S3 = `com.amazonaws.${UNKNOWN_VALUE}.s3`;

export const interfaceEndpoint: JsonCheck = {
  meta: {
    code: 'interface-endpoint',
    title: 'S3 interface endpoint',
    description:
      'An S3 VPC endpoint of type `Interface` (`com.amazonaws.<region>.s3`, EC2 CreateVpcEndpoint request or response, or DescribeVpcEndpoints JSON). Presigned URLs from `grant_read_access` / `s3_presign` are not supported through S3 interface endpoints: workers whose S3 traffic goes through it cannot load task data. Use a gateway endpoint.',
    severity: 'warning',
    scope: 'json',
    fixable: false,
  },
  run({ document, report }) {
    if (document.shape?.kind !== 'vpc-endpoint' || !document.root) return;
    const endpoints: Node[] =
      document.shape.id === 'DescribeVpcEndpoints'
        ? valuesOf(member(document.root, 'VpcEndpoints'))
        : document.shape.id === 'CreateVpcEndpointResult'
          ? valuesOf(member(document.root, 'VpcEndpoint'))
          : [document.root];
    for (const endpoint of endpoints) {
      const type = member(endpoint, 'VpcEndpointType');
      const written = stringValue(member(endpoint, 'ServiceName'));
      // `com.amazonaws.${AWS::Region}.s3` in CloudFormation: S3 in whichever region the stack is deployed to.
      const service = written === ANY_REGION_S3 ? 'com.amazonaws.<region>.s3' : written;
      if (stringValue(type) !== 'Interface' || !service || !(S3_SERVICE_NAME.test(service) || written === ANY_REGION_S3)) continue;
      report({
        start: type!.offset,
        end: type!.offset + type!.length,
        message: `An S3 interface endpoint (${service}): presigned URLs from grant_read_access / s3_presign do not work through it, so workers whose S3 traffic uses it cannot load task data. Use a Gateway endpoint for S3.`,
      });
    }
  },
};
