import * as assert from 'node:assert/strict';
import { answerFields } from '../../../server/src/render/answer';
import { renderTemplate } from '../../../server/src/render/liquid';

describe('answer fields', () => {
  it('lists what the form submits, by key, with names built by Liquid as the worker sees them', async () => {
    const template = `<crowd-form>
  <crowd-bounding-box name="boxes" src="x" labels="['a']"></crowd-bounding-box>
  {% for item in task.input.items %}<crowd-input name="comment-{{ forloop.index }}"></crowd-input>{% endfor %}
  <crowd-text-area></crowd-text-area>
  <crowd-alert type="info">Layout only</crowd-alert>
  <input type="hidden" name="annotations"><input type="submit" name="go"><select name="quality"></select>
  <crowd-textract-analyze-document src="x"></crowd-textract-analyze-document>
</crowd-form>
<crowd-slider name="outside"></crowd-slider>
<input name="not-in-form">
<crowd-entity-annotation name="entities" text="t" labels="[]"></crowd-entity-annotation>`;
    const { html } = await renderTemplate(template, { items: [1, 2] });
    assert.deepEqual(
      answerFields(html).map((f) => [f.key ?? '(no name)', f.element, f.submitted]),
      [
        ['boxes', 'crowd-bounding-box', true],
        ['comment-1', 'crowd-input', true],
        ['comment-2', 'crowd-input', true],
        ['(no name)', 'crowd-text-area', true],
        ['annotations', 'input type="hidden"', true],
        ['quality', 'select', true],
        ['AWS/Textract/AnalyzeDocument/Forms/V1', 'crowd-textract-analyze-document', true],
        ['outside', 'crowd-slider', false],
        ['entities', 'crowd-entity-annotation', true],
      ],
    );
    assert.match(answerFields(html)[0].writes, /boundingBoxes/);
  });

  it('does not list elements inside comments or scripts', () => {
    assert.deepEqual(answerFields('<crowd-form><!-- <crowd-input name="a"></crowd-input> --><script>"<crowd-input name=b>"</script></crowd-form>'), []);
  });
});
