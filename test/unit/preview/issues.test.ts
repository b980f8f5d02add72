import * as assert from 'node:assert/strict';
import { issueRange } from '../../../client/src/preview/issues';
import { redact } from '../../../client/src/preview/redact';
import type { PreviewIssue } from '../../../client/src/preview/types';

const TEMPLATE = '<crowd-form>\n  <p>{{ task.input.a | bad }}</p>\n  {% if x %}\n</crowd-form>';
const underlined = (issue: PreviewIssue) => {
  const { start, end } = issueRange(TEMPLATE, issue);
  return TEMPLATE.slice(start, end);
};

describe('preview issues: where a render error belongs', () => {
  it('uses the offsets of the local renderer', () => {
    assert.equal(underlined({ message: 'x', start: TEMPLATE.indexOf('{% if'), end: TEMPLATE.indexOf('%}') + 2 }), '{% if x %}');
  });

  it('underlines the Liquid at a line and column a service message names', () => {
    assert.equal(underlined({ message: 'x', line: 3, column: 3 }), '{% if x %}');
    assert.equal(underlined({ message: 'x', line: 2, column: 6 }), '{{ task.input.a | bad }}');
  });

  it('underlines the rest of the line when the column is not on Liquid, and the line without indentation when there is no column', () => {
    assert.equal(underlined({ message: 'x', line: 2, column: 3 }), '<p>{{ task.input.a | bad }}</p>');
    assert.equal(underlined({ message: 'x', line: 2 }), '<p>{{ task.input.a | bad }}</p>');
  });

  it('puts an issue without a position on the first line, and clamps positions past the end', () => {
    assert.equal(underlined({ message: 'x' }), '<crowd-form>');
    assert.equal(underlined({ message: 'x', line: 99, column: 99 }), '');
  });
});

describe('redaction', () => {
  it('removes query strings (presigned URL credentials) from anything logged or shown', () => {
    const url =
      'https://bkt.s3.us-east-1.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F2024&X-Amz-Security-Token=tok&X-Amz-Signature=abc';
    assert.equal(redact(`failed to load ${url} today`), 'failed to load https://bkt.s3.us-east-1.amazonaws.com/a.jpg?… today');
    assert.equal(redact('X-Amz-Signature=abc&X-Amz-Credential=AKIA'), 'X-Amz-Signature=…&X-Amz-Credential=…');
    assert.equal(redact('no url here'), 'no url here');
  });
});
