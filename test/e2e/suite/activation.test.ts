import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../../server/src/launch';
import { EXTENSION_ID, SCRIPT, diagnosticsWithCodes, open } from './helpers';

describe('activation', () => {
  it('starts when a template is opened, and its language server reports on it', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);

    const { document } = await open('first.liquid.html', `${SCRIPT}<crowd-form>\n  <crowd-input></crowd-input>\n</crowd-form>\n`);
    assert.equal(document.languageId, 'html');
    await diagnosticsWithCodes(document, ['unnamed-crowd-field']);
    assert.equal(extension.isActive, true);
    await extension.exports.ready;
  });

  it("starts the language server's Node with the flags and environment the bench measures", () => {
    // The extension host forks the server: its child whose command line runs dist/server.js (these machines are Linux).
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          return parent === process.pid ? [{ pid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') }] : [];
        } catch {
          return []; // A process that ended meanwhile.
        }
      });
    const server = children.find(({ argv }) => argv.some((arg) => arg.endsWith('server.js')));
    assert.ok(server, `no language server among the extension host's children: ${JSON.stringify(children)}`);
    const script = server.argv.findIndex((arg) => arg.endsWith('server.js'));
    assert.ok(SERVER_NODE_FLAGS.length > 0);
    for (const flag of SERVER_NODE_FLAGS) assert.ok(server.argv.slice(1, script).includes(flag), `${flag} in ${JSON.stringify(server.argv)}`);
    const environment = readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT))
      assert.ok(environment.includes(`${name}=${value}`), `${name}=${value} in the server's environment`);
  });

  it('gives .liquid files the worker template language', async () => {
    const { document } = await open('snippet.liquid', '{{ task.input.taskObject | grant_read_acess }}\n');
    assert.equal(document.languageId, 'gt-liquid');
    await diagnosticsWithCodes(document, ['unknown-filter']);
  });
});
