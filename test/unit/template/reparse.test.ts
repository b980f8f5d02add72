/**
 * A template parsed again around an edit (`reparse.ts`) against a whole parse of the edited
 * text: the same document, node for node (every offset, every link between nodes, every error),
 * over chains of random edits to the corpus templates and a generated one, each version reparsed
 * from the last one's tree. The edits are the ones typing makes (characters, words, tags and
 * Liquid half-written, ranges deleted), so both the reparse and its refusals are exercised.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { HtmlElement, LiquidNode, TemplateDocument } from '../../../server/src/service/template/document';
import { parseTemplate } from '../../../server/src/service/template/parser';
import { reparseSteps } from '../../../server/src/service/template/reparse';
import { runSteps } from '../../../server/src/service/util/steps';
import { PIECES as TYPED, random, templateSeeds } from '../../fuzz/fuzz';
import { generateTemplate } from '../../helpers/generate';
import { ROOT, emptyService, findingsText } from '../../helpers/service';

/** The document as plain data: nodes linked by their index in the document's lists. */
function snapshot(document: TemplateDocument): unknown {
  const elements = new Map<HtmlElement, number>(document.elements.map((e, i) => [e, i]));
  const liquid = new Map<LiquidNode, number>(document.liquid.map((n, i) => [n, i]));
  const index = <T>(map: Map<T, number>, item: T | undefined) => (item === undefined ? undefined : (map.get(item) ?? 'not listed'));
  return {
    text: document.text,
    roots: document.roots.map((e) => index(elements, e)),
    elements: document.elements.map((e) => ({
      ...e,
      parent: index(elements, e.parent),
      children: e.children.map((c) => index(elements, c)),
      attributes: e.attributes.map((a) => ({ ...a, liquid: a.liquid.map((n) => index(liquid, n)) })),
    })),
    liquid: document.liquid.map((n) => ({
      ...n,
      element: index(elements, n.element),
      attribute: n.attribute && [index(elements, n.element), n.element?.attributes.indexOf(n.attribute)],
      ...(n.kind === 'tag' ? { closer: index(liquid, n.closer), parentBlock: index(liquid, n.parentBlock) } : {}),
    })),
    errors: document.errors,
    htmlComments: document.htmlComments,
    liquidVerbatim: document.liquidVerbatim,
  };
}

/** Typing's leftovers (the fuzz layer's), and whole tags that open and close elements and blocks. */
const PIECES = [
  ...TYPED,
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<li>',
  '<br>',
  '<img src="{{ task.input.a | grant_read_access }}">',
  '<crowd-input name="n"></crowd-input>',
  '{{ a | escape }}',
  '{% if a %}',
  '{% else %}',
  '{% endif %}',
  '{% for x in (1..3) %}',
  '{% assign b = a.c[d] | upcase %}',
  '{% endraw %}',
  '<svg>',
];

function edit(next: () => number, text: string): string {
  const at = Math.floor(next() * (text.length + 1));
  const r = next();
  // Mostly typing: a letter in, a letter out.
  if (r < 0.3) return text.slice(0, at) + 'abc '[Math.floor(next() * 4)] + text.slice(at);
  if (r < 0.5) return text.slice(0, at) + text.slice(at + 1);
  if (r < 0.75) return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
  // A deletion: a character or two (backspace), or a stretch (a selection).
  const length = Math.floor(next() * 200);
  if (r < 0.9) return text.slice(0, at) + text.slice(at + length);
  return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at + length);
}

describe('template reparse', () => {
  const seeds = [...templateSeeds().map((s) => ({ name: s.name, text: s.text })), { name: 'generated', text: generateTemplate(30_000) }];
  const EDITS = 100;
  let edits = 0;
  let reparsedInAll = 0;

  for (const seed of seeds) {
    it(`gives the whole parse's document after each of ${EDITS} random edits: ${seed.name}`, () => {
      const next = random(20261205 + seed.text.length);
      let text = seed.text;
      let tree = parseTemplate(text);
      let reparsed = 0;
      for (let i = 0; i < EDITS; i++) {
        const before = text;
        // Back to the seed now and then: edits pile up into a page where every later one is refused.
        text = edit(next, i % 15 === 14 ? seed.text : text);
        const whole = parseTemplate(text);
        const partial = runSteps(reparseSteps(tree, text));
        if (partial) {
          reparsed++;
          assert.deepEqual(snapshot(partial), snapshot(whole), `edit ${i} of ${seed.name}: ${JSON.stringify(diffAround(before, text))}`);
        }
        tree = partial ?? whole;
      }
      edits += EDITS;
      reparsedInAll += reparsed;
      // The rest were refused (and parsed whole): the comparison is not empty.
      assert.ok(reparsed >= 10, `${seed.name}: only ${reparsed} of ${EDITS} edits reparsed`);
    });
  }

  it('reparses a good part of the random edits (they pile up into broken pages, where most are refused)', () => {
    assert.ok(edits > 0 && reparsedInAll / edits >= 0.3, `${reparsedInAll} of ${edits}`);
  });

  it('give a template validated after each edit the findings of the same text validated afresh', () => {
    // Sections with findings: a misspelt filter, an unnamed field, presigning a non-S3 value, a stray end tag.
    const flawed =
      '  <div>\n    <img src="{{ task.input.image | grant_read_acess }}">\n    <crowd-input label="No name"></crowd-input>\n' +
      '    <img src="{{ "https://example.com/a.png" | grant_read_access }}">\n    {% endfor %}\n  </div>\n';
    const body = generateTemplate(12_000);
    const cut = (from: number) => body.indexOf('\n  <div', from) + 1;
    let text = body.slice(0, cut(0)) + flawed + body.slice(cut(0), cut(body.length / 2)) + flawed + body.slice(cut(body.length / 2));
    const uri = `${ROOT}/task.liquid.html`;
    const service = emptyService();
    const next = random(1205);
    for (let version = 1; version <= 150; version++) {
      // Back to the first text now and then: a page broken by many edits is one where most are refused.
      if (version > 1) text = edit(next, version % 25 === 0 ? body : text);
      service.setDocument(TextDocument.create(uri, 'html', version, text), { validateNext: true });
      runSteps(service.diagnosticsSteps(uri));
      const other = emptyService();
      other.setDocument(TextDocument.create(uri, 'html', 1, text));
      assert.equal(findingsText(service, uri), findingsText(other, uri), `version ${version}`);
    }
  });

  it('reparses only around the edit: the nodes before and after it are the same objects, moved', () => {
    const text = '<div><p>{{ a }}</p><p>one</p><p>{% if b %}{{ c | d: e }}{% endif %}</p></div>';
    const tree = parseTemplate(text);
    const [, first, second, third] = tree.elements;
    const output = tree.liquid[0];
    const edited = text.replace('one', 'one two');
    const result = runSteps(reparseSteps(tree, edited))!;
    assert.ok(result, 'reparsed');
    assert.deepEqual(snapshot(result), snapshot(parseTemplate(edited)));
    assert.equal(result.elements[1], first, 'the paragraph before the edit is kept');
    assert.equal(result.elements[2], second, 'the edited paragraph is kept, its content parsed again');
    assert.equal(result.elements[3], third, 'the paragraph after it is kept, moved');
    assert.equal(third.start, edited.indexOf('<p>{% if'));
    assert.equal(result.liquid[0], output, 'a Liquid node before the edit is kept');
  });

  it('refuses what it cannot parse in part: an edit that opens a block closed after it, inside raw, at the end outside every element', () => {
    const text = '<div><p>x</p>{% if a %}<p>y</p>{% endif %}</div>';
    const opened = text.replace('<p>x</p>', '<p>x</p>{% if z %}');
    assert.equal(runSteps(reparseSteps(parseTemplate(text), opened)), undefined);
    const raw = '{% raw %}<div><p>x</p></div>{% endraw %}';
    assert.equal(runSteps(reparseSteps(parseTemplate(raw), raw.replace('x', 'xy'))), undefined);
    const tail = '<div></div>\n';
    assert.equal(runSteps(reparseSteps(parseTemplate(tail), tail + 'x')), undefined);
  });
});

/** The changed part of an edit, for a failure's message. */
function diffAround(before: string, after: string): { at: number; removed: string; inserted: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { at: start, removed: before.slice(start, before.length - tail), inserted: after.slice(start, after.length - tail) };
}
