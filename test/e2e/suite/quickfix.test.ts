import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCRIPT, applyCodeAction, codeOf, diagnosticsWhen, open, writeFile } from './helpers';

interface Case {
  code: string;
  title: string;
  before: string;
  after: string;
  /** The template's sample input, written beside it. */
  sample?: unknown;
}

const FORM = (body: string) => `${SCRIPT}<crowd-form>\n${body}\n</crowd-form>\n`;

/** One sample per quick fix: the template with the mistake, the fix's title, and the text it leaves. */
const CASES: Case[] = [
  {
    code: 'unknown-filter',
    title: 'Change to "grant_read_access"',
    before: FORM('  <img src="{{ task.input.taskObject | grant_read_acess }}">'),
    after: FORM('  <img src="{{ task.input.taskObject | grant_read_access }}">'),
  },
  {
    code: 'unknown-crowd-element',
    title: 'Change to <crowd-checkbox>',
    before: FORM('  <crowd-checkbx name="unsure">Not sure</crowd-checkbx>'),
    after: FORM('  <crowd-checkbox name="unsure">Not sure</crowd-checkbox>'),
  },
  {
    code: 'unknown-crowd-attribute',
    title: 'Change to "header"',
    before: FORM('  <crowd-bounding-box name="boxes" src="{{ task.input.taskObject | s3_presign }}" hedaer="Cars" labels="[\'Car\']"></crowd-bounding-box>'),
    after: FORM('  <crowd-bounding-box name="boxes" src="{{ task.input.taskObject | s3_presign }}" header="Cars" labels="[\'Car\']"></crowd-bounding-box>'),
  },
  {
    code: 'invalid-attribute-value',
    title: 'Change to "warning"',
    before: FORM('  <crowd-alert type="warnng">Careful</crowd-alert>'),
    after: FORM('  <crowd-alert type="warning">Careful</crowd-alert>'),
  },
  {
    code: 'unnamed-crowd-field',
    title: 'Add name="input"',
    before: FORM('  <crowd-input label="Why?"></crowd-input>'),
    after: FORM('  <crowd-input name="input" label="Why?"></crowd-input>'),
  },
  {
    code: 'self-closed-crowd-element',
    title: 'Close with </crowd-slider>',
    before: FORM('  <p>How sure? <crowd-slider name="certainty" min="1" max="5" pin/></p>'),
    after: FORM('  <p>How sure? <crowd-slider name="certainty" min="1" max="5" pin></crowd-slider></p>'),
  },
  {
    code: 'missing-crowd-script',
    title: 'Load crowd-html-elements.js',
    before: '<crowd-form>\n  <crowd-input name="why" label="Why?"></crowd-input>\n</crowd-form>\n',
    after: `${SCRIPT}\n<crowd-form>\n  <crowd-input name="why" label="Why?"></crowd-input>\n</crowd-form>\n`,
  },
  {
    code: 'skip-autoescape-input',
    title: 'Remove skip_autoescape',
    before: FORM('  <div>{{ task.input.notes | skip_autoescape }}</div>'),
    after: FORM('  <div>{{ task.input.notes }}</div>'),
  },
  {
    code: 'escaped-output-in-raw-text',
    title: 'Remove "| escape"',
    before: FORM('  <script>const labels = {{ task.input.labels | to_json | escape }};</script>'),
    after: FORM('  <script>const labels = {{ task.input.labels | to_json }};</script>'),
  },
  {
    code: 'escaped-output-in-raw-text',
    title: 'Move the value into an attribute the script reads',
    before: FORM('  <img id="photo">\n  <script>\n    document.getElementById("photo").src = "{{ task.input.taskObject | grant_read_access }}";\n  </script>'),
    after: FORM(
      '  <img id="photo">\n  <span id="task-value-1" data-value="{{ task.input.taskObject | grant_read_access }}" hidden></span>\n  <script>\n    document.getElementById("photo").src = document.getElementById(\'task-value-1\').dataset.value;\n  </script>',
    ),
  },
  {
    code: 'interface-endpoint-url',
    title: 'Use s3.us-east-1.amazonaws.com',
    before: FORM('  <img src="https://bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com/my-bucket/cat.jpg">'),
    after: FORM('  <img src="https://s3.us-east-1.amazonaws.com/my-bucket/cat.jpg">'),
  },
  {
    code: 'undefined-input-field',
    title: 'Change to "description"',
    sample: { description: 'A street at night' },
    before: FORM('  <p>{{ task.input.descripton }}</p>'),
    after: FORM('  <p>{{ task.input.description }}</p>'),
  },
];

describe('quick fixes', () => {
  CASES.forEach((c, index) => {
    it(`${c.code}: "${c.title}" corrects the template`, async () => {
      if (c.sample) await writeFile(`fix-${index}.input.json`, JSON.stringify(c.sample));
      const { document } = await open(`fix-${index}.liquid.html`, c.before);
      const reported = await diagnosticsWhen(document, (d) => d.some((x) => codeOf(x) === c.code), `${c.code} is reported`);
      const diagnostic = reported.find((x) => codeOf(x) === c.code)!;
      const text = await applyCodeAction(document, diagnostic.range, c.title);
      assert.equal(text, c.after);
      await diagnosticsWhen(document, (d) => !d.some((x) => codeOf(x) === c.code), `${c.code} is gone`);
    });
  });

  it('swaps grant_read_access for s3_presign at the cursor', async () => {
    const { document, cursor } = await open('swap.liquid.html', FORM('  <img src="{{ task.input.taskObject | grant_re█ad_access }}">'));
    const text = await applyCodeAction(document, new vscode.Range(cursor, cursor), 'Use s3_presign instead of grant_read_access');
    assert.equal(text, FORM('  <img src="{{ task.input.taskObject | s3_presign }}">'));
  });
});
