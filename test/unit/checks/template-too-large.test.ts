import * as assert from 'node:assert/strict';
import { diagnostics, flagged } from '../../helpers/service';

describe('template-too-large', () => {
  it('reports a template over 128,000 characters at the line where the limit falls', () => {
    const line = '<p>' + 'x'.repeat(95) + '</p>\n';
    const text = line.repeat(1300);
    const [seen] = diagnostics(text).filter((d) => d.code === 'template-too-large');
    assert.ok(seen);
    assert.match(seen.message, new RegExp(`${text.length.toLocaleString('en-US')} characters; UiTemplate.Content accepts at most 128,000`));
    assert.equal(seen.diagnostic.range.start.line, Math.floor(128_000 / line.length));
    assert.ok(seen.text.length < line.length);
  });

  it('does not report a template of exactly 128,000 characters', () => {
    assert.deepEqual(flagged('template-too-large', 'task.input ' + 'x'.repeat(128_000 - 11)), []);
  });
});

describe('template-too-large on files far over the limit', () => {
  it('is the only check on a file over 1 MB, and says so', () => {
    const huge = `<crowd-form>${'<crowd-input></crowd-input>{{ x | frobnicate }}\n'.repeat(25_000)}</crowd-form>`;
    const seen = diagnostics(huge);
    assert.deepEqual(
      seen.map((d) => d.code),
      ['template-too-large'],
    );
    assert.match(seen[0].message, /The other checks are off for files over 1 MB\./);
  });
});
