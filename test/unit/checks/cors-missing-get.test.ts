import * as assert from 'node:assert/strict';
import { SCRIPT, applyJsonFix, diagnostics, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

const CORS = `{
  "CORSRules": [
    {
      "AllowedMethods": ["PUT", "POST"],
      "AllowedOrigins": ["https://uploads.example.com"]
    }
  ]
}`;

describe('cors-missing-get', () => {
  it('reports a configuration with no GET from the worker portal', () => {
    const [seen] = jsonDiagnostics(CORS).filter((d) => d.code === 'cors-missing-get');
    assert.equal(seen.text, '"CORSRules"');
    assert.match(seen.message, /^No CORS rule allows GET from the worker portal/);
  });

  it('adds the rule Ground Truth documents', () => {
    assert.equal(
      applyJsonFix('cors-missing-get', CORS),
      `{
  "CORSRules": [
    {
      "AllowedMethods": ["PUT", "POST"],
      "AllowedOrigins": ["https://uploads.example.com"]
    },
    {
      "AllowedHeaders": [],
      "AllowedMethods": [
        "GET"
      ],
      "AllowedOrigins": [
        "*"
      ],
      "ExposeHeaders": [
        "Access-Control-Allow-Origin"
      ]
    }
  ]
}`,
    );
  });

  it('reports GET allowed only from other origins, in a bare list of rules', () => {
    assert.deepEqual(jsonFlagged('cors-missing-get', '[{"AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com"]}]'), ['[']);
  });

  it('does not report GET from *, or from the worker portal origin', () => {
    assert.deepEqual(jsonFlagged('cors-missing-get', '{"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}'), []);
    assert.deepEqual(
      jsonFlagged(
        'cors-missing-get',
        '{"Bucket": "b", "CORSConfiguration": {"CORSRules": [{"AllowedMethods": ["HEAD", "GET"], "AllowedOrigins": ["https://*.labeling.eu-west-1.sagemaker.aws"]}]}}',
      ),
      [],
    );
  });

  it('reads a lone method where S3 wants a list as a2i-bucket-missing-cors does, leaving the type to wrong-value-type', () => {
    const text = '{"Bucket": "a2i-input", "CORSConfiguration": {"CORSRules": [{"AllowedMethods": "GET", "AllowedOrigins": ["*"]}]}}';
    assert.deepEqual(
      jsonDiagnostics(text).map((d) => [d.code, d.text]),
      [['wrong-value-type', '"GET"']],
    );
    const a2i = `${SCRIPT}<crowd-form><crowd-textract-analyze-document src="{{ task.input.aiServiceRequest.document.s3Object.name | grant_read_access }}" initial-value="{{ task.input.selectedAiServiceResponse.blocks }}"></crowd-textract-analyze-document></crowd-form>`;
    assert.deepEqual(
      diagnostics(a2i, { files: { 'task.input.json': '{"document": "s3://a2i-input/forms/1.png"}', 'cors.json': text } }).filter(
        (d) => d.code === 'a2i-bucket-missing-cors',
      ),
      [],
    );
    const put = text.replace('"GET"', '"PUT"');
    assert.deepEqual(jsonFlagged('cors-missing-get', put), ['"CORSRules"']);
    assert.equal(
      diagnostics(a2i, { files: { 'task.input.json': '{"document": "s3://a2i-input/forms/1.png"}', 'cors.json': put } }).filter(
        (d) => d.code === 'a2i-bucket-missing-cors',
      ).length,
      1,
    );
  });
});
