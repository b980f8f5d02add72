import * as assert from 'node:assert/strict';
import { FILTERS, PRESIGN_FILTERS, TAGS } from '../../../server/src/service/domain/liquid';
import { acceptCompletion, completionItems, completionLabels } from '../../helpers/service';

const files = {
  'task.input.json': JSON.stringify({
    taskObject: 's3://b/cat.jpg',
    labels: ['a'],
    'source-ref': 's3://b/x',
    pairs: [{ text: 't', 'my key': 1 }],
    meta: { lang: 'en' },
  }),
};

describe('completion', () => {
  describe('filters', () => {
    it('ranks s3_presign and grant_read_access first on task.input data', () => {
      assert.deepEqual(completionLabels('<img src="{{ task.input.taskObject | █ }}">').slice(0, 2), ['s3_presign', 'grant_read_access']);
    });

    it('ranks them first on an S3 literal but not on other literals', () => {
      assert.deepEqual(completionLabels('{{ "s3://bucket/key.jpg" | █ }}').slice(0, 2), ['s3_presign', 'grant_read_access']);
      assert.notDeepEqual(completionLabels('{{ "hello" | █ }}').slice(0, 2), ['s3_presign', 'grant_read_access']);
    });

    it('ranks them after the escaping and standard filters when the sample value is not in S3, or when one is already applied', () => {
      const others = FILTERS.filter((f) => !PRESIGN_FILTERS.has(f.name)).map((f) => f.name);
      for (const labels of [
        completionLabels('{{ task.input.meta.lang | █ }}', { files }),
        completionLabels('{{ task.input.taskObject | grant_read_access | █ }}'),
        completionLabels('{{ "hello" | █ }}'),
      ]) {
        assert.deepEqual(labels.slice(0, -2).sort(), [...others].sort());
        assert.deepEqual(labels.slice(-2), ['s3_presign', 'grant_read_access']);
        assert.deepEqual(labels.slice(0, 4), ['to_json', 'escape', 'escape_once', 'skip_autoescape']);
      }
    });

    it('offers the whole dialect with documentation', () => {
      const items = completionItems('{{ task.input.x | █ }}');
      const labels = items.map((i) => i.label);
      for (const name of ['to_json', 'escape', 'escape_once', 'skip_autoescape', 'upcase', 'default', 'where']) assert.ok(labels.includes(name), name);
      const presign = items.find((i) => i.label === 's3_presign')!;
      assert.match((presign.documentation as { value: string }).value, /S3Presign/);
    });

    it('replaces the partly typed name, and inserts arguments as placeholders', () => {
      assert.equal(acceptCompletion('{{ task.input.img | grant█ }}', 'grant_read_access'), '{{ task.input.img | grant_read_access }}');
      assert.equal(acceptCompletion('{{ task.input.t | trunc█ }}', 'truncate'), '{{ task.input.t | truncate: length, ellipsis }}');
    });

    it('works inside attributes, scripts and assign', () => {
      assert.equal(completionLabels("<script>var u = '{{ task.input.a | █'</script>")[0], 's3_presign');
      assert.equal(completionLabels('{% assign u = task.input.a | █ %}')[0], 's3_presign');
    });
  });

  describe('task.input paths', () => {
    it('completes keys of the sample input, nested and through loop variables', () => {
      assert.deepEqual(completionLabels('{{ task.input.█ }}', { files }), ['labels', 'meta', 'pairs', 'source-ref', 'taskObject']);
      assert.deepEqual(completionLabels('{{ task.input.meta.█ }}', { files }), ['lang']);
      assert.deepEqual(completionLabels('{% for p in task.input.pairs %}{{ p.█ }}{% endfor %}', { files }), ['my key', 'text']);
    });

    it('follows the lines of a {% liquid %} tag', () => {
      const tag = '{% liquid\n  assign m = task.input.meta\n  for p in task.input.pairs\n    echo p\n  endfor\n%}';
      assert.deepEqual(completionLabels(`${tag}{{ m.█ }}`, { files }), ['lang']);
      assert.deepEqual(completionLabels('{% liquid assign m = task.input.meta %}{{ m.█ }}', { files }), ['lang']);
      assert.deepEqual(completionLabels('{% liquid\n  for p in task.input.pairs\n    echo p.█', { files }), ['my key', 'text']);
      assert.deepEqual(completionLabels(`${tag}{{ █ }}`), ['task', 'm']);
    });

    it('uses bracket syntax for keys that are not names', () => {
      assert.equal(acceptCompletion('{% for p in task.input.pairs %}{{ p.█ }}', 'my key', { files }), '{% for p in task.input.pairs %}{{ p["my key"] }}');
    });

    it('offers input after task.', () => {
      assert.deepEqual(completionLabels('{{ task.█ }}'), ['input']);
    });

    it('without a sample, offers keys the template already uses and the A2I keys', () => {
      const labels = completionLabels('<p>{{ task.input.question }}</p>{{ task.input.█ }}');
      assert.equal(labels[0], 'question');
      assert.ok(labels.includes('selectedAiServiceResponse'));
    });
  });

  describe('tags and variables', () => {
    it('offers tags with snippets, and the end tag of the open block first', () => {
      const labels = completionLabels('{% for x in task.input.items %}{% █ %}');
      assert.equal(labels[0], 'endfor');
      assert.ok(labels.includes('if') && labels.includes('assign'));
      assert.equal(acceptCompletion('{% █ %}', 'if'), '{% if condition %}\n\t\n{% endif %}');
    });

    it('offers the end tag of every block tag', () => {
      for (const tag of TAGS.filter((t) => t.kind === 'block')) {
        assert.equal(completionLabels(`{% ${tag.name} x %}{% if y %}{% endif %}{% █ %}`)[0], `end${tag.name}`, tag.name);
      }
    });

    it('offers task and the variables in scope', () => {
      const labels = completionLabels('{% assign img = task.input.a %}{% for p in task.input.pairs %}{{ █ }}');
      assert.deepEqual(labels, ['task', 'p', 'img', 'forloop']);
    });

    it('offers forloop inside a loop only', () => {
      assert.ok(completionLabels('{% liquid\n  for p in task.input.pairs\n    echo █').includes('forloop'));
      assert.deepEqual(completionLabels('{% for p in task.input.pairs %}{{ p }}{% endfor %}<p>{{ █ }}</p>'), ['task']);
    });
  });

  describe('crowd elements, where the editor has no HTML support of its own', () => {
    it('offers crowd elements with their required attributes', () => {
      const labels = completionLabels('<crowd-bo█', { languageId: 'gt-liquid' });
      assert.ok(labels.includes('crowd-bounding-box'));
      const text = acceptCompletion('<crowd-bo█', 'crowd-bounding-box', { languageId: 'gt-liquid' });
      assert.match(text, /^<crowd-bounding-box [^>]*name=""[^>]*><\/crowd-bounding-box>$/);
    });

    it('offers attributes not yet written, and enumerated values', () => {
      const labels = completionLabels('<crowd-alert type="info" █', { languageId: 'gt-liquid' });
      assert.ok(!labels.includes('type'));
      assert.deepEqual(completionLabels('<crowd-alert type="█"', { languageId: 'gt-liquid' }).sort(), ['error', 'info', 'success', 'warning']);
    });

    it('offers presigned URLs for image attributes', () => {
      assert.deepEqual(completionLabels('<crowd-bounding-box src="█"', { languageId: 'gt-liquid' }), [
        '{{ task.input.taskObject | s3_presign }}',
        '{{ task.input.taskObject | grant_read_access }}',
      ]);
    });

    it('offers the standard HTML elements, their attributes and the global ones, and enumerated values', () => {
      const gt = { languageId: 'gt-liquid' };
      assert.ok(completionLabels('<tex█', gt).includes('textarea'));
      const img = completionLabels('<img alt="x" █', gt);
      for (const name of ['src', 'loading', 'class', 'id']) assert.ok(img.includes(name), name);
      assert.ok(!img.includes('alt'));
      const types = completionLabels('<input type="█"', gt);
      for (const value of ['checkbox', 'radio', 'text']) assert.ok(types.includes(value), value);
      assert.deepEqual(completionLabels('<img loading="█"', gt).sort(), ['eager', 'lazy']);
    });

    it('leaves elements and attributes to the host in HTML documents it covers', () => {
      assert.deepEqual(completionLabels('<crowd-bo█', { hostHtmlLanguages: ['html'] }), []);
      assert.equal(completionLabels('{{ task.input.a | █ }}', { hostHtmlLanguages: ['html'] })[0], 's3_presign');
    });
  });
});
