import * as assert from 'node:assert/strict';
import { SCRIPT, diagnostics, flagged } from '../../helpers/service';

describe('liquid-syntax', () => {
  it('reports an unclosed output at the opening braces, and keeps checking the rest', () => {
    const seen = diagnostics(`${SCRIPT}<p>{{ task.input.a </p>\n<crowd-form><crowd-input></crowd-input></crowd-form>`);
    assert.deepEqual(
      seen.filter((d) => d.code === 'liquid-syntax').map((d) => d.text),
      ['{{ task.input.a </p>'],
    );
    assert.ok(
      seen.some((d) => d.code === 'unnamed-crowd-field'),
      'later checks still run',
    );
  });

  it('reports a block without its end tag, a stray end tag and an unknown tag', () => {
    const text = '{% if task.input.a %}<p>x</p>\n{% endfor %}\n{% frobnicate %}';
    assert.deepEqual(flagged('liquid-syntax', text), ['{% if task.input.a %}', '{% endfor %}', 'frobnicate']);
  });

  it('underlines the whole tag when the error is that something is missing at its end', () => {
    assert.deepEqual(flagged('liquid-syntax', '{% if task.input.a %}a{% elsif %}b{% endif %}'), ['{% elsif %}']);
  });

  it('explains tags other Liquid flavours have', () => {
    const [seen] = diagnostics("{% include 'header' %}").filter((d) => d.code === 'liquid-syntax');
    assert.equal(seen.text, 'include');
    assert.match(seen.message, /single document/);
  });

  it('reports malformed filters exactly where they are', () => {
    assert.deepEqual(flagged('liquid-syntax', '{{ task.input.a | }}'), ['|']);
    assert.deepEqual(flagged('liquid-syntax', '{{ task.input.a || escape }}'), ['|']);
    assert.deepEqual(flagged('liquid-syntax', '{{ task.input.a | append: }}'), ['append:']);
    assert.deepEqual(flagged('liquid-syntax', '{{ task.input.a | 42 }}'), ['| 42']);
  });

  it('reports else outside a block', () => {
    assert.deepEqual(flagged('liquid-syntax', '<p>{% else %}</p>'), ['{% else %}']);
  });

  it('does not report valid Liquid: raw, comment, liquid tag, whitespace control, ranges, brackets', () => {
    const text = [
      '{%- assign n = task.input.items | size -%}',
      '{% for i in (1..n) limit: 3 reversed %}{{ forloop.index }}{% else %}none{% endfor %}',
      '{% raw %}{{ not liquid }}{% endraw %}',
      '{% comment %}{% if %} broken {% endcomment %}',
      '{% liquid\n  assign x = task.input["source-ref"]\n  if x\n    echo x | grant_read_access\n  endif\n%}',
      '{% case task.input.kind %}{% when "a", "b" %}A{% when "c" or "d" %}C{% else %}?{% endcase %}',
      '{% unless task.input.a contains "x" and task.input.b != 2 %}u{% endunless %}',
      '{% capture c %}text{% endcapture %}{% cycle "odd", "even" %}{% increment k %}{% # note %}',
    ].join('\n');
    assert.deepEqual(flagged('liquid-syntax', text), []);
  });
});
