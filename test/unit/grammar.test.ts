/**
 * The TextMate grammars, run through vscode-textmate with VS Code's own HTML, CSS and JavaScript
 * grammars: Liquid is highlighted in text, attributes, `<script>`, `<style>` and comments, for
 * `.html` (injection) and `.liquid` (our language).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, IGrammar, IRawGrammar, Registry, parseRawGrammar } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function vendored(name: string): string {
  return require.resolve(`tm-grammars/grammars/${name}.json`);
}

const FILES: Record<string, string> = {
  'text.html.basic': vendored('html'),
  'source.css': vendored('css'),
  'source.js': vendored('javascript'),
};
for (const g of manifest.contributes.grammars as { scopeName: string; path: string }[]) FILES[g.scopeName] = path.join(ROOT, g.path);

const injections = new Map<string, string[]>();
for (const g of manifest.contributes.grammars as { scopeName: string; injectTo?: string[] }[]) {
  for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
}

let registry: Registry;

before(async () => {
  const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName): Promise<IRawGrammar | null> => {
      const file = FILES[scopeName];
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
});

/** The scopes of the first token whose text is `needle` (searching from `after`). */
function scopesOf(grammar: IGrammar, text: string, needle: string, after = ''): string[] {
  let state = INITIAL;
  let seenAfter = after === '';
  for (const line of text.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    for (const token of tokens) {
      const value = line.slice(token.startIndex, token.endIndex);
      if (!seenAfter && value.includes(after)) seenAfter = true;
      if (seenAfter && value.trim() === needle) return token.scopes;
    }
  }
  assert.fail(`no token "${needle}" in ${JSON.stringify(text)}`);
}

describe('TextMate grammars', () => {
  const places: [string, string][] = [
    ['text', '<p>{{ task.input.img | s3_presign }}</p>'],
    ['a double-quoted attribute', '<img src="{{ task.input.img | s3_presign }}">'],
    ['a single-quoted attribute', "<crowd-classifier categories='{{ task.input.img | s3_presign }}'></crowd-classifier>"],
    ['a script string', "<script>\n  const u = '{{ task.input.img | s3_presign }}';\n</script>"],
    ['a style block', '<style>\n  .a { background: url({{ task.input.img | s3_presign }}); }\n</style>'],
    ['an HTML comment', '<!-- {{ task.input.img | s3_presign }} -->'],
  ];

  for (const [scopeName, kind] of [
    ['text.html.basic', '.html (injection)'],
    ['text.html.liquid.gt', '.liquid'],
  ]) {
    describe(kind, () => {
      for (const [where, text] of places) {
        it(`highlights Liquid output and the presign filter in ${where}`, async () => {
          const grammar = (await registry.loadGrammar(scopeName))!;
          assert.ok(scopesOf(grammar, text, 's3_presign').includes('support.function.filter.presign.liquid'));
          assert.ok(scopesOf(grammar, text, '{{').includes('punctuation.definition.tag.begin.liquid'));
          assert.ok(scopesOf(grammar, text, 'task').includes('variable.language.liquid'));
        });
      }
    });
  }

  it('highlights tags and keeps the HTML around them', async () => {
    const grammar = (await registry.loadGrammar('text.html.basic'))!;
    const text = '<div>{% for item in task.input.items %}<span>{{ item }}</span>{% endfor %}</div>';
    assert.ok(scopesOf(grammar, text, 'for').includes('keyword.control.liquid'));
    assert.ok(scopesOf(grammar, text, 'span').some((s) => s.startsWith('entity.name.tag')));
  });

  it('marks skip_autoescape apart from the other filters', async () => {
    const grammar = (await registry.loadGrammar('text.html.basic'))!;
    assert.ok(scopesOf(grammar, '<p>{{ task.input.html | skip_autoescape }}</p>', 'skip_autoescape').includes('support.function.filter.unsafe.liquid'));
  });

  it('leaves {% raw %} bodies and {% comment %} bodies unhighlighted as Liquid', async () => {
    const grammar = (await registry.loadGrammar('text.html.basic'))!;
    const raw = scopesOf(grammar, '<p>{% raw %}{{ not_liquid }}{% endraw %}</p>', '{{ not_liquid }}');
    assert.ok(!raw.includes('meta.embedded.liquid.output'));
    const comment = scopesOf(grammar, '{% comment %}{{ note }}{% endcomment %}', '{{ note }}');
    assert.ok(comment.includes('comment.block.liquid'));
  });
});
