/**
 * Settings are files anyone can get wrong: the server warns about a wrong value, ignores it, and
 * keeps validating.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lspClient';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

describe('wrong settings over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-settings-'));
    client = await LspClient.start({
      rootUri: URI.file(folder).toString(),
      settings: { gtTemplates: { sampleInputs: { '*.liquid.html': 5 }, checks: { 'unnamed-crowd-field': 'loud' } } },
    });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('warns about a sample input that is not a path and validates the template anyway', async () => {
    const template = URI.file(path.join(folder, 't.liquid.html')).toString();
    client.open(template, 'html', `${SCRIPT}<crowd-form><crowd-input></crowd-input></crowd-form>`);
    assert.deepEqual(
      (await client.diagnostics(template)).map((d) => d.code),
      ['unnamed-crowd-field'],
    );
    await client.logged(/gtTemplates\.sampleInputs\["\*\.liquid\.html"\] must be a path; 5 is ignored\./);
    await client.logged(/gtTemplates\.checks\.unnamed-crowd-field must be one of error, warning, information, hint, off; "loud" is ignored\./);
    client.setSettings({ gtTemplates: { checks: { 'unnamed-crowd-field': 'off' } } });
    assert.deepEqual(await client.diagnostics(template, (p) => p.diagnostics.length === 0), []);
  });
});
