import * as assert from 'node:assert/strict';
import { applyFix, flagged } from '../../helpers/service';

describe('skip-autoescape-input', () => {
  it('reports skip_autoescape on task.input data, also through loop variables and assign', () => {
    const text = [
      '<div>{{ task.input.html | skip_autoescape }}</div>',
      '{% for c in task.input.comments %}<p>{{ c.body | skip_autoescape }}</p>{% endfor %}',
      '{% assign t = task.input.title %}<h1>{{ t | skip_autoescape }}</h1>',
    ].join('\n');
    assert.deepEqual(flagged('skip-autoescape-input', text), ['skip_autoescape', 'skip_autoescape', 'skip_autoescape']);
  });

  it('follows input through filtered assigns, captures and loops over them', () => {
    const text = [
      '{% assign t = task.input.title | upcase %}{{ t | skip_autoescape }}',
      '{% capture c %}<b>{{ task.input.name }}</b>{% endcapture %}{{ c | skip_autoescape }}',
      '{% assign rows = task.input.rows | sort %}{% for r in rows %}{{ r | skip_autoescape }}{% endfor %}',
    ].join('\n');
    assert.deepEqual(flagged('skip-autoescape-input', text), ['skip_autoescape', 'skip_autoescape', 'skip_autoescape']);
  });

  it('does not report a value escaped earlier in the chain, or a name reassigned to clean markup', () => {
    const text = '{{ task.input.html | escape | skip_autoescape }}{% assign t = task.input.x %}{% assign t = "<hr>" %}{{ t | skip_autoescape }}';
    assert.deepEqual(flagged('skip-autoescape-input', text), []);
  });

  it('removes the filter', () => {
    assert.equal(applyFix('skip-autoescape-input', '<div>{{ task.input.html | skip_autoescape }}</div>'), '<div>{{ task.input.html }}</div>');
    assert.equal(applyFix('skip-autoescape-input', '<div>{{ task.input.html\n     | skip_autoescape }}</div>'), '<div>{{ task.input.html }}</div>');
  });

  it('does not report skip_autoescape on markup the template makes itself', () => {
    const text = '{% capture box %}<b>fixed</b>{% endcapture %}{{ box | skip_autoescape }}{{ "<br>" | skip_autoescape }} task.input';
    assert.deepEqual(flagged('skip-autoescape-input', text), []);
  });
});
