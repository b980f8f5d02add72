import * as assert from 'node:assert/strict';
import { decodeAttributeValue } from '../../../server/src/service/util/htmlEntities';
import { flagged } from '../../helpers/service';

describe('character references in attribute values', () => {
  it('decodes them as a browser does: every named reference, numeric ones, legacy ones without a semicolon', () => {
    assert.equal(decodeAttributeValue('[&quot;a&quot;, &#39;b&#39;, &#x27;c&#x27;]'), `["a", 'b', 'c']`);
    assert.equal(decodeAttributeValue('caf&eacute; &hellip; &rarr; &nbsp;'), 'café … → \u00a0');
    assert.equal(decodeAttributeValue('a&amp;b &lt;i&gt;'), 'a&b <i>');
    // In an attribute a legacy reference followed by a letter or "=" stays as written (query strings).
    assert.equal(decodeAttributeValue('?a=1&copy=2&notit'), '?a=1&copy=2&notit');
    assert.equal(decodeAttributeValue('no references'), 'no references');
  });

  it('let invalid-attribute-value see a value written with named references as the browser does', () => {
    const template = (value: string) =>
      `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form><crowd-classifier name="c" header="h" categories="${value}"></crowd-classifier></crowd-form>`;
    assert.deepEqual(flagged('invalid-attribute-value', template('[&apos;Caf&eacute;&apos;, &apos;Bar&apos;]')), []);
  });
});
