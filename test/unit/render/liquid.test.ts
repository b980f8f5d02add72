import * as assert from 'node:assert/strict';
import { decodeAttributeValue } from '../../../server/src/service/util/htmlEntities';
import { renderTemplate } from '../../../server/src/render/liquid';
import { Presigner, mappedPath, mappedPresigner, placeholderPresigner } from '../../../server/src/render/presign';
import { parseS3Reference } from '../../../server/src/service/domain/s3';

const render = async (template: string, input: unknown = {}, presigner?: Presigner) => {
  const result = await renderTemplate(template, input, { presigner });
  assert.deepEqual(result.errors, [], 'renders without errors');
  return result.html;
};

/** The text an error points at, as the editor would underline it. */
const pointedAt = async (template: string, input: unknown = {}, timeLimitMs?: number) =>
  (await renderTemplate(template, input, { timeLimitMs })).errors.map((e) => ({ kind: e.kind, text: template.slice(e.start, e.end), message: e.message }));

describe('local renderer: Ground Truth escaping', () => {
  const input = { name: "Tom's <b>cat</b> & dog", labels: ['a', "it's", 'say "hi"'] };

  it("autoescapes every output: ' becomes &#39; and & becomes &amp;", async () => {
    assert.equal(await render('<p>{{ task.input.name }}</p>', input), '<p>Tom&#39;s &lt;b&gt;cat&lt;/b&gt; &amp; dog</p>');
  });

  it('does not escape twice after escape', async () => {
    assert.equal(await render('{{ task.input.name | escape }}', input), 'Tom&#39;s &lt;b&gt;cat&lt;/b&gt; &amp; dog');
  });

  it('escape_once leaves existing entities alone and is not escaped again', async () => {
    assert.equal(await render("{{ 'a &amp; b & c' | escape_once }}"), 'a &amp; b &amp; c');
  });

  it('skip_autoescape writes the value as it is', async () => {
    assert.equal(await render('{{ task.input.name | skip_autoescape }}', input), "Tom's <b>cat</b> & dog");
  });

  it('to_json is exempt from autoescaping', async () => {
    assert.equal(await render('{{ task.input.labels | to_json }}', input), '["a","it\'s","say \\"hi\\""]');
    assert.equal(await render('{{ task.input.missing | to_json }}', input), 'null');
  });

  it('"{{ x | to_json | escape }}" in a double-quoted attribute gives the browser the JSON back', async () => {
    const html = await render('<crowd-classifier categories="{{ task.input.labels | to_json | escape }}"></crowd-classifier>', input);
    assert.equal(html, '<crowd-classifier categories="[&quot;a&quot;,&quot;it&#39;s&quot;,&quot;say \\&quot;hi\\&quot;&quot;]"></crowd-classifier>');
    const attribute = /categories="([^"]*)"/.exec(html)![1];
    assert.deepEqual(JSON.parse(decodeAttributeValue(attribute)), input.labels);
  });

  it('a filter after escape makes a new string, which is escaped again', async () => {
    assert.equal(await render("{{ '&' | escape | append: '!' }}"), '&amp;amp;!');
  });

  it('echo is autoescaped like an output', async () => {
    assert.equal(await render('{% echo task.input.name %}', input), 'Tom&#39;s &lt;b&gt;cat&lt;/b&gt; &amp; dog');
  });

  it('evaluates standard Liquid with Ruby truthiness (an empty string is true)', async () => {
    assert.equal(
      await render("{% for l in task.input.labels limit: 2 %}[{{ forloop.index }}:{{ l | upcase }}]{% endfor %}{% if '' %}T{% endif %}", input),
      '[1:A][2:IT&#39;S]T',
    );
  });
});

describe('local renderer: presigning', () => {
  it('turns S3 references into placeholders by default, and leaves other values alone', async () => {
    const html = await render('<img src="{{ task.input.a | grant_read_access }}"><img src="{{ task.input.b | s3_presign }}">', {
      a: 's3://my-bucket/images/cat 1.jpg',
      b: 'https://example.com/x.png',
    });
    const [a, b] = [...html.matchAll(/src="([^"]*)"/g)].map((m) => decodeAttributeValue(m[1]));
    assert.match(a, /^data:image\/svg\+xml,/);
    assert.match(decodeURIComponent(a), /s3:\/\/my-bucket\/images\/cat 1\.jpg/);
    assert.equal(b, 'https://example.com/x.png');
  });

  it('goes through the presigner, sync or async, and autoescapes its URL', async () => {
    const presigner: Presigner = { presign: async (ref) => `https://signed.test/${parseS3Reference(ref)!.key}?a=1&b=2` };
    assert.equal(
      await render('{{ task.input.a | s3_presign }}', { a: 'https://my-bucket.s3.us-west-2.amazonaws.com/k/x.jpg' }, presigner),
      'https://signed.test/k/x.jpg?a=1&amp;b=2',
    );
    assert.equal(
      await render('{{ task.input.a | grant_read_access | skip_autoescape }}', { a: 's3://b/k' }, { presign: () => 'https://s/?a&b' }),
      'https://s/?a&b',
    );
  });

  it('understands every S3 reference form', () => {
    assert.deepEqual(parseS3Reference('s3://bkt/a/b.jpg'), { bucket: 'bkt', key: 'a/b.jpg' });
    assert.deepEqual(parseS3Reference('https://s3.amazonaws.com/bkt/a%20b.jpg'), { bucket: 'bkt', key: 'a b.jpg', region: undefined });
    assert.deepEqual(parseS3Reference('https://s3.eu-west-1.amazonaws.com/bkt/k'), { bucket: 'bkt', key: 'k', region: 'eu-west-1' });
    assert.deepEqual(parseS3Reference('https://my.bkt.s3.us-gov-west-1.amazonaws.com/k/l'), { bucket: 'my.bkt', key: 'k/l', region: 'us-gov-west-1' });
    assert.equal(parseS3Reference('https://example.com/k'), undefined);
  });

  it('maps S3 keys to workspace files: exact entries, then the longest prefix', async () => {
    const mapping = { 's3://bkt/': 'all', 's3://bkt/images/': 'samples/images/', 's3://bkt/one.jpg': 'one.png' };
    assert.equal(mappedPath('s3://bkt/images/a/b.jpg', mapping), 'samples/images/a/b.jpg');
    assert.equal(mappedPath('https://bkt.s3.amazonaws.com/one.jpg', mapping), 'one.png');
    assert.equal(mappedPath('s3://bkt/x.jpg', mapping), 'all/x.jpg');
    assert.equal(mappedPath('s3://other/x.jpg', mapping), undefined);
    const files: Record<string, string> = { 'samples/images/cat.jpg': 'data:image/jpeg;base64,AAAA' };
    const presigner = mappedPresigner(mapping, async (path) => files[path], placeholderPresigner);
    const html = await render(
      '{{ task.input.a | grant_read_access }} {{ task.input.b | grant_read_access }}',
      { a: 's3://bkt/images/cat.jpg', b: 's3://bkt/images/dog.jpg' },
      presigner,
    );
    const [a, b] = html.split(' ');
    assert.equal(a, 'data:image/jpeg;base64,AAAA');
    assert.match(b, /^data:image\/svg\+xml,/, 'a missing file falls back to the placeholder');
  });
});

describe('local renderer: errors', () => {
  it('points a parse error at the tag, and renders nothing', async () => {
    const template = '<p>ok</p>\n{% if task.input.a %}<b>x</b>';
    const result = await renderTemplate(template, {});
    assert.equal(result.html, '');
    assert.deepEqual(await pointedAt(template), [{ kind: 'parse', text: '{% if task.input.a %}', message: 'tag {% if task.input.a %} not closed' }]);
  });

  it('points a render error at its output and keeps the rest of the page', async () => {
    const template = "before {{ 'not base64!' | base64_decode }} after {{ task.input.a }}";
    const result = await renderTemplate(template, { a: 'A' });
    assert.deepEqual(
      result.errors.map((e) => [e.kind, template.slice(e.start, e.end)]),
      [['render', "{{ 'not base64!' | base64_decode }}"]],
    );
    assert.equal(result.html, 'before  after A');
  });

  it('stops a render that builds too much, with a message that says why', async () => {
    const result = await renderTemplate('before {% for i in (1..1000000000) %}{{ i }}{% endfor %} after', {});
    assert.deepEqual(
      result.errors.map((e) => e.message),
      ['The template builds more than 10,000,000 characters or items (a huge range or string?); rendering stopped there.'],
    );
    assert.ok(result.html.startsWith('before '));
  });

  it('stops a render that runs too long, with a message that says why', async () => {
    const result = await renderTemplate(
      'before {% for i in (1..100000) %}{% for j in (1..100000) %}{{ j }}{% endfor %}{% endfor %} after',
      {},
      { timeLimitMs: 50 },
    );
    assert.deepEqual(
      result.errors.map((e) => e.message),
      ['Rendering took longer than 50 ms and was stopped: is a loop running over a huge range?'],
    );
    assert.ok(result.html.startsWith('before '), result.html.slice(0, 50));
  });

  it('never reads files: include, render and layout are errors that say why', async () => {
    const errors = await pointedAt("{% include 'package.json' %}{% render 'x' %}");
    assert.deepEqual(
      errors.map((e) => e.text),
      ["{% include 'package.json' %}", "{% render 'x' %}"],
    );
    assert.match(errors[0].message, /single document/);
  });

  it('a presigner failure is a render error on its output, not a crash', async () => {
    const result = await renderTemplate(
      'a {{ task.input.x | grant_read_access }} b',
      { x: 's3://b/k' },
      { presigner: { presign: () => Promise.reject(new Error('no credentials')) } },
    );
    assert.deepEqual(
      result.errors.map((e) => e.message),
      ['no credentials'],
    );
  });

  it('lists at most 100 errors and counts the rest', async () => {
    const result = await renderTemplate('{{ "!" | base64_decode }}\n'.repeat(150), {});
    assert.equal(result.errors.length, 101);
    assert.equal(result.errors[100].message, '50 more errors not listed');
  });

  it('treats unknown filters leniently, like the service: the value passes through', async () => {
    assert.equal(await render('{{ "x" | frobnicate }}'), 'x');
  });
});
