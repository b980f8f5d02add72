/**
 * Which plain `.html` files are worker templates: those that load crowd-html-elements, use a
 * `crowd-` element or read `task.input`, each on its own; any other page is left alone.
 */
import * as assert from 'node:assert/strict';
import { diagnostics, serviceWith } from '../helpers/service';

function kindOf(text: string, name = 'page.html', languageId = 'html') {
  const { service, document } = serviceWith(text, { languageId }, name);
  return service.kindOf(document);
}

/** A mistake any template check reports, so that whether the file is checked shows. */
const MISSPELT_FILTER = '<p>{{ "hello" | upcse }}</p>\n';

const MARKERS: [string, string][] = [
  ['loads crowd-html-elements', '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n'],
  ['uses a crowd- element', '<crowd-button>Start</crowd-button>\n'],
  ['reads task.input', '<h1>{{ task.input.title }}</h1>\n'],
];

describe('recognising plain .html files as templates', () => {
  for (const [what, marker] of MARKERS) {
    it(`takes a .html file that only ${what} for a template, and checks it`, () => {
      assert.equal(kindOf(`<!DOCTYPE html>\n${marker}`), 'template');
      assert.equal(kindOf(marker, 'page.htm', 'plaintext'), 'template');
      const { service, document } = serviceWith(`${marker}${MISSPELT_FILTER}`, {}, 'page.html');
      assert.deepEqual(
        service
          .diagnostics(document.uri)
          .filter((d) => d.code === 'unknown-filter')
          .map((d) => document.getText(d.range)),
        ['upcse'],
      );
    });
  }

  it('leaves a .html file with none of them alone, Liquid and all', () => {
    const page = `<!DOCTYPE html>\n<h1>{{ page.title }}</h1>\n<p>A crowd of people; the task input form.</p>\n${MISSPELT_FILTER}`;
    assert.equal(kindOf(page), 'other');
    const { service, document } = serviceWith(page, {}, 'page.html');
    assert.deepEqual(service.diagnostics(document.uri), []);
  });

  it('takes .liquid and .liquid.html files for templates whatever they hold', () => {
    assert.equal(kindOf('<p>Hello</p>', 'page.liquid.html'), 'template');
    assert.equal(kindOf('<p>Hello</p>', 'page.liquid', 'gt-liquid'), 'template');
    assert.deepEqual(
      diagnostics(MISSPELT_FILTER).map((d) => d.code),
      ['unknown-filter'],
    );
  });
});
