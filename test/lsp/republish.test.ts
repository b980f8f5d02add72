/**
 * A document validated again at the same version with the same findings (the settings were read
 * again and changed nothing) is not published again; a change that alters its findings is.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lspClient';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

describe('publishing diagnostics once per version and content', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-republish-'));
    client = await LspClient.start({ rootUri: URI.file(folder).toString(), settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('sends nothing when settings are read again unchanged, and the new findings when a severity changes', async () => {
    const template = URI.file(path.join(folder, 't.liquid.html')).toString();
    client.open(template, 'html', `${SCRIPT}<crowd-form><crowd-input></crowd-input></crowd-form>`);
    assert.deepEqual(
      (await client.diagnosticsFor(template, 1)).map((d) => [d.code, d.severity]),
      [['unnamed-crowd-field', 2]],
    );
    const before = client.publishCounts.get(template);
    // Read again unchanged: validated again, not sent. Were it sent, the count below would be two more.
    client.setSettings({ gtTemplates: {} });
    client.setSettings({ gtTemplates: { checks: { 'unnamed-crowd-field': 'hint' } } });
    const hinted = await client.diagnostics(template, (p) => p.diagnostics.some((d) => d.severity === 4));
    assert.deepEqual(
      hinted.map((d) => [d.code, d.severity]),
      [['unnamed-crowd-field', 4]],
    );
    assert.equal(client.publishCounts.get(template), before! + 1);
  });
});
