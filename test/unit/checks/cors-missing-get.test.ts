import * as assert from 'node:assert/strict';
import { applyJsonFix, jsonDiagnostics, jsonFlagged } from '../../helpers/service';

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
});
