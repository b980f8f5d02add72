import * as assert from 'node:assert/strict';
import { diagnostics, flagged } from '../../helpers/service';

describe('presign-non-s3', () => {
  it('reports a literal that is not an S3 reference', () => {
    assert.deepEqual(flagged('presign-non-s3', '<img src="{{ "https://example.com/cat.jpg" | grant_read_access }}">'), ['"https://example.com/cat.jpg"']);
  });

  it('reports a sample input value that is not an S3 reference, naming the file', () => {
    const [seen] = diagnostics('<img src="{{ task.input.img | s3_presign }}">', { files: { 'task.input.json': '{"img": "http://example.com/a.png"}' } }).filter(
      (d) => d.code === 'presign-non-s3',
    );
    assert.equal(seen.text, 'task.input.img');
    assert.match(seen.message, /task\.input\.json/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/task.input.json');
  });

  it('does not report S3 references in any accepted form', () => {
    const refs = [
      's3://my-bucket/a/b.jpg',
      'https://s3.amazonaws.com/my-bucket/a.jpg',
      'https://my-bucket.s3.us-west-2.amazonaws.com/a.jpg',
      'https://s3.eu-west-1.amazonaws.com/my-bucket/a.jpg',
      'https://s3-us-west-2.amazonaws.com/my-bucket/a.jpg',
      'https://my-bucket.s3.dualstack.us-east-1.amazonaws.com/a.jpg',
      'https://my-bucket.s3-fips.us-gov-west-1.amazonaws.com/a.jpg',
      'https://images-123456789012.s3-accesspoint.us-west-2.amazonaws.com/a.jpg',
      'https://s3.cn-north-1.amazonaws.com.cn/my-bucket/a.jpg',
    ];
    const text = refs.map((r) => `{{ "${r}" | grant_read_access }}`).join('\n') + '{{ task.input.img | s3_presign }}';
    assert.deepEqual(flagged('presign-non-s3', text, { files: { 'task.input.json': '{"img": "s3://b/k.png"}' } }), []);
  });
});
