/**
 * When the server prepares a document's first requests (`LanguageService.prepareFeatures`):
 * before its first diagnostics only for a template the cursor's one window holds whole (every
 * template AWS takes), whose first request would otherwise wait for it; after them for JSON; and
 * not at all for a template longer than the window, whose requests each read the window before them.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CURSOR_WINDOW } from '../../../server/src/service/template/cursor';
import { generateTemplate } from '../../helpers/generate';
import { ROOT, SCRIPT, emptyService } from '../../helpers/service';

describe('preparing the first requests', () => {
  it('comes before the first diagnostics for a template of one window, after them otherwise', () => {
    const service = emptyService();
    const open = (name: string, languageId: string, text: string) => {
      const uri = `${ROOT}/${name}`;
      service.setDocument(TextDocument.create(uri, languageId, 1, text));
      return service.preparesBeforeDiagnostics(uri);
    };
    assert.equal(open('task.liquid.html', 'html', `${SCRIPT}<crowd-form><crowd-input name="a"></crowd-input></crowd-form>`), true);
    assert.equal(open('bucket.policy.json', 'json', '{"Version": "2012-10-17", "Statement": []}'), false);
    const large = generateTemplate(CURSOR_WINDOW + 20_000);
    assert.ok(large.length > CURSOR_WINDOW);
    assert.equal(open('large.liquid.html', 'html', large), false);
    assert.equal(service.preparesBeforeDiagnostics(`${ROOT}/missing.liquid.html`), false);
  });
});
