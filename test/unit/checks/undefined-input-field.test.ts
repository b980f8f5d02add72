import * as assert from 'node:assert/strict';
import { applyFix, diagnostics, flagged } from '../../helpers/service';

const files = { 'task.input.json': JSON.stringify({ taskObject: 's3://b/k.jpg', 'source-ref': 's3://b/x', pairs: [{ text: 'a' }], meta: { lang: 'en' } }) };

describe('undefined-input-field', () => {
  it('reports the first missing segment, with a suggestion and the file name', () => {
    const [seen] = diagnostics('<p>{{ task.input.meta.lnag }}</p>', { files }).filter((d) => d.code === 'undefined-input-field');
    assert.equal(seen.text, 'lnag');
    assert.match(seen.message, /task\.input\.meta\.lnag is not in the sample input task\.input\.json: did you mean "lang"\?/);
  });

  it('follows loop variables', () => {
    assert.deepEqual(flagged('undefined-input-field', '{% for p in task.input.pairs %}{{ p.txt }}{{ p.text }}{% endfor %}', { files }), ['txt']);
  });

  it('follows a name assigned from itself', () => {
    const setup = { files: { 'task.input.json': JSON.stringify({ d: { e: { ok: 1 } } }) } };
    assert.deepEqual(flagged('undefined-input-field', '{% assign d = task.input.d %}{% assign d = d.e %}{{ d.ok }}{{ d.nope }}', setup), ['nope']);
  });

  it('fixes the name', () => {
    assert.equal(applyFix('undefined-input-field', '{{ task.input.taskObjet }}', '', { files }), '{{ task.input.taskObject }}');
  });

  it('does not report without a sample input, or for paths the sample has (hyphens and brackets included)', () => {
    assert.deepEqual(flagged('undefined-input-field', '{{ task.input.anything }}'), []);
    const text =
      '{{ task.input.source-ref }}{{ task.input["source-ref"] }}{{ task.input.pairs[0].text }}{{ task.input.pairs.size }}{{ task.input.pairs.first.text }}';
    assert.deepEqual(flagged('undefined-input-field', text, { files }), []);
  });

  it('does not report against a sample input that is not valid JSON', () => {
    assert.deepEqual(flagged('undefined-input-field', '{{ task.input.b }}', { files: { 'task.input.json': '{ "a": 1 "c": 2 }' } }), []);
  });

  it('uses the sample input chosen in settings', () => {
    const setup = { files: { 'samples/one.json': '{"x": 1}' }, settings: { sampleInputs: { '*.liquid.html': 'samples/one.json' } } };
    assert.deepEqual(flagged('undefined-input-field', '{{ task.input.x }}{{ task.input.y }}', setup), ['y']);
  });
});
