/**
 * What `LanguageService.prepareFeatures` reads ahead of a template's first request: the cursor's
 * window, which holds all of a template AWS takes; nothing for a longer template, whose requests
 * each read the window before them, wherever they are (a window read ahead would be one a
 * request in the middle never uses).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateTemplate } from '../../helpers/generate';
import { ROOT, SCRIPT, emptyService } from '../../helpers/service';

// The module object, as the store calls it: a spy on its `prepareCursor` sees every window read ahead.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cursor = require('../../../server/src/service/template/cursor') as typeof import('../../../server/src/service/template/cursor');

describe('preparing a template for its first requests', () => {
  it("reads the cursor's window of a template AWS takes, and nothing of a longer one", () => {
    const read: number[] = [];
    const original = cursor.prepareCursor;
    cursor.prepareCursor = (text: string) => {
      read.push(text.length);
      original(text);
    };
    try {
      const service = emptyService();
      const prepare = (name: string, text: string) => {
        const uri = `${ROOT}/${name}`;
        service.setDocument(TextDocument.create(uri, 'html', 1, text));
        service.prepareFeatures(uri);
      };
      const small = `${SCRIPT}<crowd-form><crowd-input name="a"></crowd-input></crowd-form>`;
      prepare('task.liquid.html', small);
      assert.deepEqual(read, [small.length]);
      const large = generateTemplate(cursor.CURSOR_WINDOW + 20_000);
      assert.ok(large.length > cursor.CURSOR_WINDOW);
      prepare('large.liquid.html', large);
      assert.deepEqual(read, [small.length]);
    } finally {
      cursor.prepareCursor = original;
    }
  });
});
