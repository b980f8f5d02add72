/**
 * The documents the service holds, and everything worked out from them, kept once.
 *
 * Every analysis of a document (what it is, its JSON parse, its sample input's parse, its
 * findings...) is a memo in the document's slot, and one rule says when a memo may be read back:
 *
 *   A memo is valid while (1) its document is the same object at the same version as when it was
 *   worked out (a memo of the URI alone, `of: 'uri'`, asks only that the URI is held), (2) the one epoch it
 *   declares has not moved (`settings`, `recognition`, or `none`), and (3) the other analysis it
 *   read, if any (`input`: a template's sample input), is the same object.
 *
 * Nothing else invalidates. Setting a document does not clear its slot (a request right after an
 * edit may ask for the latest memo of an earlier version, `latest`); removing or releasing a
 * document drops its slot; `configure` moves the epochs, `recognition` (what decides what a file
 * is: `jsonFiles` and the workspace folders) only ever together with `settings`. A memo of a
 * document the store does not hold, or no longer holds as that object, is worked out and not kept.
 *
 * The store knows no kind of document: the analyses of each kind (`store/template.ts`,
 * `store/json.ts`) declare their memos with `memo()` and keep them here, reading with
 * `read(...) ?? write(..., worked out)`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The one thing besides the text that a memo depends on. */
export type Epoch = 'none' | 'recognition' | 'settings';

export interface Memo<T> {
  /** For messages and debugging. */
  readonly name: string;
  readonly epoch: Epoch;
  /** `uri`: a function of the document's URI (and epoch) alone, kept across versions. */
  readonly of: 'text' | 'uri';
  /** At most this many documents keep the memo, the least recently used dropped first. */
  readonly keep?: number;
  /** Never read: carries the value's type. */
  readonly type?: T;
}

/** Declares a memo: one per analysis, at module level, so its identity is its key. */
export function memo<T>(name: string, epoch: Epoch, options: { of?: 'text' | 'uri'; keep?: number } = {}): Memo<T> {
  return { name, epoch, of: options.of ?? 'text', keep: options.keep };
}

interface Entry {
  document: TextDocument;
  version: number;
  epoch: number;
  input: unknown;
  value: unknown;
}

interface Slot {
  document: TextDocument;
  memos: Map<Memo<unknown>, Entry>;
}

export class DocumentStore {
  private readonly slots = new Map<string, Slot>();
  private readonly epochs: Record<Epoch, number> = { none: 0, recognition: 0, settings: 0 };
  /** Per memo with `keep`: the URIs holding it, most recently used last. */
  private readonly recency = new Map<Memo<unknown>, Set<string>>();

  /** Adds or replaces a document; its memos stay, to be found out of date by the rule. */
  set(document: TextDocument): void {
    const slot = this.slots.get(document.uri);
    if (slot) slot.document = document;
    else this.slots.set(document.uri, { document, memos: new Map() });
  }

  /** Forgets a document and every memo of it. */
  delete(uri: string): void {
    const slot = this.slots.get(uri);
    if (!slot) return;
    for (const memo of slot.memos.keys()) this.recency.get(memo)?.delete(uri);
    this.slots.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.slots.get(uri)?.document;
  }

  all(): TextDocument[] {
    return [...this.slots.values()].map((s) => s.document);
  }

  *documents(): IterableIterator<TextDocument> {
    for (const slot of this.slots.values()) yield slot.document;
  }

  uris(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** Moves the epochs after a change of settings: `recognition` too when what decides what a file is changed. */
  moveEpochs(recognition: boolean): void {
    this.epochs.settings++;
    if (recognition) this.epochs.recognition++;
  }

  /** The current count of an epoch (a key for what is worked out outside the store, such as the workspace index's facts). */
  epoch(epoch: Epoch): number {
    return this.epochs[epoch];
  }

  /**
   * The rule as a key, for what is kept beyond a document's text (the workspace index keeps a
   * file's facts after gtlint drops its text): the document object (by a number, so the key does
   * not keep the text alive), its version and the epoch.
   */
  key(document: TextDocument, epoch: Epoch): string {
    return `${identity(document)}@${document.version}|${this.epochs[epoch]}`;
  }

  /** The memo's value under the rule, or undefined when there is none valid: `read(...) ?? write(..., compute())`. */
  read<T>(document: TextDocument, memo: Memo<T>, input?: unknown): T | undefined {
    const slot = this.slots.get(document.uri);
    if (slot?.document !== document) return undefined;
    const entry = slot.memos.get(memo);
    if (!entry || !this.valid(entry, document, memo, input)) return undefined;
    this.used(memo, document.uri);
    return entry.value as T;
  }

  /** Keeps a value worked out for the document as it is now (not kept when the store does not hold this document). */
  write<T>(document: TextDocument, memo: Memo<T>, value: T, input?: unknown): T {
    const slot = this.slots.get(document.uri);
    if (slot?.document !== document) return value;
    slot.memos.set(memo, { document, version: document.version, epoch: this.epochs[memo.epoch], input, value });
    this.used(memo, document.uri);
    return value;
  }

  /**
   * The kept value, or `steps` run (a validation's slices) and its value kept. A request in between
   * two steps may have worked it out in one go and kept it first: that value stays, and is
   * returned, so that every reader holds the same.
   */
  *keep<T>(document: TextDocument, memo: Memo<T>, steps: () => Generator<void, T>): Generator<void, T> {
    const kept = this.read(document, memo);
    if (kept !== undefined) return kept;
    const value = yield* steps();
    const first = this.read(document, memo);
    return first !== undefined ? first : this.write(document, memo, value);
  }

  /**
   * The memo last worked out for this document object, of its current version or an earlier one,
   * under the current epoch: for a request right after an edit, which may read what the last
   * validation found rather than wait for the work of the new version.
   */
  latest<T>(document: TextDocument, memo: Memo<T>): T | undefined {
    return this.latestEntry(document, memo)?.value as T | undefined;
  }

  /** `latest`, and the version of the document it was worked out from. */
  latestWithVersion<T>(document: TextDocument, memo: Memo<T>): { value: T; version: number } | undefined {
    const entry = this.latestEntry(document, memo);
    return entry && entry.value !== undefined ? { value: entry.value as T, version: entry.version } : undefined;
  }

  private latestEntry(document: TextDocument, memo: Memo<unknown>): Entry | undefined {
    const slot = this.slots.get(document.uri);
    const entry = slot?.document === document ? slot.memos.get(memo) : undefined;
    if (!entry || entry.document !== document || entry.epoch !== this.epochs[memo.epoch]) return undefined;
    this.used(memo, document.uri);
    return entry;
  }

  /** The value last kept for a URI, whatever it was worked out from (the service compares what it needs itself). */
  last<T>(uri: string, memo: Memo<T>): T | undefined {
    return this.slots.get(uri)?.memos.get(memo)?.value as T | undefined;
  }

  private valid(entry: Entry, document: TextDocument, memo: Memo<unknown>, input: unknown): boolean {
    return (
      (memo.of === 'uri' || (entry.document === document && entry.version === document.version)) &&
      entry.epoch === this.epochs[memo.epoch] &&
      entry.input === input
    );
  }

  /** Marks the memo of `uri` as the most recently used, and drops the least recently used past `keep`. */
  private used(memo: Memo<unknown>, uri: string): void {
    if (memo.keep === undefined) return;
    let uris = this.recency.get(memo);
    if (!uris) this.recency.set(memo, (uris = new Set()));
    uris.delete(uri);
    uris.add(uri);
    for (const oldest of uris) {
      if (uris.size <= memo.keep) break;
      uris.delete(oldest);
      this.slots.get(oldest)?.memos.delete(memo);
    }
  }
}

const identities = new WeakMap<TextDocument, number>();
let nextIdentity = 0;

/** A number per TextDocument object, which stays the same across its versions. */
function identity(document: TextDocument): number {
  let id = identities.get(document);
  if (id === undefined) identities.set(document, (id = nextIdentity++));
  return id;
}
