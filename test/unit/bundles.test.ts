/**
 * The bundles the build writes (`scripts/build.mjs`). V8 keeps a script's source for as long as
 * its functions live (to compile them when first called), in one byte a character when every
 * character fits, in two otherwise: one arrow in a comment doubled the server's 2.2 MB source.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '../../../dist');

describe('Bundles', () => {
  for (const name of ['server.js', 'cli.js', 'extension.js']) {
    it(`${name} is ASCII, so that V8 holds its source in one byte a character`, () => {
      const text = readFileSync(path.join(DIST, name), 'utf8');
      const other = /[\u0080-\u{10ffff}]/u.exec(text);
      assert.equal(
        other,
        null,
        other ? `${JSON.stringify(other[0])} at ${other.index}: ${JSON.stringify(text.slice(other.index - 40, other.index + 10))}` : '',
      );
    });
  }
});
