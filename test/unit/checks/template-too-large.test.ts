import * as assert from 'node:assert/strict';
import { diagnostics, flagged } from '../../helpers/service';

describe('template-too-large', () => {
  it('reports a template over 128,000 characters at the line where the limit falls', () => {
    const line = '<p>' + 'x'.repeat(95) + '</p>\n';
    const text = line.repeat(1300);
    const [seen] = diagnostics(text).filter((d) => d.code === 'template-too-large');
    assert.ok(seen);
    assert.match(seen.message, new RegExp(`${text.length.toLocaleString('en-US')} characters; UiTemplate.Content accepts at most 128,000`));
    // Lines of 103 characters: the 128,001st character is the 75th of line 1242 (0-based), inside the x's.
    assert.deepEqual(seen.diagnostic.range, { start: { line: 1242, character: 74 }, end: { line: 1242, character: 102 } });
    assert.equal(seen.text, `${'x'.repeat(24)}</p>`);
  });

  it('highlights one character when the limit falls at the end of a line or of the file', () => {
    const atLineEnd = diagnostics(`${'x'.repeat(128_000)}\n${'y'.repeat(10)}`).find((d) => d.code === 'template-too-large')!;
    assert.deepEqual(atLineEnd.diagnostic.range, { start: { line: 0, character: 128_000 }, end: { line: 1, character: 0 } });
    const lastLine = diagnostics(`${'x'.repeat(128_000)}yz`).find((d) => d.code === 'template-too-large')!;
    assert.equal(lastLine.text, 'y');
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
