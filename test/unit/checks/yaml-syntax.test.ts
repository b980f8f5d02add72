import * as assert from 'node:assert/strict';
import { cfnFindings, cfnFlagged } from '../../helpers/cloudFormation';
import { jsonFlagged } from '../../helpers/service';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedMethods: [GET]
            AllowedOrigins: ['*']
`;

describe('yaml-syntax', () => {
  it('reports a tab in the indentation, where it is, once', () => {
    const text = TEMPLATE.replace('    Type: AWS::S3::Bucket', '\tType: AWS::S3::Bucket');
    const seen = cfnFindings(text).filter((f) => f.code === 'yaml-syntax');
    // Once: the parser's follow-on errors on the same line say nothing more.
    assert.deepEqual(
      seen.map((f) => [f.text, f.message]),
      [['\t', 'Tabs are not allowed as indentation.']],
    );
    const [first] = seen;
    assert.equal(first.finding.start, text.indexOf('\t'));
  });

  it('still runs the other checks on what parsed', () => {
    const text = TEMPLATE.replace('[GET]', '[PUT]').replace("AllowedOrigins: ['*']", "AllowedOrigins: ['*'\n  Broken: [");
    const codes = cfnFindings(text).map((f) => f.code);
    assert.ok(codes.includes('yaml-syntax'));
    assert.ok(codes.includes('cors-missing-get'));
  });

  it('reports an unclosed flow collection and an unclosed quote', () => {
    assert.ok(cfnFlagged('yaml-syntax', TEMPLATE.replace("AllowedOrigins: ['*']", "AllowedOrigins: ['*'")).length > 0);
    const quote = cfnFindings(TEMPLATE.replace("AllowedOrigins: ['*']", "AllowedOrigins: ['*]")).filter((f) => f.code === 'yaml-syntax');
    assert.ok(quote.some((f) => /quote/.test(f.message)));
  });

  it('does not report a well-formed template, a JSON template, or loose JSON', () => {
    assert.deepEqual(cfnFlagged('yaml-syntax', TEMPLATE), []);
    assert.deepEqual(cfnFlagged('cors-missing-get', TEMPLATE), []);
    // JSON's own syntax errors are json-syntax's.
    const json = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket",}}}';
    assert.deepEqual(cfnFlagged('yaml-syntax', json, 'json'), []);
    assert.deepEqual(cfnFlagged('json-syntax', json, 'json'), [',']);
    assert.deepEqual(jsonFlagged('yaml-syntax', '{"Statement": [}'), []);
  });
});
