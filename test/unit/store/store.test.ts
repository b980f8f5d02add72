import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, memo } from '../../../server/src/service/store/store';

const URI = 'file:///ws/a.json';

/** A memo's computations, counted: what the rule lets a reader take back, and what it makes it work out again. */
function counting(store: DocumentStore, m = memo<string>('length', 'none')) {
  let computed = 0;
  const get = (document: TextDocument, input?: unknown) =>
    store.read(document, m, input) ?? store.write(document, m, `${++computed}:${document.getText().length}`, input);
  return { get, computed: () => computed, memo: m };
}

function edited(document: TextDocument, text: string): TextDocument {
  return TextDocument.update(document, [{ text }], document.version + 1);
}

describe('the document store', () => {
  it('keeps a memo while the document is the same object at the same version', () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const { get, computed } = counting(store);
    assert.equal(get(document), '1:2');
    assert.equal(get(document), '1:2');
    store.set(edited(document, '{ }'));
    assert.equal(get(document), '2:3');
    // Another object at the same version (the file read from disk, then opened) is another text.
    const opened = TextDocument.create(URI, 'json', document.version, '{  }');
    store.set(opened);
    assert.equal(get(opened), '3:4');
    assert.equal(computed(), 3);
  });

  it('works out again when the epoch the memo declares moves, and only then', () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const recognition = counting(store, memo<string>('recognised', 'recognition'));
    const settings = counting(store, memo<string>('checked', 'settings'));
    const text = counting(store, memo<string>('parsed', 'none'));
    const all = () => [recognition, settings, text].map((c) => c.get(document));
    all();
    store.moveEpochs(false);
    all();
    assert.deepEqual(
      [recognition, settings, text].map((c) => c.computed()),
      [1, 2, 1],
    );
    store.moveEpochs(true);
    all();
    assert.deepEqual(
      [recognition, settings, text].map((c) => c.computed()),
      [2, 3, 1],
    );
  });

  it('compares the input a memo read by identity', () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const { get, computed } = counting(store);
    const sample = { uri: 'file:///ws/a.input.json' };
    get(document, sample);
    get(document, sample);
    get(document, { ...sample });
    get(document, undefined);
    assert.equal(computed(), 3);
  });

  it('keeps a memo of the URI across versions and objects, until its epoch moves', () => {
    const store = new DocumentStore();
    let document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const { get, computed } = counting(store, memo<string>('candidates', 'settings', { of: 'uri' }));
    get(document);
    document = edited(document, '{ }');
    store.set(document);
    get(document);
    const opened = TextDocument.create(URI, 'json', 7, '{}');
    store.set(opened);
    get(opened);
    assert.equal(computed(), 1);
    store.moveEpochs(false);
    get(opened);
    assert.equal(computed(), 2);
  });

  it("gives the latest memo of an earlier version of the same object, not of another object's", () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const { get, memo: m } = counting(store);
    get(document);
    store.set(edited(document, '{ }'));
    assert.equal(store.latest(document, m), '1:2');
    assert.equal(store.read(document, m), undefined);
    const opened = TextDocument.create(URI, 'json', 3, '{}');
    store.set(opened);
    assert.equal(store.latest(opened, m), undefined);
    store.moveEpochs(true);
    assert.equal(store.latest(document, m), undefined);
  });

  it('keeps a memo with `keep` for that many documents, the least recently used dropped first', () => {
    const store = new DocumentStore();
    const m = memo<string>('tree', 'none', { keep: 2 });
    const documents = ['a', 'b', 'c'].map((name) => TextDocument.create(`file:///ws/${name}.json`, 'json', 1, name));
    for (const document of documents) store.set(document);
    const [a, b, c] = documents;
    store.write(a, m, 'a');
    store.write(b, m, 'b');
    assert.equal(store.read(a, m), 'a');
    store.write(c, m, 'c');
    assert.deepEqual(
      documents.map((d) => store.read(d, m)),
      ['a', undefined, 'c'],
    );
  });

  it('keeps nothing for a document it does not hold, and drops every memo of one removed', () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    const { get, computed, memo: m } = counting(store);
    get(document);
    get(document);
    assert.equal(computed(), 2);
    store.set(document);
    get(document);
    store.delete(URI);
    assert.equal(store.get(URI), undefined);
    store.set(document);
    assert.equal(store.read(document, m), undefined);
    assert.equal(store.last(URI, m), undefined);
  });

  it('works a memo out in steps once, keeping what a reader in between kept first, null included', () => {
    const store = new DocumentStore();
    const document = TextDocument.create(URI, 'json', 1, '{}');
    store.set(document);
    const m = memo<string | null>('in steps', 'none');
    let runs = 0;
    const steps = function* (value: string | null) {
      runs++;
      yield;
      yield;
      return value;
    };
    const drain = (g: Generator<void, string | null>) => {
      let yields = 0;
      let next = g.next();
      for (; !next.done; next = g.next()) yields++;
      return { yields, value: next.value };
    };
    // A reader keeps its own value between two steps: it is the one returned and kept.
    const run = store.keep(document, m, () => steps('stepped'));
    run.next();
    store.write(document, m, null);
    assert.deepEqual(drain(run), { yields: 1, value: null });
    assert.equal(store.read(document, m), null);
    // Kept (even as null): not worked out again.
    assert.deepEqual(drain(store.keep(document, m, () => steps('again'))), { yields: 0, value: null });
    assert.equal(runs, 1);
    const other = memo<string | null>('other', 'none');
    assert.deepEqual(drain(store.keep(document, other, () => steps('stepped'))), { yields: 2, value: 'stepped' });
    assert.equal(store.read(document, other), 'stepped');
  });
});
