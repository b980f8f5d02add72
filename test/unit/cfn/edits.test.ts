/**
 * The checks' JSON edits written again in a template's syntax: what an edit does is read back,
 * and an edit that cannot be written there is not offered.
 */
import * as assert from 'node:assert/strict';
import { sourceEdits } from '../../../server/src/service/cfn/edits';
import { embeddedDocuments } from '../../../server/src/service/cfn/embedded';
import { parseCloudFormation } from '../../../server/src/service/cfn/template';

const TEXT = `Parameters:
  Methods:
    Type: CommaDelimitedList
    Default: PUT,POST
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedMethods: GET
            AllowedOrigins: ["*"]
          - AllowedMethods: !Ref Methods
            AllowedOrigins: ["*"]
`;

describe('cfn/edits', () => {
  const template = parseCloudFormation('file:///ws/t.yaml', TEXT);
  const [cors] = embeddedDocuments(template);
  const at = (text: string) => TEXT.indexOf(text);

  it('keeps the quotes a scalar had, and writes JSON text for a list as YAML flow', () => {
    const origins = at('"*"');
    assert.deepEqual(sourceEdits(template, cors, [{ start: origins, end: origins + 3, newText: '"https://*.sagemaker.aws"' }]), [
      { start: origins, end: origins + 3, newText: '"https://*.sagemaker.aws"' },
    ]);
    const get = at('GET');
    assert.deepEqual(sourceEdits(template, cors, [{ start: get, end: get + 3, newText: '["GET", "HEAD"]' }]), [
      { start: get, end: get + 3, newText: '[GET, HEAD]' },
    ]);
  });

  it('offers no edit of a value worked out from an intrinsic, nor of one it cannot read', () => {
    const ref = at('!Ref Methods');
    assert.equal(sourceEdits(template, cors, [{ start: ref, end: ref + '!Ref Methods'.length, newText: '["GET"]' }]), undefined);
    const get = at('GET');
    // An alias to an anchor the text does not have.
    assert.equal(sourceEdits(template, cors, [{ start: get, end: get + 3, newText: '[*a]' }]), undefined);
    // An insertion that is no edit json/edit.ts writes.
    assert.equal(sourceEdits(template, cors, [{ start: get, end: get, newText: ', "Other": 1' }]), undefined);
  });
});
