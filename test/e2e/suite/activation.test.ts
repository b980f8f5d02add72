import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS, WATCHDOG_MS } from '../../../server/src/launch';
import { EXTENSION_ID, SCRIPT, diagnosticsWithCodes, languageServerProcess, open } from './helpers';

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
    const server = languageServerProcess();
    const script = server.argv.findIndex((arg) => arg.endsWith('server.js'));
    assert.ok(SERVER_NODE_FLAGS.length > 0);
    for (const flag of SERVER_NODE_FLAGS) assert.ok(server.argv.slice(1, script).includes(flag), `${flag} in ${JSON.stringify(server.argv)}`);
    const environment = readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT))
      assert.ok(environment.includes(`${name}=${value}`), `${name}=${value} in the server's environment`);
  });

  it('ends a language server that stops answering, and the fresh one reports on the open documents', async function () {
    this.timeout(WATCHDOG_MS + 60_000);
    const { editor, document } = await open('watched.liquid.html', `${SCRIPT}<crowd-form>\n  <crowd-input></crowd-input>\n</crowd-form>\n`);
    await diagnosticsWithCodes(document, ['unnamed-crowd-field']);
    const stuck = languageServerProcess();
    // Stopped, it answers nothing, as a main thread in a loop would: the extension's watchdog ends it.
    process.kill(Number(stuck.pid), 'SIGSTOP');
    try {
      let fresh: { pid: string } | undefined;
      for (const start = Date.now(); !fresh && Date.now() - start < WATCHDOG_MS + 30_000; await new Promise((r) => setTimeout(r, 200))) {
        try {
          const server = languageServerProcess();
          if (server.pid !== stuck.pid) fresh = server;
        } catch {
          // Between the end of one server and the start of the next.
        }
      }
      assert.ok(fresh, `no new language server within ${WATCHDOG_MS / 1000 + 30} s of the old one stopping`);
      // The fresh server has the open document: a change to it is reported on.
      await editor.edit((edit) => edit.insert(new vscode.Position(2, 2), '<crowd-input></crowd-input>'));
      await diagnosticsWithCodes(document, ['unnamed-crowd-field', 'unnamed-crowd-field']);
    } finally {
      try {
        process.kill(Number(stuck.pid), 'SIGCONT');
      } catch {
        // Ended, as it should be.
      }
    }
  });

  it('gives .liquid files the worker template language', async () => {
    const { document } = await open('snippet.liquid', '{{ task.input.taskObject | grant_read_acess }}\n');
    assert.equal(document.languageId, 'gt-liquid');
    await diagnosticsWithCodes(document, ['unknown-filter']);
  });
});
