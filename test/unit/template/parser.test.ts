import * as assert from 'node:assert/strict';
import { parseTemplate, parseTemplateSteps } from '../../../server/src/service/template/parser';
import type { HtmlElement, TemplateDocument } from '../../../server/src/service/template/document';
import { generate, random, templateSeeds } from '../../fuzz/fuzz';

function shape(element: HtmlElement): string {
  return element.children.length ? `${element.name}(${element.children.map(shape).join(' ')})` : element.name;
}
function tree(document: TemplateDocument): string {
  return document.roots.map(shape).join(' ');
}
const slice = (d: TemplateDocument, n: { start: number; end: number }) => d.text.slice(n.start, n.end);

describe('template parser', () => {
  it('reads Liquid before HTML: quotes inside {{ }} do not end an attribute', () => {
    const d = parseTemplate('<img alt="{{ "a" | append: task.input.b }}" src="x"><p>t</p>');
    assert.equal(tree(d), 'img p');
    const img = d.elements[0];
    assert.deepEqual(
      img.attributes.map((a) => [a.name, a.value]),
      [
        ['alt', '{{ "a" | append: task.input.b }}'],
        ['src', 'x'],
      ],
    );
    assert.equal(img.attributes[0].liquid.length, 1);
    assert.equal(d.liquid[0].context, 'attribute-value');
  });

  it('finds Liquid in <script> strings, in <style>, in HTML comments and between attributes', () => {
    const d = parseTemplate(
      "<script>var u = '{{ a }}'; var t = `${b}`;</script><style>.x{color:{{ c }}}</style><!-- {{ d }} --><input {% if e %}checked{% endif %}>",
    );
    assert.deepEqual(
      d.liquid.map((n) => [slice(d, n), n.context]),
      [
        ['{{ a }}', 'raw-text'],
        ['{{ c }}', 'raw-text'],
        ['{{ d }}', 'comment'],
        ['{% if e %}', 'start-tag'],
        ['{% endif %}', 'start-tag'],
      ],
    );
    assert.deepEqual(d.errors, []);
  });

  it('does not see elements inside <script> or comments', () => {
    const d = parseTemplate('<!-- <crowd-form> --><script>el.innerHTML = \'<crowd-alert type="error">x</crowd-alert>\';</script><p>a</p>');
    assert.equal(tree(d), 'script p');
  });

  it('reads a for loop inside a single-quoted attribute that builds a JS array', () => {
    const d = parseTemplate(`<crowd-classifier categories='[{% for c in task.input.cats %}"{{ c }}",{% endfor %}]' name="x"></crowd-classifier>`);
    const [el] = d.elements;
    assert.deepEqual(
      el.attributes.map((a) => a.name),
      ['categories', 'name'],
    );
    assert.equal(el.attributes[0].liquid.length, 3);
    assert.deepEqual(d.errors, []);
  });

  it('reads unquoted attributes, with Liquid in them', () => {
    const d = parseTemplate('<crowd-slider name=s max={{ task.input.max }} min=1 pin></crowd-slider>');
    assert.deepEqual(
      d.elements[0].attributes.map((a) => [a.name, a.value ?? null]),
      [
        ['name', 's'],
        ['max', '{{ task.input.max }}'],
        ['min', '1'],
        ['pin', null],
      ],
    );
  });

  it('builds the tree a browser would from misnested HTML', () => {
    assert.equal(tree(parseTemplate('<div><p>one<p>two</div><p><strong>bold</p>after')), 'div(p p) p(strong)');
    assert.equal(tree(parseTemplate('<ul><li>a<li>b</ul></p><span>s</span>')), 'ul(li li) span');
  });

  it('keeps a self-closed custom element open, as HTML does, until an enclosing end tag', () => {
    const d = parseTemplate('<p><crowd-slider name="a" pin/></p><div><crowd-input name="b"/><span>swallowed</span></div>');
    const [slider, input] = d.elements.filter((e) => e.name.startsWith('crowd-'));
    assert.equal(slider.closedBy, 'implied');
    assert.ok(slider.selfClosingSlash !== undefined);
    assert.equal(shape(input), 'crowd-input(span)');
  });

  it('honours /> in SVG and treats void elements as empty', () => {
    assert.equal(tree(parseTemplate('<svg><circle r="1"/><path d="M0"/></svg><img src="a"><br/>x')), 'svg(circle path) img br');
  });

  it('keeps raw Liquid text as text, and skips Liquid comments', () => {
    const d = parseTemplate('{% raw %}{{ not }}<b>bold</b>{% endraw %}{% comment %}<i>{{ gone }}</i>{% endcomment %}');
    assert.deepEqual(
      d.liquid.map((n) => (n.kind === 'tag' ? n.name : 'output')),
      ['raw', 'endraw', 'comment', 'endcomment'],
    );
    assert.equal(tree(d), 'b');
    assert.deepEqual(
      d.liquidVerbatim.map((r) => [r.kind, slice(d, r)]),
      [
        ['raw', '{{ not }}<b>bold</b>'],
        ['comment', '<i>{{ gone }}</i>'],
      ],
    );
  });

  it('reports an unclosed output while the rest of the document still parses', () => {
    const d = parseTemplate('<p>{{ task.input.a </p>\n<span>{{ ok }}</span>');
    assert.equal(d.errors.length, 1);
    assert.equal(slice(d, d.errors[0]), '{{ task.input.a </p>');
    assert.equal(tree(d), 'p span');
    assert.equal(d.liquid.length, 1);
  });

  it('matches block tags across HTML and reports the unclosed one', () => {
    const d = parseTemplate('{% if a %}<div>{% for x in y %}</div>{% endif %}');
    assert.deepEqual(
      d.errors.map((e) => slice(d, e)),
      ['{% for x in y %}'],
    );
  });

  it('parses variable paths with hyphens and brackets', () => {
    const d = parseTemplate('{{ task.input.source-ref }}{{ task.input["source-ref"][0].x }}');
    const paths = d.liquid.map((n) => (n.kind === 'output' && n.chain.expression?.kind === 'variable' ? n.chain.expression.path.map((s) => s.key) : []));
    assert.deepEqual(paths, [
      ['input', 'source-ref'],
      ['input', 'source-ref', 0, 'x'],
    ]);
  });

  it('never throws on hostile input', () => {
    const inputs = [
      '<',
      '{{',
      '{%',
      '<a b="',
      "<a b='{{",
      '</',
      '<!--',
      '<script>',
      '{% raw %}',
      '{% comment %}',
      '\u0000<x\u0000>',
      '{{ ( }}',
      '{{ a[ }}',
      '{% for %}',
      '<crowd-form'.repeat(1000),
    ];
    for (const input of inputs) parseTemplate(input);
    // Seeded (mulberry32), so a failure names an input that can be run again.
    let seed = 0x9e3779b9;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = 0; i < 300; i++) {
      const input = Array.from({ length: 200 }, () => '<>{}%"\'=/ ab-|:.[]()\n'[Math.floor(random() * 22)]).join('');
      assert.doesNotThrow(() => parseTemplate(input), `input ${i}: ${JSON.stringify(input)}`);
    }
  });
});

describe('the template parsed in slices (as validation does it, between requests)', () => {
  /** The tree as plain data: an object met again (a parent, the element a node sits in) is written as the number of its first meeting. */
  const plain = (tree: TemplateDocument) => {
    const ids = new Map<object, number>();
    const walk = (value: unknown): unknown => {
      if (!value || typeof value !== 'object') return value;
      const seen = ids.get(value);
      if (seen !== undefined) return `#${seen}`;
      ids.set(value, ids.size);
      if (Array.isArray(value)) return value.map(walk);
      return Object.fromEntries(Object.keys(value).map((k) => [k, walk((value as Record<string, unknown>)[k])]));
    };
    return JSON.stringify(walk(tree));
  };

  function sliced(text: string, slice: number) {
    const steps = parseTemplateSteps(text, slice);
    let yields = 0;
    for (;;) {
      const next = steps.next();
      if (next.done) return { tree: next.value, yields };
      yields++;
    }
  }

  it('is the tree of one parse, on real templates and on the broken ones the fuzzer makes, whatever the slice', () => {
    const templates = templateSeeds();
    const rng = random(20261204);
    const cases = [...templates, ...Array.from({ length: 300 }, () => generate(rng, templates))];
    for (const { text } of cases) {
      const whole = plain(parseTemplate(text));
      for (const slice of [1, 7, 64, 1000]) assert.equal(plain(sliced(text, slice).tree), whole);
    }
  });

  it('yields between slices', () => {
    const text = '<p>{{ task.input.a }}</p>\n'.repeat(2000);
    assert.ok(sliced(text, 16_384).yields >= Math.floor(text.length / 16_384) - 1);
  });
});
