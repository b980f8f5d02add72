/**
 * LSP's lifecycle at the edges, over raw JSON-RPC to the bundled server: requests before
 * `initialize` and after `shutdown` get the errors LSP names, a second `initialize` is refused,
 * and a document version outside LSP's integer range never comes back in diagnostics.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { MessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER } from '../helpers/lspClient';

const POSITION = { textDocument: { uri: 'file:///ws/a.liquid.html' }, position: { line: 0, character: 0 } };

async function errorCode(pending: Promise<unknown>): Promise<number> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof ResponseError) return error.code;
    throw error;
  }
  assert.fail('the request was answered');
}

describe('LSP lifecycle edges', function () {
  this.timeout(30_000);
  let child: ChildProcess;
  let connection: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];

  before(() => {
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
  });

  after(() => {
    connection.dispose();
    child.kill();
  });

  const initialize = () => connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });

  it('refuses requests before initialize with -32002, known or not', async () => {
    assert.equal(await errorCode(connection.sendRequest('textDocument/hover', POSITION)), -32002);
    assert.equal(await errorCode(connection.sendRequest('textDocument/completion', POSITION)), -32002);
    assert.equal(await errorCode(connection.sendRequest('textDocument/definition', POSITION)), -32002);
    assert.equal(await errorCode(connection.sendRequest('shutdown')), -32002);
  });

  it('initializes once and refuses a second initialize', async () => {
    const result = (await initialize()) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(result.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    assert.equal(await errorCode(initialize()), -32600);
    assert.equal(await errorCode(connection.sendRequest('textDocument/definition', POSITION)), -32601);
  });

  it('publishes diagnostics without a version that LSP integers cannot hold, and with one they can', async () => {
    const text = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form><crowd-input></crowd-input></crowd-form>';
    const seen = (uri: string) =>
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const poll = setInterval(() => {
          const found = published.find((p) => p.uri === uri && p.diagnostics.length);
          if (found) {
            clearInterval(poll);
            resolve(found);
          }
        }, 20);
      });
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ws/huge.liquid.html', languageId: 'html', version: 2 ** 31 + 5, text },
    });
    const huge = await seen('file:///ws/huge.liquid.html');
    assert.deepEqual([huge.version, huge.diagnostics.map((d) => d.code)], [undefined, ['unnamed-crowd-field']]);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/small.liquid.html', languageId: 'html', version: 7, text } });
    assert.equal((await seen('file:///ws/small.liquid.html')).version, 7);
  });

  it('answers shutdown once, then refuses every request with -32600', async () => {
    assert.equal(await connection.sendRequest('textDocument/hover', POSITION), null);
    assert.equal(await connection.sendRequest('shutdown'), null);
    assert.equal(await errorCode(connection.sendRequest('textDocument/hover', POSITION)), -32600);
    assert.equal(await errorCode(connection.sendRequest('textDocument/completion', POSITION)), -32600);
    assert.equal(await errorCode(connection.sendRequest('textDocument/definition', POSITION)), -32600);
    assert.equal(await errorCode(connection.sendRequest('shutdown')), -32600);
    assert.equal(await errorCode(initialize()), -32600);
  });
});
