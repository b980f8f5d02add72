/**
 * The server's open documents (`server/src/editorDocument.ts`) against the document of
 * vscode-languageserver-textdocument, whose behaviour they keep: the same text, line count,
 * positions and offsets, at every offset and position, after random edits that split and join
 * `\r\n`, `\r` and `\n`, reverse their ranges and reach past the end of the text.
 */
import * as assert from 'node:assert/strict';
import { type Position, type Range, TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument, lineStarts } from '../../server/src/editorDocument';
import { random } from '../fuzz/fuzz';

const PIECES = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', 'x\r\ny', '{{ }}', '\u{1F600}', ''];

function text(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

function position(next: () => number, lines: number): Position {
  // Past the last line and past a line's end now and then, as a client may send.
  return { line: Math.floor(next() * (lines + 2)) - (next() < 0.05 ? 1 : 0), character: Math.floor(next() * 12) - (next() < 0.05 ? 1 : 0) };
}

function assertSame(ours: EditorDocument, theirs: TextDocument, context: string): void {
  const content = theirs.getText();
  assert.equal(ours.getText(), content, context);
  assert.equal(ours.lineCount, theirs.lineCount, `${context}: line count`);
  for (let offset = -1; offset <= content.length + 1; offset++) {
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${context}: positionAt(${offset})`);
  }
  for (let line = -1; line <= theirs.lineCount + 1; line++) {
    for (let character = -1; character <= 14; character++) {
      assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${context}: offsetAt(${line}:${character})`);
    }
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${context}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${context}: getEOLCharacters(${line})`);
  }
}

describe('editor documents keep the positions of vscode-languageserver-textdocument', () => {
  it('finds the same line starts in texts with every kind of line break', () => {
    for (const sample of ['', 'a', '\n', '\r', '\r\n', '\n\r', 'a\r\nb\rc\nd', '\r\r\n\n', 'x\r', 'x\r\n', 'é\u{1F600}\ny']) {
      const theirs = TextDocument.create('file:///t', 'plaintext', 1, sample);
      const ours = new EditorDocument('file:///t', 'plaintext', 1, sample);
      assertSame(ours, theirs, JSON.stringify(sample));
    }
    assert.deepEqual(lineStarts('a\r\nb\rc\nd', 10, true), [10, 13, 15, 17]);
    assert.deepEqual(lineStarts('a\nb', 5, false), [7]);
  });

  it('agrees after random edits, full replacements and out-of-order ranges', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const initial = text(next, Math.floor(next() * 80));
      const theirs = TextDocument.create('file:///t', 'html', 1, initial);
      const ours = new EditorDocument('file:///t', 'html', 1, initial);
      for (let step = 0; step < 40; step++) {
        const version = step + 2;
        if (next() < 0.05) {
          const change = { text: text(next, Math.floor(next() * 60)) };
          TextDocument.update(theirs, [change], version);
          ours.update([change], version);
        } else {
          // Ranges within the document: the server clamps the others before they reach either.
          const a = theirs.positionAt(Math.floor(next() * (theirs.getText().length + 1)));
          const b = theirs.positionAt(Math.floor(next() * (theirs.getText().length + 1)));
          const range: Range = next() < 0.5 ? { start: a, end: b } : { start: b, end: a };
          const change = { range, text: text(next, Math.floor(next() * 8)) };
          // Read positions now and then, so that both build their line index and keep it up to date.
          if (next() < 0.5) assert.equal(ours.lineCount, theirs.lineCount);
          TextDocument.update(theirs, [change], version);
          ours.update([change], version);
        }
        assert.equal(ours.version, version);
        if (step % 8 === 7) assertSame(ours, theirs, `seed ${seed}, step ${step}`);
      }
      assertSame(ours, theirs, `seed ${seed}`);
    }
  });

  it('reads a range of the text as the library does', () => {
    const sample = 'one\r\ntwo\nthree\rfour';
    const theirs = TextDocument.create('file:///t', 'plaintext', 1, sample);
    const ours = new EditorDocument('file:///t', 'plaintext', 1, sample);
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const range = { start: position(next, 4), end: position(next, 4) };
      assert.equal(ours.getText(range), theirs.getText(range), JSON.stringify(range));
    }
  });

  it('takes many inserted lines at once (more than splice takes as arguments)', () => {
    const theirs = TextDocument.create('file:///t', 'plaintext', 1, 'a\nb\nc');
    const ours = new EditorDocument('file:///t', 'plaintext', 1, 'a\nb\nc');
    assert.equal(ours.lineCount, 3);
    void theirs.lineCount;
    const change = { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: 'x\n'.repeat(20_000) };
    TextDocument.update(theirs, [change], 2);
    ours.update([change], 2);
    assert.equal(ours.lineCount, 20_002);
    assertSame(ours, theirs, 'many lines');
  });

  it('says where the text changed since an earlier version: one region holding every edit since, the rest the same', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(1000 + seed);
      const initial = text(next, 20 + Math.floor(next() * 80));
      const ours = new EditorDocument('file:///t', 'html', 1, initial);
      const texts = new Map<number, string>([[1, initial]]);
      let since = 1;
      for (let version = 2; version <= 60; version++) {
        // A change within `document`; two in one version, the second within what the first left (as editors send them).
        const change = (document: EditorDocument) => {
          const length = document.getText().length;
          const a = document.positionAt(Math.floor(next() * (length + 1)));
          const b = document.positionAt(Math.floor(next() * (length + 1)));
          return { range: next() < 0.5 ? { start: a, end: b } : { start: b, end: a }, text: text(next, Math.floor(next() * 6)) };
        };
        if (next() < 0.03) {
          ours.update([{ text: text(next, 30) }], version);
          since = version;
        } else if (next() < 0.2) {
          const first = change(ours);
          const after = new EditorDocument('file:///t', 'html', 0, ours.getText());
          after.update([first], 0);
          ours.update([first, change(after)], version);
        } else ours.update([change(ours)], version);
        texts.set(version, ours.getText());
        const now = ours.getText();
        for (const [earlier, then] of texts) {
          const found = ours.changeSince(earlier);
          if (earlier < since) {
            assert.equal(found, undefined, `seed ${seed}: version ${earlier} is before a full replacement`);
            continue;
          }
          assert.ok(found, `seed ${seed}: version ${earlier} of ${version}`);
          const { start, oldEnd, newEnd } = found;
          const context = `seed ${seed}: from version ${earlier} to ${version}, ${JSON.stringify(found)}`;
          assert.equal(then.slice(0, start), now.slice(0, start), context);
          assert.equal(then.slice(oldEnd), now.slice(newEnd), context);
        }
      }
      assert.equal(ours.changeSince(61), undefined, 'a version it never had');
    }
  });

  it('forgets the oldest versions past a few hundred edits', () => {
    const ours = new EditorDocument('file:///t', 'plaintext', 1, 'abc');
    for (let version = 2; version <= 400; version++)
      ours.update([{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }], version);
    assert.equal(ours.changeSince(1), undefined);
    assert.deepEqual(ours.changeSince(399), { start: 1, oldEnd: 1, newEnd: 2 });
    assert.deepEqual(ours.changeSince(300), { start: 1, oldEnd: 1, newEnd: 101 });
    assert.deepEqual(ours.changeSince(400), { start: 402, oldEnd: 402, newEnd: 402 });
  });
});
