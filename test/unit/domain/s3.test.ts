import * as assert from 'node:assert/strict';
import { canonicalS3Uri, mappedPath } from '../../../server/src/render/presign';
import { bucketOf, isS3Reference, parseS3Reference } from '../../../server/src/service/domain/s3';
import { flagged } from '../../helpers/service';

/** Every host form S3 serves presigned URLs from, and forms that are not S3 at all. */
const S3_URLS: [string, { bucket: string; key: string; region?: string }][] = [
  ['s3://bkt/a/b.jpg', { bucket: 'bkt', key: 'a/b.jpg' }],
  ['https://s3.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: undefined }],
  ['https://s3.eu-west-1.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'eu-west-1' }],
  ['https://s3-us-west-2.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'us-west-2' }],
  ['https://s3-external-1.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'us-east-1' }],
  ['https://bkt.s3-external-1.amazonaws.com/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'us-east-1' }],
  ['https://s3-fips.us-gov-west-1.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'us-gov-west-1' }],
  ['https://bkt.s3-fips.dualstack.us-east-1.amazonaws.com/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'us-east-1' }],
  ['https://s3.dualstack.ap-south-1.amazonaws.com/bkt/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'ap-south-1' }],
  ['https://my.bkt.s3.us-gov-west-1.amazonaws.com/k/l', { bucket: 'my.bkt', key: 'k/l', region: 'us-gov-west-1' }],
  ['https://bkt.s3.cn-north-1.amazonaws.com.cn/k.jpg', { bucket: 'bkt', key: 'k.jpg', region: 'cn-north-1' }],
  ['https://ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k.jpg', { bucket: 'ap-123456789012', key: 'k.jpg', region: 'us-west-2' }],
];
const NOT_S3 = [
  'https://example.com/bkt/k.jpg',
  'http://s3.amazonaws.com/bkt/k.jpg',
  'https://bkt.s3-website-us-east-1.amazonaws.com/k.jpg',
  'https://s3.amazonaws.com/bkt',
  's3://bkt',
  'https://bkt.s3.amazonaws.com/',
];

describe('S3 references: one grammar for the checks, completion and the preview', () => {
  it('reads bucket, key and region from every S3 endpoint form', () => {
    for (const [url, object] of S3_URLS) assert.deepEqual(parseS3Reference(url), object, url);
  });

  it('refuses what S3 does not presign: other hosts, plain HTTP, website endpoints, no key', () => {
    for (const url of NOT_S3) assert.equal(parseS3Reference(url), undefined, url);
  });

  it('the presign-non-s3 check, bucketOf and the preview take exactly the same references', () => {
    for (const url of [...S3_URLS.map(([u]) => u), ...NOT_S3]) {
      const s3 = parseS3Reference(url) !== undefined;
      assert.equal(isS3Reference(url), s3, url);
      assert.equal(bucketOf(url) !== undefined, s3, url);
      // The preview: a placeholder names the object as s3://bucket/key, and a file mapping finds it.
      const object = parseS3Reference(url);
      assert.equal(canonicalS3Uri(url), object ? `s3://${object.bucket}/${object.key}` : url, url);
      assert.equal(mappedPath(url, { 's3://bkt/': 'files/' }) !== undefined, object?.bucket === 'bkt', url);
      const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form><img src="{{ '${url}' | grant_read_access }}"></crowd-form>`;
      assert.equal(flagged('presign-non-s3', template).length > 0, !s3, `presign-non-s3 on ${url}`);
    }
  });
});
