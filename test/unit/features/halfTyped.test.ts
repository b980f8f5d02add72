/**
 * Completion, hover and code actions on text caught in the middle of typing, and on positions
 * the document does not have: each answers (issue 10). These inputs once hung the server, grew an
 * array until V8 gave up, or threw.
 */
import * as assert from 'node:assert/strict';
import { completionLabels, diagnostics, hoverText, serviceWith } from '../../helpers/service';

const files = { 'task.input.json': JSON.stringify({ pairs: [{ text: 't', deeper: [{ leaf: 1 }] }], a: { b: { c: 1 } } }) };

describe('half-typed templates', () => {
  it('answers inside a start tag whose name runs into a quote', () => {
    // Still the tag's name, as far as HTML goes.
    assert.ok(completionLabels('<script"src="ht█tps:').includes('crowd-form'));
    assert.equal(hoverText('<script"src="ht█tps:'), undefined);
  });

  it('answers inside a start tag broken by a slash, then offers the element’s attributes after it', () => {
    const template = '<scssets.crowd.aws/crowd-h█tml-elements.js"></script>\n<crowd-form></crowd-form>';
    // After the slash, the rest reads as an attribute of the element `scssets.crowd.aws`.
    assert.ok(completionLabels(template).includes('class'));
    assert.ok(completionLabels('<crowd-input/ █').includes('name'));
    assert.ok(completionLabels('<crowd-input = █').includes('name'));
  });

  it('reads a ">" after a stray quote in a start tag as its end, as HTML (and the checks) do', () => {
    // A quote before an attribute name quotes nothing: it is part of the name `"x`.
    assert.ok(completionLabels('<crowd-input "x █>y').includes('label'));
    assert.deepEqual(completionLabels('<crowd-input "x>y █'), []);
  });

  it('answers at the very start of a document that starts with "<" or a Liquid delimiter', () => {
    assert.deepEqual(completionLabels('█<crowd-form></crowd-form>'), []);
    assert.deepEqual(completionLabels('█{{ task.input.a }}'), []);
    assert.deepEqual(completionLabels('{█{ task.input.a }}'), []);
  });

  it('reads positions past the end of a line as its end, and past the last line as the end of the document', () => {
    const { service, document } = serviceWith('<p>{{ task.input.a | }}</p>\n<crowd-form>', { files });
    const atLineEnd = service.completions(document.uri, { line: 0, character: 10_000 })?.items ?? [];
    assert.deepEqual(atLineEnd, service.completions(document.uri, { line: 0, character: 27 })?.items);
    const afterEnd = service.completions(document.uri, { line: 99, character: 3 });
    assert.deepEqual(afterEnd, service.completions(document.uri, document.positionAt(document.getText().length)));
    assert.equal(service.hover(document.uri, { line: -1, character: Number.NaN }), null);
    const found = service.diagnostics(document.uri);
    const reversed = { start: { line: 7, character: 1 }, end: { line: 0, character: 2.5 } };
    const whole = { start: { line: 0, character: 2 }, end: document.positionAt(document.getText().length) };
    assert.deepEqual(service.codeActions(document.uri, reversed, found), service.codeActions(document.uri, whole, found));
  });

  it('follows the innermost loop of a name, as Liquid does', () => {
    const template = '{% for p in task.input.pairs %}{% for p in p.deeper %}{{ p.█ }}';
    assert.deepEqual(completionLabels(template, { files }), ['leaf']);
  });

  it('follows an alias chain as deep as a sample input goes, and gives up on chains deeper than any', () => {
    assert.deepEqual(completionLabels('{% assign x = task.input.a %}{% assign y = x.b %}{{ y.█ }}', { files }), ['c']);
    const deep = Array.from({ length: 100 }, (_, i) => `{% for v${i + 1} in v${i} %}`).join('');
    assert.deepEqual(completionLabels(`{% for v0 in task.input.pairs %}${deep}{{ v100.█ }}`, { files }), []);
  });

  it('keeps reporting task.input reads after a name is reassigned many times', () => {
    const reassigned = '{% assign x = task.input.a %}'.repeat(500);
    const found = diagnostics(`${reassigned}{{ x.missing }}{{ x.b }}`, { files }).filter((d) => d.code === 'undefined-input-field');
    assert.deepEqual(
      found.map((d) => d.text),
      ['missing'],
    );
  });

  it('reads elements nested deeper than 512 levels as siblings, and still checks them', () => {
    const template = `<crowd-form>${'<div>'.repeat(5000)}<crowd-input label="Q"></crowd-input>`;
    assert.deepEqual(
      diagnostics(template)
        .filter((d) => d.code === 'unnamed-crowd-field')
        .map((d) => d.text),
      ['crowd-input'],
    );
  });

  it('reads a run of brackets as nested too deeply, instead of every check failing on the stack', () => {
    const found = diagnostics(`{{ a${'['.repeat(100_000)} }}`);
    assert.ok(found.some((d) => d.message.startsWith('Nested more than 64 levels deep')));
    assert.deepEqual(
      found.filter((d) => d.message.includes('check failed')),
      [],
    );
  });
});
