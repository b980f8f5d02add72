/**
 * The workspace index: the facts of every template and recognised JSON file the service holds
 * (open in the editor, or read from disk by the host), brought up to date lazily, once per
 * document version. `epoch` changes only when some file's facts change, positions aside, so
 * cross-file findings are recomputed only then: typing above a fact moves it without changing
 * it. Such moves are counted apart (`movedSince`), for the findings that point at those places.
 *
 * Work per edit does not grow with the workspace: only the documents set since the last
 * refresh are looked at, and the checks find the files of their folder by kind of fact.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexSource } from '../ports';
import type { DocumentFacts } from './facts';
import type { Indexed, WorkspaceView } from './view';

type FactKind = keyof DocumentFacts;

interface Entry {
  key: string;
  facts: DocumentFacts;
  /** The `moves` count when the positions last changed. */
  moved: number;
  /** The workspace folder the file is in (`OUTSIDE` for none), and the kinds of facts it has: where it is listed. */
  folder: string;
  kinds: FactKind[];
}

/** The group of files in no workspace folder (which still see each other). */
const OUTSIDE = '';

/**
 * Whether two facts are the same JSON data (a member whose value is undefined is no member),
 * their positions (`Span`'s start and end) left out unless `positions`. A walk, not their JSON
 * compared: a 1 MB policy's facts are 300 KB of it, and each key typed in it made four such
 * strings, each in the large-object space until a full collection.
 */
export function sameFacts(a: unknown, b: unknown, positions: boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameFacts(a[i], b[i], positions)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) {
    if (!positions && (key === 'start' || key === 'end')) continue;
    if (!sameFacts(x[key], y[key], positions)) return false;
  }
  for (const key in y) {
    if (!positions && (key === 'start' || key === 'end')) continue;
    if (x[key] === undefined && y[key] !== undefined) return false;
  }
  return true;
}

/**
 * What a document's cross-file findings were computed from: the kinds of fact its checks read in
 * its folder, and the stamp of those kinds then. They are out of date only when that stamp moves,
 * so a template opened beside a thousand others does not make the others' checks run again.
 */
export interface Dependencies {
  folder: string;
  kinds: FactKind[];
  stamp: string;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  /** Documents set or changed since the last refresh. */
  private readonly dirty = new Set<string>();
  /**
   * Dirty documents whose facts wait for their own findings run (`settle`), which reads them
   * from the tree it parses a step at a time: worked out by a refresh for another document's
   * sake, they would cost a whole parse in one step.
   */
  private readonly later = new Set<string>();
  /** Workspace folder → kind of fact → the files that have it. */
  private groups = new Map<string, Map<FactKind, Set<string>>>();
  /** The workspace folders changed: every file's group is to be found again. */
  private regroup = false;
  private epochValue = 0;
  /** Workspace folder → kind of fact → a count bumped whenever a file of that folder gains, loses or changes facts of that kind. */
  private readonly kindEpochs = new Map<string, Map<FactKind, number>>();
  /** Bumped when the workspace folders change: files may have moved between folders. */
  private regroups = 0;
  /** Counts the updates that moved some file's facts. */
  private moves = 0;

  constructor(private readonly service: IndexSource) {}

  get epoch(): number {
    return this.epochValue;
  }

  /**
   * A document was set: its facts are brought up to date on the next refresh, or, `later`, on the
   * first refresh after its own findings run has begun (`settle`). Until then the other
   * documents' checks see its previous facts, and its run, once its facts change, makes them
   * out of date as any change does.
   */
  touch(uri: string, later = false): void {
    this.dirty.add(uri);
    if (later) this.later.add(uri);
    else this.later.delete(uri);
  }

  /** The document's findings run has begun: its facts are worked out on the next refresh. */
  settle(uri: string): void {
    this.later.delete(uri);
  }

  /** What decides what files are, or where they belong, changed: every document is looked at again on the next refresh. */
  touchAll(): void {
    for (const uri of this.service.uris()) this.dirty.add(uri);
    this.regroup = true;
  }

  /** Brings the facts of the documents set since the last refresh up to date and returns the epoch. */
  refresh(): number {
    if (this.regroup) {
      this.regroup = false;
      this.regroups++;
      this.groups = new Map();
      for (const [uri, entry] of this.entries) {
        entry.folder = this.service.folderOf(uri) ?? OUTSIDE;
        this.list(uri, entry);
      }
    }
    for (const uri of this.dirty) {
      if (this.later.has(uri)) continue;
      this.dirty.delete(uri);
      const document = this.service.getDocument(uri);
      if (document) this.update(document);
      else this.forget(uri);
    }
    return this.epochValue;
  }

  /**
   * A document's facts for its own cross-file checks: a document whose validation works them out
   * after its diagnostics (`touch` with `later`) has them worked out now, when a check reads them.
   */
  private ownFacts(uri: string): DocumentFacts | undefined {
    const document = this.dirty.has(uri) ? this.service.getDocument(uri) : undefined;
    return document ? this.factsOf(document) : this.entries.get(uri)?.facts;
  }

  /** The facts of one document (computing them if its version changed). */
  factsOf(document: TextDocument): DocumentFacts {
    this.later.delete(document.uri);
    return this.update(document).facts;
  }

  /**
   * The document's text is about to be dropped while its facts stay: strings cut out of a text
   * (V8 keeps substrings as slices of it) would keep the whole text alive, so the facts are
   * copied into strings of their own. Facts are plain JSON data (compared as JSON).
   */
  detach(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) entry.facts = JSON.parse(JSON.stringify(entry.facts)) as DocumentFacts;
  }

  forget(uri: string): void {
    this.dirty.delete(uri);
    this.later.delete(uri);
    const entry = this.entries.get(uri);
    if (!entry) return;
    this.unlist(uri, entry);
    this.entries.delete(uri);
    this.epochValue++;
    this.bump(entry.folder, entry.kinds);
  }

  /** The stamp of some kinds of fact in a folder; compare it with `Dependencies.stamp`. */
  stamp(folder: string, kinds: readonly FactKind[]): string {
    const epochs = this.kindEpochs.get(folder);
    return `${this.regroups}:${kinds.map((k) => epochs?.get(k) ?? 0).join(',')}`;
  }

  /** Whether the facts a document's cross-file findings were computed from have changed since. */
  changedSince(dependencies: Dependencies): boolean {
    this.refresh();
    return this.stamp(dependencies.folder, dependencies.kinds) !== dependencies.stamp;
  }

  private bump(folder: string, kinds: Iterable<FactKind>): void {
    let epochs = this.kindEpochs.get(folder);
    if (!epochs) this.kindEpochs.set(folder, (epochs = new Map()));
    for (const kind of kinds) epochs.set(kind, (epochs.get(kind) ?? 0) + 1);
  }

  /** The current count of moves, to compare with `movedSince` later. */
  get moveCount(): number {
    return this.moves;
  }

  /** Whether any of these files' facts moved (same facts, other positions) since the count was `count`. */
  movedSince(uris: Iterable<string>, count: number): boolean {
    for (const uri of uris) if ((this.entries.get(uri)?.moved ?? 0) > count) return true;
    return false;
  }

  private update(document: TextDocument): Entry {
    const key = this.service.factsKey(document);
    const entry = this.entries.get(document.uri);
    if (entry && entry.key === key) return entry;
    const facts = this.compute(document);
    const kinds = (Object.keys(facts) as FactKind[]).filter((k) => facts[k] !== undefined);
    // The previous facts are compared with the new, not kept as text or digests from the last
    // update: a first reading (every file gtlint reads, every file opened) compares nothing.
    const same = entry !== undefined && sameFacts(entry.facts, facts, true);
    const moved = same ? entry.moved : ++this.moves;
    const folder = entry?.folder ?? this.service.folderOf(document.uri) ?? OUTSIDE;
    const next: Entry = { key, facts, moved, folder, kinds };
    if (entry) this.unlist(document.uri, entry);
    this.entries.set(document.uri, next);
    this.list(document.uri, next);
    const changed = new Set<FactKind>();
    if (!same) {
      for (const kind of new Set([...kinds, ...(entry?.kinds ?? [])])) {
        if (!entry || !sameFacts(entry.facts[kind], facts[kind], false)) changed.add(kind);
      }
    }
    if (!entry || changed.size) {
      this.epochValue++;
      this.bump(folder, changed);
    }
    return next;
  }

  private list(uri: string, entry: Entry): void {
    let group = this.groups.get(entry.folder);
    if (!group) this.groups.set(entry.folder, (group = new Map()));
    for (const kind of entry.kinds) {
      let uris = group.get(kind);
      if (!uris) group.set(kind, (uris = new Set()));
      uris.add(uri);
    }
  }

  private unlist(uri: string, entry: Entry): void {
    const group = this.groups.get(entry.folder);
    for (const kind of entry.kinds) group?.get(kind)?.delete(uri);
  }

  private compute(document: TextDocument): DocumentFacts {
    try {
      return this.service.factsOf(document);
    } catch {
      // A file whose facts cannot be read takes no part in cross-file checks; its own checks still run.
      return {};
    }
  }

  /**
   * What the checks of `uri` see: the other files of its workspace folder. `dependencies()` says,
   * once the checks have run, which kinds of fact they read.
   */
  view(uri: string): WorkspaceView & { dependencies(): Dependencies } {
    const folder = this.service.folderOf(uri) ?? OUTSIDE;
    const group = this.groups.get(folder);
    const read = new Set<FactKind>();
    const pick = <K extends FactKind>(kind: K): Indexed<NonNullable<DocumentFacts[K]>>[] => {
      read.add(kind);
      const out: Indexed<NonNullable<DocumentFacts[K]>>[] = [];
      for (const other of group?.get(kind) ?? []) {
        const facts = other === uri ? undefined : this.entries.get(other)?.facts[kind];
        if (facts !== undefined) out.push({ uri: other, path: this.service.displayPath(other), facts: facts as NonNullable<DocumentFacts[K]> });
      }
      return out;
    };
    /** A kind whose facts are lists, one `Indexed` per item (a CloudFormation template may hold several). */
    const each = <K extends 'workteams' | 'trusts' | 'cors'>(kind: K): Indexed<NonNullable<DocumentFacts[K]>[number]>[] =>
      pick(kind).flatMap(({ facts, ...file }) => facts.map((item) => ({ ...file, facts: item })));
    return {
      templates: () => pick('template'),
      workteams: () => each('workteams'),
      workforces: () => pick('workforce'),
      jobs: () => pick('job'),
      trusts: () => each('trusts'),
      ipGates: () => pick('ipGates'),
      cors: () => each('cors'),
      self: () => this.ownFacts(uri),
      dependencies: () => {
        const kinds = [...read].sort();
        return { folder, kinds, stamp: this.stamp(folder, kinds) };
      },
    };
  }
}
