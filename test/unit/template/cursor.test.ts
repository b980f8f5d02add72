/**
 * The cursor's reading (completion, hover, code actions) against the parser's tree (the checks),
 * on the fuzzer's seeded documents: real templates cut and broken as typing leaves them. Both come
 * from one lexer; this holds the cursor's bookkeeping (which token holds it, which loops are open)
 * to what the tree says.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CursorContext, readCursor } from '../../../server/src/service/template/cursor';
import { TemplateLexer } from '../../../server/src/service/template/lexer';
import type { LiquidTag, TemplateDocument } from '../../../server/src/service/template/document';
import { BLOCK_TAGS, parseTemplate } from '../../../server/src/service/template/parser';
import { FIXTURES, boundaries, generate, random, templateSeeds } from '../../fuzz/fuzz';

/** A context as a string that names what identifies it. */
function shown(context: CursorContext): string {
  switch (context.kind) {
    case 'liquid':
      return `liquid ${context.delimiter} ${context.openStart}`;
    case 'verbatim':
      return `verbatim ${context.tag}`;
    case 'tag-name':
      return `tag-name ${context.start}${context.closing ? ' closing' : ''}`;
    case 'attribute-name':
      return `attribute-name ${context.element} ${context.start} [${context.written.join(',')}]`;
    case 'attribute-value':
      return `attribute-value ${context.element} ${context.attribute} ${context.valueStart}`;
    default:
      return context.kind;
  }
}

const UNCLOSED = /^This (output "\{\{"|tag "\{%") is not closed/;

/** Whether an unclosed `{%` is a `{% liquid` tag, whose lines the cursor reads as typed markup. */
function isLiquidTag(text: string, start: number): boolean {
  return /^-?\s*liquid(?![A-Za-z0-9_])/.test(text.slice(start + 2, start + 40));
}

/** What the tree says the cursor is in, by the cursor's documented rules. */
function treeContext(document: TemplateDocument, offset: number): string {
  const { text } = document;
  const openers = [
    ...document.liquid
      .filter((n) => !(n.kind === 'tag' && n.inLiquidTag))
      .map((n) => ({ start: n.start, end: n.end, closed: true, output: n.kind === 'output' })),
    ...document.errors
      .filter((e) => UNCLOSED.test(e.message))
      .map((e) => ({ start: e.start, end: e.end, closed: false, output: e.message.includes('output') })),
  ]
    .filter((o) => o.start < offset)
    .sort((a, b) => a.start - b.start);
  const last = openers[openers.length - 1];
  if (last && offset >= last.start + 2 && (last.closed ? offset <= last.end - 2 : offset <= last.end || isLiquidTag(text, last.start))) {
    return `liquid ${last.output ? '{{' : '{%'} ${last.start}`;
  }
  const verbatim = document.liquidVerbatim.find((v) => v.start <= offset && offset <= v.end);
  if (verbatim?.kind === 'comment') return 'verbatim comment';
  if (document.htmlComments.some((c) => c.start < offset && offset < c.end)) return 'raw-text';
  if (document.elements.some((e) => e.contentStart !== undefined && e.contentStart <= offset && offset <= e.contentEnd!)) return 'raw-text';
  const element = document.elements.find((e) => e.start < offset && (offset < e.startTagEnd || (offset === e.startTagEnd && text[e.startTagEnd - 1] !== '>')));
  if (element) {
    if (offset <= element.nameEnd) return `tag-name ${element.nameStart}`;
    const written: string[] = [];
    for (const a of element.attributes) {
      if (a.nameStart <= offset && offset <= a.nameEnd) return `attribute-name ${element.name} ${a.nameStart} [${written.join(',')}]`;
      if (a.valueStart !== undefined && a.valueStart <= offset && offset <= a.valueEnd!) return `attribute-value ${element.name} ${a.name} ${a.valueStart}`;
      if (a.nameEnd < offset) written.push(a.name);
    }
    return `attribute-name ${element.name} ${offset} [${written.join(',')}]`;
  }
  const closing = document.elements.find((e) => e.endTagStart !== undefined && e.endTagStart + 2 <= offset && offset <= e.endTagStart + 2 + e.name.length);
  if (closing) return `tag-name ${closing.endTagStart! + 2} closing`;
  if (text[offset - 1] === '<') return `tag-name ${offset}`;
  if (verbatim) return 'verbatim raw';
  return 'text';
}

/** The block tags open at the cursor, by the tree's matching: neither they nor a block around them closed before it. */
function openBlocks(document: TemplateDocument, offset: number): LiquidTag[] {
  const open = (tag: LiquidTag | undefined): boolean => !tag || ((!tag.closer || tag.closer.end > offset) && open(tag.parentBlock));
  return document.liquid.filter((n): n is LiquidTag => n.kind === 'tag' && BLOCK_TAGS.has(n.name) && n.end <= offset && open(n));
}

/** The names in scope at the cursor, by the tree. */
function treeScope(document: TemplateDocument, offset: number): string[] {
  const before = (n: LiquidTag) => (n.inLiquidTag ? n.end < offset : n.end <= offset);
  const tags = document.liquid.filter((n): n is LiquidTag => n.kind === 'tag' && before(n));
  const loops = openBlocks(document, offset)
    .filter((t) => (t.name === 'for' || t.name === 'tablerow') && t.syntax.source)
    .map((t) => t.syntax.defines!.name);
  const assigned = tags
    .filter((t) => (t.name === 'assign' && t.syntax.source) || t.name === 'capture')
    .flatMap((t) => (t.syntax.defines ? [t.syntax.defines.name] : []));
  return [...new Set([...loops, ...assigned])].sort();
}

interface Sample {
  name: string;
  text: string;
}

function samples(): Sample[] {
  const templates = templateSeeds();
  const rng = random(20261204);
  const generated = Array.from({ length: 400 }, () => generate(rng, templates)).map((c, i) => ({ name: `generated ${i} from ${c.name}`, text: c.text }));
  const kept = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as { name: string; text: string })
    .filter((k) => !k.name.endsWith('.json'));
  return [...templates, ...kept, ...generated];
}

describe('the cursor reading', () => {
  it('agrees with the parser on what the cursor is in and what is in scope, on the seeded fuzz corpus', function () {
    this.timeout(120_000);
    const rng = random(7);
    let compared = 0;
    for (const { name, text } of samples()) {
      const document = parseTemplate(text);
      const offsets = boundaries(text);
      for (let n = 0; n < 40 && offsets.length; n++) {
        const offset = offsets[Math.floor(rng() * offsets.length)];
        const reading = readCursor(text, offset);
        const where = `${name} at ${offset}: ${JSON.stringify(text.slice(Math.max(0, offset - 40), offset))}█${JSON.stringify(text.slice(offset, offset + 20))}`;
        const context = shown(reading.context);
        // A stray end tag is no element's: the tree drops it, the lexer still names it (in text, or
        // in a {% raw %} body, which is still HTML: the tree then says the body).
        const tree = treeContext(document, offset);
        if (!(context.endsWith(' closing') && (tree === 'text' || tree === 'verbatim raw'))) assert.equal(context, tree, where);
        const opener = reading.context.kind === 'liquid' ? reading.context.openStart : -1;
        const typingLiquidTag = opener !== -1 && isLiquidTag(text, opener) && !document.liquid.some((l) => l.start === opener);
        if (!typingLiquidTag) {
          assert.deepEqual([...new Set(reading.scope().map((v) => v.name))].sort(), treeScope(document, offset), where);
          assert.equal(reading.openBlock(), openBlocks(document, offset).pop()?.name, where);
        }
        compared++;
      }
    }
    assert.ok(compared > 10_000, `${compared} readings compared`);
  });

  it('names an end tag typed in a {% raw %} body, which is still HTML, even one that closes nothing', () => {
    const text = '<{% raw %}/strong>{{ task.input.text2 }}</p>\n{% endraw %}';
    const at = text.indexOf('</p') + 3;
    assert.deepEqual(readCursor(text, at).context, { kind: 'tag-name', start: at - 1, closing: true });
    // The tree drops the stray end tag: for it, the offset is in the raw body.
    assert.equal(treeContext(parseTemplate(text), at), 'verbatim raw');
  });

  it('reads each version of a text afresh, and earlier offsets of one version as if read first', () => {
    const before = '{% for x in task.input.items %}{{ x }}{% endfor %}<p title="a">{{ ';
    const names = (text: string, offset: number) =>
      readCursor(text, offset)
        .scope()
        .map((v) => v.name);
    assert.deepEqual(names(before, before.length), []);
    assert.deepEqual(names(before, before.indexOf('{{ x') + 3), ['x']);
    const edited = before.replace('{% endfor %}', '');
    assert.deepEqual(names(edited, edited.length), ['x']);
    assert.equal(readCursor(edited, edited.indexOf('title') + 2).context.kind, 'attribute-name');
  });

  it('starts a bounded window before the cursor in a document too large for the API', () => {
    const head = '{% for x in task.input.items %}';
    const text = `${head}${'<p>filler</p>\n'.repeat(20_000)}{{ `;
    const offset = text.length;
    assert.deepEqual(
      readCursor(text, offset)
        .scope()
        .map((v) => v.name),
      [],
    );
    const small = `${head}<p>filler</p>{{ `;
    assert.deepEqual(
      readCursor(small, small.length)
        .scope()
        .map((v) => v.name),
      ['x'],
    );
  });

  describe('a new version of the text', () => {
    /** Everything a request reads of the cursor, as a string. */
    const reading = (text: string, offset: number) => {
      const read = readCursor(text, offset);
      return `${shown(read.context)} | ${read.openBlock()} | ${read
        .scope()
        .map((v) => `${v.kind} ${v.name} ${v.inputPath?.map(String).join('.')}`)
        .join(', ')}`;
    };
    /** The same reading from no earlier one: a one-character text shares no checkpoint with any other. */
    const fresh = (text: string, offset: number) => {
      readCursor('x', 1);
      return reading(text, offset);
    };
    const SNIPPETS = [
      '{{ ',
      '{% ',
      '<',
      '</p>',
      '{% raw %}',
      '{% endraw %}',
      '{% comment %}',
      '<!--',
      '-->',
      '<script>',
      '</script>',
      '"',
      '{% for y in task.input.rows %}',
      '{% endfor %}',
      '}}',
      '%}',
      '\n',
      'x',
    ];

    it('reads as a first reading would, going on from what it read of the earlier version up to the edit', function () {
      this.timeout(120_000);
      const rng = random(20261205);
      const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
      const all = samples();
      let compared = 0;
      for (let n = 0; n < 300; n++) {
        // Long enough to hold several checkpoints: a few samples one after another.
        const text = Array.from({ length: 6 }, () => pick(all).text).join('\n');
        const offsets = boundaries(text);
        // The earlier version is read at a few offsets, as requests come while the user moves about.
        for (let r = 0; r < 3; r++) readCursor(text, pick(offsets));
        const at = pick(offsets);
        const edited =
          rng() < 0.7
            ? text.slice(0, at) + pick(SNIPPETS) + text.slice(at)
            : text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rng() * 200)));
        const after = boundaries(edited);
        // Requests right after the key: at the edit, then elsewhere.
        for (const offset of [Math.min(at + 1, edited.length), pick(after), pick(after)]) {
          const stepped = reading(edited, offset);
          assert.equal(stepped, fresh(edited, offset), `edit at ${at}, read at ${offset}: ${JSON.stringify(edited.slice(Math.max(0, offset - 60), offset))}`);
          // Back to the edited version as the last read, for the next offset's rebased reading.
          readCursor(text, pick(offsets));
          compared++;
        }
      }
      assert.equal(compared, 900);
    });

    it('lexes again only from the last checkpoint before the edit, not from the start of the window', () => {
      const text = '{% for row in task.input.rows %}<p>{{ row.text }}</p>\n'.repeat(2_000) + '{% endfor %}';
      const at = text.length - 5_000;
      readCursor(text, text.length);
      const edited = text.slice(0, at) + '<b>' + text.slice(at);
      const starts: number[] = [];
      const run = TemplateLexer.prototype.run;
      TemplateLexer.prototype.run = function (this: TemplateLexer, from?: number, until?: number) {
        starts.push(from ?? 0);
        return run.call(this, from, until);
      };
      try {
        assert.equal(reading(edited, edited.length - 20), fresh(edited, edited.length - 20));
      } finally {
        TemplateLexer.prototype.run = run;
      }
      // The rebased reading went on from a checkpoint within a step of the edit; the fresh one from the top.
      assert.ok(starts[0] <= at && starts[0] > at - 2 * 4_096, `went on from ${starts[0]}, the edit at ${at}`);
      assert.ok(starts.includes(0));
    });
  });
});
