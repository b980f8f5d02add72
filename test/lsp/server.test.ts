/**
 * The real server process over stdio, as an editor drives it: diagnostics, completion, hover,
 * quick fixes, settings, sample inputs read from disk, and survival on hostile documents.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { FILTERS } from '../../server/src/service/domain/liquid';
import { LspClient } from '../helpers/lspClient';
import { messageText } from '../helpers/service';

const SCRIPT = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n';

describe('language server over LSP', function () {
  this.timeout(60_000);
  let folder: string;
  let root: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gt-lsp-'));
    root = pathToFileURL(folder).href;
    writeFileSync(path.join(folder, 'cats.input.json'), JSON.stringify({ taskObject: 's3://bucket/cat.jpg', labels: ['Cat', 'Dog'] }));
    client = await LspClient.start({ rootUri: root, initializationOptions: { docsBaseUri: 'https://example.test/checks' }, settings: { gtTemplates: {} } });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const uri = (name: string) => `${root}/${name}`;

  it('publishes diagnostics with codes, exact ranges and documentation links', async () => {
    const text = `${SCRIPT}<crowd-form>\n  <img src="{{ task.input.taskObject | grant_read_acess }}">\n  <crowd-input label="Q"></crowd-input>\n</crowd-form>`;
    client.open(uri('a.liquid.html'), 'html', text);
    const diagnostics = await client.diagnostics(uri('a.liquid.html'));
    const document = TextDocument.create(uri('a.liquid.html'), 'html', 1, text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range)]),
      [
        ['unknown-filter', 'grant_read_acess'],
        ['unnamed-crowd-field', 'crowd-input'],
      ],
    );
    assert.equal(diagnostics[0].codeDescription?.href, 'https://example.test/checks/unknown-filter.md');
    assert.equal(diagnostics[0].source, 'gtlint');
  });

  it('reads the sample input from disk and checks task.input paths against it', async () => {
    client.open(uri('cats.liquid.html'), 'html', `${SCRIPT}<p>{{ task.input.lables }}</p>`);
    const diagnostics = await client.diagnostics(uri('cats.liquid.html'));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['undefined-input-field'],
    );
    assert.match(messageText(diagnostics[0]), /cats\.input\.json: did you mean "labels"/);
  });

  it('uses the sample input chosen in settings, and follows its changes on disk', async () => {
    mkdirSync(path.join(folder, 'samples'), { recursive: true });
    writeFileSync(path.join(folder, 'samples', 'shared.json'), JSON.stringify({ question: 'q' }));
    client.setSettings({ gtTemplates: { sampleInputs: { 'forms/*.liquid.html': 'samples/shared.json' } } });
    const name = `${root}/forms/survey.liquid.html`;
    client.open(name, 'html', `${SCRIPT}<p>{{ task.input.question }} {{ task.input.answer }}</p>`);
    const first = await client.diagnostics(name, (p) => p.diagnostics.length === 1);
    assert.match(messageText(first[0]), /task\.input\.answer is not in the sample input shared\.json/);
    writeFileSync(path.join(folder, 'samples', 'shared.json'), JSON.stringify({ question: 'q', answer: 'a' }));
    client.filesChanged([{ uri: `${root}/samples/shared.json`, type: 2 }]);
    assert.deepEqual(await client.diagnostics(name, (p) => p.diagnostics.length === 0), []);
    client.setSettings({ gtTemplates: {} });
  });

  it('completes the presigning filters first after "| " on task.input data', async () => {
    const text = `${SCRIPT}<img src="{{ task.input.taskObject | }}">`;
    client.open(uri('c.liquid.html'), 'html', text);
    const line = 1;
    const character = text.split('\n')[1].indexOf('| ') + 2;
    const items = await client.completion(uri('c.liquid.html'), { line, character });
    const labels = items.sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(labels.slice(0, 2), ['s3_presign', 'grant_read_access']);
    assert.ok(labels.includes('to_json') && labels.includes('upcase'));
  });

  it('completes task.input keys from the sample input on disk', async () => {
    const text = `${SCRIPT}{{ task.input. }}`;
    client.open(uri('cats.liquid.html'), 'html', text);
    const items = await client.completion(uri('cats.liquid.html'), { line: 1, character: '{{ task.input.'.length });
    assert.deepEqual(items.map((i) => i.label).sort(), ['labels', 'taskObject']);
  });

  describe('{% comment %} and {% raw %}, read by completion as by the checks', () => {
    let opened = 0;
    /** The sorted completion labels at `█` once the template (a new file, beside its sample input) is validated, and what undefined-input-field flags in it. */
    const seen = async (template: string) => {
      const name = `pairs-${++opened}.liquid.html`;
      writeFileSync(path.join(folder, name.replace('.liquid.html', '.input.json')), JSON.stringify({ pairs: [{ text: 't' }] }));
      const [before, after] = template.split('█');
      client.open(uri(name), 'html', `${SCRIPT}${before}${after}`);
      const flagged = (await client.diagnostics(uri(name))).filter((d) => d.code === 'undefined-input-field').length;
      const labels = (await client.completion(uri(name), { line: 1, character: before.length })).map((i) => i.label).sort();
      return { labels, flagged };
    };

    it('offers no loop variable of a loop they hide, where the checks do not follow it either', async () => {
      const live = '{% for x in task.input.pairs %}{{ x.nope }}{{ x.█text }}{% endfor %}';
      assert.deepEqual(await seen(live), { labels: ['text'], flagged: 1 });
      for (const [open, close] of [
        ['{% comment %}', '{% endcomment %}'],
        ['{% raw %}', '{% endraw %}'],
      ]) {
        const hidden = `${open}{% for x in task.input.pairs %}${close}{{ x.nope }}`;
        assert.deepEqual(await seen(`${hidden}{{ x.█text }}`), { labels: [], flagged: 0 }, open);
        assert.deepEqual((await seen(`${hidden}{{ █ }}`)).labels, ['task'], open);
      }
      assert.deepEqual((await seen('{% for x in task.input.pairs %}{{ █ }}{% endfor %}')).labels, ['forloop', 'task', 'x']);
    });

    it('offers nothing of Liquid inside them but their end tag', async () => {
      assert.deepEqual((await seen('{% comment %}{{ task.input.█ }}{% endcomment %}')).labels, []);
      assert.deepEqual((await seen('{% raw %}{{ task.input.pairs | █ }}{% endraw %}')).labels, []);
      assert.deepEqual((await seen('{% raw %}<p>{% █ %}</p>')).labels, ['endraw']);
    });
  });

  it('explains a filter on hover', async () => {
    client.open(uri('h.liquid.html'), 'html', `${SCRIPT}<img src="{{ task.input.img | s3_presign }}">`);
    const hover = await client.hover(uri('h.liquid.html'), { line: 1, character: 35 });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /\*\*s3_presign\*\*/);
    assert.match(value, /IamPolicyConstraints/);
  });

  it('offers a quick fix whose edit produces the corrected template', async () => {
    const text = `${SCRIPT}<crowd-form><crowd-from></crowd-from></crowd-form>`;
    client.open(uri('f.liquid.html'), 'html', text);
    const diagnostics = await client.diagnostics(uri('f.liquid.html'));
    const diagnostic = diagnostics.find((d) => d.code === 'unknown-crowd-element')!;
    const actions = await client.codeActions(uri('f.liquid.html'), diagnostic.range, [diagnostic]);
    const fix = actions.find((a) => a.title === 'Change to <crowd-form>')!;
    const edits = fix.edit!.changes![uri('f.liquid.html')] as TextEdit[];
    assert.equal(TextDocument.applyEdits(TextDocument.create('x', 'html', 1, text), edits), `${SCRIPT}<crowd-form><crowd-form></crowd-form></crowd-form>`);
  });

  it('applies severity settings, including off', async () => {
    client.setSettings({ gtTemplates: { checks: { 'unknown-filter': 'off', 'unnamed-crowd-field': 'error' } } });
    const diagnostics = await client.diagnostics(uri('a.liquid.html'), (p) => !p.diagnostics.some((d) => d.code === 'unknown-filter'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['unnamed-crowd-field', 1]],
    );
    client.setSettings({ gtTemplates: {} });
    await client.diagnostics(uri('a.liquid.html'), (p) => p.diagnostics.some((d) => d.code === 'unknown-filter'));
  });

  it('publishes diagnostics for the latest version after a burst of edits', async () => {
    const name = uri('burst.liquid.html');
    client.open(name, 'html', `${SCRIPT}`);
    let version = 1;
    const typed = '{{ task.input.a | grant_read_acess }}';
    for (let i = 0; i < typed.length; i++) {
      version = client.change(name, [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: typed[i] }]);
    }
    const diagnostics = await client.diagnosticsFor(name, version);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['unknown-filter'],
    );
  });

  it('checks binary and malformed documents like any other', async () => {
    const binary = 'task.input \u0000\u0001\u0002<crowd-\u0000{{ {% <<<>>> """ \uFFFD';
    client.open(uri('binary.html'), 'html', binary);
    client.open(uri('broken.liquid.html'), 'html', '{{ {{ {% if %}{% for %}<crowd-form <crowd-input name=" {{ task.input | | }}');
    // It reads task.input and writes <crowd-: a template, checked like any other, control characters and all.
    const seen = (await client.diagnostics(uri('binary.html'))).map((d) => [d.code, TextDocument.create('x', 'html', 1, binary).getText(d.range)]);
    assert.deepEqual(seen, [
      ['missing-crowd-script', 'crowd-\u0000'],
      ['unknown-crowd-element', 'crowd-\u0000'],
      ['liquid-syntax', '{{ {% <<<>>> """ \uFFFD'],
      ['liquid-syntax', '{% <<<>>> """ \uFFFD'],
    ]);
    const broken = await client.diagnostics(uri('broken.liquid.html'));
    assert.ok(broken.some((d) => d.code === 'liquid-syntax'));
  });

  it('completes in a 5 MB template right after an edit to it, and reports it as too large', async () => {
    const name = uri('big.liquid.html');
    const rows = 70_000;
    const big = `${SCRIPT}<crowd-form>\n${'<p>{{ task.input.text | escape }} <crowd-input name="n"></crowd-input></p>\n'.repeat(rows)}</crowd-form>`;
    assert.ok(big.length > 5_000_000);
    client.open(name, 'html', big);
    const typed = '<img src="{{ task.input.taskObject | ';
    const line = rows + 2;
    const version = client.change(name, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: typed }]);
    const items = await client.completion(name, { line, character: typed.length });
    const labels = items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    assert.deepEqual(labels.slice(0, 6), ['s3_presign', 'grant_read_access', 'to_json', 'escape', 'escape_once', 'skip_autoescape']);
    assert.equal(labels.length, FILTERS.length);
    const diagnostics = await client.diagnosticsFor(name, version);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['template-too-large'],
    );
    assert.match(messageText(diagnostics[0]), /The template has 5,250,135 characters; .* The other checks are off for files over 1 MB\./);
  });
});
