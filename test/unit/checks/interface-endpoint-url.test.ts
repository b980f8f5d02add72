import * as assert from 'node:assert/strict';
import { interfaceEndpointHosts } from '../../../server/src/service/domain/s3';
import { applyFix, flagged } from '../../helpers/service';

const HOST = 'bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com';

describe('interface-endpoint-url', () => {
  it('reports interface endpoint hosts in attributes, scripts, HTML comments and raw text', () => {
    const text = `<img src="https://${HOST}/my-bucket/cat.jpg">\n<script>fetch('https://${HOST}/b/k')</script>\n<!-- ${HOST} -->\n{% raw %}${HOST}{% endraw %}`;
    assert.deepEqual(flagged('interface-endpoint-url', text), [HOST, HOST, HOST, HOST]);
  });

  it('replaces a bucket.vpce host with the regional path-style host', () => {
    assert.equal(
      applyFix('interface-endpoint-url', `<img src="https://${HOST}/my-bucket/cat.jpg"> task.input`),
      '<img src="https://s3.us-east-1.amazonaws.com/my-bucket/cat.jpg"> task.input',
    );
  });

  it('does not report gateway (public) S3 hosts or Liquid comments', () => {
    const text = `<img src="https://my-bucket.s3.us-east-1.amazonaws.com/cat.jpg">{% comment %}${HOST}{% endcomment %} task.input`;
    assert.deepEqual(flagged('interface-endpoint-url', text), []);
  });
});

describe('interfaceEndpointHosts', () => {
  it('finds a host right after a long run of host-name characters (a base64 blob), with its exact start', () => {
    const blob = 'a-'.repeat(50_000);
    const text = `<script>var b = "${blob}"; var u = "https://bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com/k";</script>`;
    assert.deepEqual(
      interfaceEndpointHosts(text).map((m) => text.slice(m.start, m.end)),
      ['bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com'],
    );
  });
});
