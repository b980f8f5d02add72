import * as assert from 'node:assert/strict';
import { SCRIPT, completionLabels, open, writeFile } from './helpers';

describe('completion', () => {
  it('offers s3_presign, then grant_read_access, first after "| " on task.input data', async () => {
    const { document, cursor } = await open('complete.liquid.html', `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | █ }}">\n</crowd-form>\n`);
    const labels = await completionLabels(document, cursor, ' ');
    assert.deepEqual(labels.slice(0, 2), ['s3_presign', 'grant_read_access']);
    assert.ok(labels.includes('to_json') && labels.includes('escape'), `the other filters follow: ${labels.join(', ')}`);
  });

  it('puts the presigning filters last when the sample input holds no S3 reference there', async () => {
    await writeFile('plain-text.input.json', JSON.stringify({ title: 'A street at night' }));
    const { document, cursor } = await open('plain-text.liquid.html', `${SCRIPT}<h1>{{ task.input.title | █ }}</h1>\n`);
    const labels = await completionLabels(document, cursor, ' ');
    assert.deepEqual(labels.slice(-2), ['s3_presign', 'grant_read_access'], labels.join(', '));
    assert.deepEqual(labels.slice(0, 4), ['to_json', 'escape', 'escape_once', 'skip_autoescape'], labels.join(', '));
  });

  it("lets VS Code's own HTML support offer crowd elements, their attributes and values in an .html template", async () => {
    const element = await open('custom-data.liquid.html', `${SCRIPT}<crowd-form>\n  <crowd-bou█\n</crowd-form>\n`);
    assert.ok((await completionLabels(element.document, element.cursor)).includes('crowd-bounding-box'));
    const attribute = await open('custom-data-attr.liquid.html', `${SCRIPT}<crowd-form>\n  <crowd-alert █></crowd-alert>\n</crowd-form>\n`);
    const attributes = await completionLabels(attribute.document, attribute.cursor);
    assert.ok(attributes.includes('type') && attributes.includes('dismissible'), attributes.join(', '));
    const value = await open('custom-data-value.liquid.html', `${SCRIPT}<crowd-form>\n  <crowd-alert type="█"></crowd-alert>\n</crowd-form>\n`);
    const values = await completionLabels(value.document, value.cursor);
    for (const v of ['info', 'success', 'warning', 'error']) assert.ok(values.includes(v), values.join(', '));
  });

  it('completes task.input keys from the sample input', async () => {
    await writeFile('keys.input.json', JSON.stringify({ taskObject: 's3://bucket/a.jpg', labels: ['Cat'] }));
    const { document, cursor } = await open('keys.liquid.html', `${SCRIPT}<p>{{ task.input.█ }}</p>\n`);
    const labels = await completionLabels(document, cursor, '.');
    assert.deepEqual(labels.slice(0, 2).sort(), ['labels', 'taskObject']);
  });
});
