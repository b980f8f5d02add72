import { interfaceEndpointHosts } from '../../domain/s3';
import type { TemplateCheck } from '../types';

export const interfaceEndpointUrl: TemplateCheck = {
  meta: {
    code: 'interface-endpoint-url',
    title: 'S3 interface endpoint in a template',
    description:
      'An S3 interface-endpoint host name (`*.vpce-*.s3.<region>.vpce.amazonaws.com`). Presigned URLs from `grant_read_access` / `s3_presign` are not supported through S3 interface endpoints; workers in a VPC need an S3 gateway endpoint and the public S3 host names.',
    severity: 'error',
    scope: 'template',
    fixable: true,
  },
  run({ text, document, report }) {
    for (const { start, end, host } of interfaceEndpointHosts(text)) {
      // Liquid comments never reach the page.
      if (document.liquidVerbatim.some((r) => r.kind === 'comment' && start >= r.start && end <= r.end)) continue;
      const region = /\.s3\.([a-z0-9-]+)\.vpce\.amazonaws\.com$/i.exec(host)?.[1];
      // `bucket.vpce-…` hosts take the bucket in the path, exactly like the regional path-style host.
      const pathStyle = /^(?:bucket\.)?vpce-/i.test(host);
      report({
        start,
        end,
        message: `"${host}" is an S3 interface endpoint: presigned URLs (grant_read_access, s3_presign) do not work through it. Use an S3 gateway endpoint and the regional S3 host name.`,
        fixes: region && pathStyle ? [{ title: `Use s3.${region}.amazonaws.com`, edits: [{ start, end, newText: `s3.${region}.amazonaws.com` }] }] : undefined,
      });
    }
  },
};
