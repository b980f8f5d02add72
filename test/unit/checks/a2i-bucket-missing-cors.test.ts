import * as assert from 'node:assert/strict';
import { SCRIPT, diagnostics } from '../../helpers/service';

const TEXTRACT = `${SCRIPT}<crowd-form>\n  <crowd-textract-analyze-document src="{{ task.input.aiServiceRequest.document.s3Object.name | grant_read_access }}" initial-value="{{ task.input.selectedAiServiceResponse.blocks }}" header="Review"></crowd-textract-analyze-document>\n</crowd-form>\n`;
const SAMPLE = JSON.stringify({ aiServiceRequest: { document: { s3Object: { bucket: 'a2i-input', name: 's3://a2i-input/forms/1.png' } } } });
const CORS_FOR = (bucket: string, methods: string[]) =>
  JSON.stringify({ Bucket: bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: methods, AllowedOrigins: ['*'] }] } });
const found = (files: Record<string, string>) =>
  diagnostics(TEXTRACT, { files: { 'task.input.json': SAMPLE, ...files } }).filter((d) => d.code === 'a2i-bucket-missing-cors');

describe('a2i-bucket-missing-cors', () => {
  it("reports an A2I template whose bucket's CORS configuration allows no GET", () => {
    const [seen] = found({ 'cors.json': CORS_FOR('a2i-input', ['PUT']) });
    assert.equal(seen.text, 'crowd-textract-analyze-document');
    assert.match(seen.message, /^This Augmented AI template reads from bucket "a2i-input", whose CORS configuration in cors\.json allows no GET/);
    assert.equal(seen.diagnostic.relatedInformation?.[0].location.uri, 'file:///ws/cors.json');
  });

  it("reports when the workspace's CORS configurations are all for other buckets", () => {
    const [seen] = found({ 'cors.other-bucket.json': '{"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}' });
    assert.match(seen.message, /no CORS configuration in the workspace is for it \(cors\.other-bucket\.json is for "other-bucket"\)/);
  });

  it("does not report a bucket with a GET rule, a workspace without CORS files, or a configuration that may be the bucket's", () => {
    assert.deepEqual(found({ 'cors.json': CORS_FOR('a2i-input', ['GET']) }), []);
    assert.deepEqual(found({}), []);
    assert.deepEqual(found({ 'cors.json': '{"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}' }), []);
    assert.deepEqual(
      diagnostics(`${SCRIPT}<crowd-form><img src="{{ task.input.taskObject | grant_read_access }}"></crowd-form>`, {
        files: { 'task.input.json': '{"taskObject": "s3://a2i-input/1.png"}', 'cors.json': CORS_FOR('a2i-input', ['PUT']) },
      }).filter((d) => d.code === 'a2i-bucket-missing-cors'),
      [],
    );
  });
});
