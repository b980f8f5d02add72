import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
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

  it('gives .liquid files the worker template language', async () => {
    const { document } = await open('snippet.liquid', '{{ task.input.taskObject | grant_read_acess }}\n');
    assert.equal(document.languageId, 'gt-liquid');
    await diagnosticsWithCodes(document, ['unknown-filter']);
  });
});
