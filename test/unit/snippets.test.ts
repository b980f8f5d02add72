/** The snippets expand, with their default choices, into templates the checks find no error in. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCRIPT, diagnostics } from '../helpers/service';

const ROOT = path.resolve(__dirname, '../../..');
const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets/worker-templates.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string | string[] }
>;

/** What the editor inserts when the user accepts every placeholder's default (the first choice). */
function expand(body: string | string[]): string {
  return (Array.isArray(body) ? body.join('\n') : body)
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('snippets', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${name} (${snippet.prefix}) expands into a template with no error`, () => {
      const text = expand(snippet.body);
      assert.doesNotMatch(text, /\$\{?\d/, 'every placeholder is expanded');
      const template = text.includes('<crowd-form') || text.includes('<script src=') ? text : `${SCRIPT}<crowd-form>\n${text}\n</crowd-form>\n`;
      const errors = diagnostics(template).filter((d) => d.severity === 1);
      assert.deepEqual(
        errors.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }

  it('all start with gt-', () => {
    for (const snippet of Object.values(snippets)) assert.match(snippet.prefix, /^gt-/);
  });
});
