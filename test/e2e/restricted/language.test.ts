/**
 * The language features in Restricted Mode, on the folder's own files: every check of
 * `templates/mistakes.liquid.html` (with its sample input, and the workteam file beside it),
 * completion after `| `, a hover and a quick fix.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SCRIPT,
  applyCodeAction,
  codeOf,
  completionLabels,
  diagnosticsWhen,
  diagnosticsWithCodes,
  hoverText,
  open,
  seen,
  workspaceUri,
} from '../suite/helpers';

/** What `gtlint examples/` reports on the template, in document order. */
const MISTAKES = [
  'missing-crowd-script',
  'unknown-filter',
  'unknown-crowd-attribute',
  'undefined-input-field',
  'skip-autoescape-input',
  'presign-non-s3',
  'presign-unrestricted-workteam',
  'interface-endpoint-url',
  'invalid-attribute-value',
  'unnamed-crowd-field',
  'self-closed-crowd-element',
  'unknown-crowd-element',
  'missing-crowd-form',
  'escaped-output-in-raw-text',
  'escaped-output-in-raw-text',
  'liquid-syntax',
  'liquid-syntax',
];

function rangeOf(document: vscode.TextDocument, text: string): vscode.Range {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" is not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + text.length));
}

describe('language features in Restricted Mode', () => {
  let mistakes: vscode.TextDocument;

  before(async () => {
    mistakes = await vscode.workspace.openTextDocument(workspaceUri('templates/mistakes.liquid.html'));
    await vscode.window.showTextDocument(mistakes, { preview: false });
  });

  it('reports every mistake of a template, against its sample input and the workteam of the folder', async () => {
    const diagnostics = await diagnosticsWithCodes(mistakes, MISTAKES);
    const found = seen(mistakes, diagnostics);
    assert.deepEqual(
      found.filter(([code]) => ['unknown-filter', 'undefined-input-field', 'presign-unrestricted-workteam', 'unknown-crowd-element'].includes(code)),
      [
        ['unknown-filter', 'grant_read_acess'],
        ['undefined-input-field', 'descripton'],
        ['presign-unrestricted-workteam', 's3_presign'],
        ['unknown-crowd-element', 'crowd-checkbx'],
      ],
    );
    const workteam = diagnostics.find((d) => codeOf(d) === 'presign-unrestricted-workteam')!;
    assert.match(workteam.message, /workteam "image-reviewers" in policies\/create-workteam\.json has no IP restriction/);
  });

  it('offers s3_presign, then grant_read_access, first after "| " on task.input data', async () => {
    const { document, cursor } = await open(
      'restricted-complete.liquid.html',
      `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | █ }}">\n</crowd-form>\n`,
    );
    const labels = await completionLabels(document, cursor, ' ');
    assert.deepEqual(labels.slice(0, 2), ['s3_presign', 'grant_read_access']);
  });

  it('explains a presigning filter on hover', async () => {
    const text = await hoverText(mistakes, rangeOf(mistakes, 's3_presign').start.translate(0, 3));
    assert.match(text, /\*\*s3_presign\*\*/);
    assert.match(text, /IamPolicyConstraints/);
  });

  it('fixes a mistyped filter with its quick fix', async () => {
    const after = await applyCodeAction(mistakes, rangeOf(mistakes, 'grant_read_acess'), 'Change to "grant_read_access"');
    assert.ok(after.includes('src="{{ task.input.taskObject | grant_read_access }}"'));
    await diagnosticsWhen(mistakes, (d) => !d.some((x) => codeOf(x) === 'unknown-filter'), 'unknown-filter is gone');
  });
});
