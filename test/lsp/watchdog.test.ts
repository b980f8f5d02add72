/**
 * Who ends a server whose main thread stops turning (docs/decisions/0010), over LSP. A client that
 * says it watches (the extension's does, `client/src/watchdog.ts`) is told the server's process id
 * and gets its pings answered between the steps of a long validation, and the server runs no
 * watchdog thread of its own (about 10 MB); any other client gets the server's own watchdog
 * (`server/src/watchdog.ts`, whose ending of a stuck thread `test/unit/watchdog.test.ts` shows).
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALIVE_REQUEST, WATCHDOG_MS } from '../../server/src/launch';
import { generatePolicy } from '../helpers/generate';
import { LspClient } from '../helpers/lspClient';

const threads = (client: LspClient) => readdirSync(`/proc/${client.process.pid}/task`).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the watchdog over a server, over LSP', function () {
  this.timeout(60_000);

  it('a server its client watches tells its process id and runs one thread fewer than one that watches itself', async () => {
    const watched = await LspClient.start({ settings: { gtTemplates: {} } });
    const alone = await LspClient.start({ settings: { gtTemplates: {} }, clientWatchdog: false });
    try {
      assert.deepEqual(watched.initializeResult.gtTemplates, { processId: watched.process.pid });
      assert.deepEqual(alone.initializeResult.gtTemplates, {});
      await settle();
      assert.equal(threads(alone), threads(watched) + 1);
    } finally {
      await Promise.all([watched.stop(), alone.stop()]);
    }
  });

  it('answers pings between the steps of a 900 KB policy validation', async () => {
    const client = await LspClient.start({ rootUri: 'file:///watchdog', settings: { gtTemplates: {} } });
    try {
      const uri = 'file:///watchdog/bucket.policy.json';
      const text = generatePolicy(900_000);
      const sid = TextDocument.create(uri, 'json', 1, text).positionAt(text.indexOf('"Sid": "', text.length / 2) + 9);
      const slowest: number[] = [];
      // The first validation, then one after a keystroke in a Sid; pings go out meanwhile, one at a time.
      for (let version = 1; version <= 2; version++) {
        if (version === 1) client.open(uri, 'json', text);
        else client.change(uri, [{ range: { start: sid, end: sid }, text: 'x' }]);
        let published = false;
        const diagnostics = client.diagnosticsFor(uri, version).then(() => (published = true));
        let longest = 0;
        do {
          const start = performance.now();
          assert.deepEqual(await client.connection.sendRequest(ALIVE_REQUEST), {});
          longest = Math.max(longest, performance.now() - start);
          await new Promise((resolve) => setTimeout(resolve, 20));
        } while (!published);
        await diagnostics;
        slowest.push(longest);
      }
      // Far inside the budget even on a loaded machine: a validation yields every few milliseconds.
      assert.ok(Math.max(...slowest) < WATCHDOG_MS / 10, `slowest answer to a ping: ${Math.max(...slowest).toFixed(0)} ms`);
    } finally {
      await client.stop();
    }
  });
});
