import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCRIPT, diagnosticsWithCodes, open, seen, writeFile } from './helpers';

describe('diagnostics', () => {
  it('reports each mistake of a template with its code, on exactly the faulty text', async () => {
    const { document } = await open(
      'mistakes.liquid.html',
      [
        SCRIPT,
        '<crowd-form>',
        '  <crowd-image-classifier name="category" src="{{ task.input.taskObject | grant_read_acess }}" hedaer="Pick one"',
        "    categories=\"['Cat', 'Dog']\"></crowd-image-classifier>",
        '  <crowd-alert type="warnng">Careful</crowd-alert>',
        '  <crowd-input label="Why?"></crowd-input>',
        '  <crowd-checkbx name="unsure">Not sure</crowd-checkbx>',
        '  <div>{{ task.input.notes | skip_autoescape }}</div>',
        '</crowd-form>',
        '<script>const url = "{{ task.input.taskObject | s3_presign }}";</script>',
        '{% if task.input.notes %}<p>Notes</p>{% endfi %}',
        '',
      ].join('\n'),
    );
    const codes = [
      'unknown-filter',
      'unknown-crowd-attribute',
      'invalid-attribute-value',
      'unnamed-crowd-field',
      'unknown-crowd-element',
      'skip-autoescape-input',
      'escaped-output-in-raw-text',
      'liquid-syntax',
      'liquid-syntax',
    ];
    const diagnostics = await diagnosticsWithCodes(document, codes);
    assert.deepEqual(seen(document, diagnostics), [
      ['unknown-filter', 'grant_read_acess'],
      ['unknown-crowd-attribute', 'hedaer'],
      ['invalid-attribute-value', 'warnng'],
      ['unnamed-crowd-field', 'crowd-input'],
      ['unknown-crowd-element', 'crowd-checkbx'],
      ['skip-autoescape-input', 'skip_autoescape'],
      ['escaped-output-in-raw-text', '{{ task.input.taskObject | s3_presign }}'],
      ['liquid-syntax', '{% if task.input.notes %}'],
      ['liquid-syntax', 'endfi'],
    ]);
    const byCode = (code: string) => diagnostics.find((d) => (d.code as { value: string }).value === code)!;
    assert.equal(byCode('unknown-filter').severity, vscode.DiagnosticSeverity.Error);
    assert.equal(byCode('unnamed-crowd-field').severity, vscode.DiagnosticSeverity.Warning);
    assert.match(byCode('unknown-filter').message, /did you mean "grant_read_access"/);
  });

  it('links each code to its documentation page, shipped with the extension', async () => {
    const { document } = await open('linked.liquid.html', `${SCRIPT}<crowd-form><crowd-from></crowd-from></crowd-form>\n`);
    const [diagnostic] = await diagnosticsWithCodes(document, ['unknown-crowd-element']);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'unknown-crowd-element');
    assert.match(code.target.path, /\/docs\/checks\/unknown-crowd-element\.md$/);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target));
    assert.match(page, /^# `unknown-crowd-element`/);
  });

  it('checks task.input paths against the sample input beside the template', async () => {
    await writeFile('cats.input.json', JSON.stringify({ taskObject: 's3://bucket/cat.jpg', labels: ['Cat', 'Dog'] }, null, 2));
    const { document } = await open('cats.liquid.html', `${SCRIPT}<crowd-form>\n  <p>{{ task.input.lables | join: ", " }}</p>\n</crowd-form>\n`);
    const [diagnostic] = await diagnosticsWithCodes(document, ['undefined-input-field']);
    assert.equal(document.getText(diagnostic.range), 'lables');
    assert.match(diagnostic.message, /cats\.input\.json: did you mean "labels"/);
  });

  it('follows edits: fixing the text by hand clears the diagnostic', async () => {
    const { document, editor } = await open('typing.liquid.html', `${SCRIPT}<p>{{ task.input.text | upcse }}</p>\n`);
    const [diagnostic] = await diagnosticsWithCodes(document, ['unknown-filter']);
    await editor.edit((edit) => edit.replace(diagnostic.range, 'upcase'));
    await diagnosticsWithCodes(document, []);
  });
});
