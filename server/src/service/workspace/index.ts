/**
 * The workspace index: the facts of every template and recognised JSON file the service holds
 * (open in the editor, or read from disk by the host), brought up to date lazily, once per
 * document version. `epoch` changes only when some file's facts change, positions aside, so
 * cross-file findings are recomputed only then: typing above a fact moves it without changing
 * it. Such moves are counted apart (`movedSince`), for the findings that point at those places.
 */
import { MAX_CHECKED_LENGTH } from '../checks/template/template-too-large';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../languageService';
import { basename } from '../util/uri';
import { CorsFacts, DocumentFacts, IpGate, JobFacts, TemplateFacts, TrustFacts, WorkforceFacts, WorkteamFacts, jsonFacts, templateFacts } from './facts';

export interface Indexed<F> {
  uri: string;
  /** The file as messages name it: relative to its workspace folder. */
  path: string;
  facts: F;
}

/** The other files of the same workspace folder, as the cross-file checks see them. */
export interface WorkspaceView {
  templates(): Indexed<TemplateFacts>[];
  workteams(): Indexed<WorkteamFacts>[];
  workforces(): Indexed<WorkforceFacts>[];
  jobs(): Indexed<JobFacts>[];
  trusts(): Indexed<TrustFacts>[];
  ipGates(): Indexed<IpGate[]>[];
  cors(): Indexed<CorsFacts>[];
  /** The facts of the document being checked. */
  self(): DocumentFacts | undefined;
  /** How messages name a file. */
  path(uri: string): string;
}

interface Entry {
  key: string;
  facts: DocumentFacts;
  /** The facts without their positions: what other files' checks depend on. */
  signature: string;
  /** The facts with their positions. */
  serial: string;
  /** The `moves` count when the positions last changed. */
  moved: number;
}

/** Facts as text, positions left out (`Span`'s start and end). */
function signatureOf(facts: DocumentFacts): string {
  return JSON.stringify(facts, (key, value: unknown) => (key === 'start' || key === 'end' ? undefined : value));
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private epochValue = 0;
  /** Counts the updates that moved some file's facts. */
  private moves = 0;

  constructor(private readonly service: LanguageService) {}

  get epoch(): number {
    return this.epochValue;
  }

  /** Brings every document's facts up to date and returns the epoch. */
  refresh(): number {
    const seen = new Set<string>();
    for (const document of this.service.allDocuments()) {
      seen.add(document.uri);
      this.update(document);
    }
    for (const uri of this.entries.keys()) {
      if (!seen.has(uri)) {
        this.entries.delete(uri);
        this.epochValue++;
      }
    }
    return this.epochValue;
  }

  /** The facts of one document (computing them if its version changed). */
  factsOf(document: TextDocument): DocumentFacts {
    return this.update(document).facts;
  }

  forget(uri: string): void {
    if (this.entries.delete(uri)) this.epochValue++;
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
    const serial = JSON.stringify(facts);
    const signature = signatureOf(facts);
    const moved = !entry || entry.serial !== serial ? ++this.moves : entry.moved;
    const next = { key, facts, signature, serial, moved };
    this.entries.set(document.uri, next);
    if (!entry || entry.signature !== signature) this.epochValue++;
    return next;
  }

  private compute(document: TextDocument): DocumentFacts {
    try {
      return this.computeUnsafe(document);
    } catch {
      // A file whose facts cannot be read takes no part in cross-file checks; its own checks still run.
      return {};
    }
  }

  private computeUnsafe(document: TextDocument): DocumentFacts {
    switch (this.service.kindOf(document)) {
      case 'template':
        // Like its own checks, a file far over the template limit takes no part (parsing it would cost every keystroke).
        if (document.getText().length > MAX_CHECKED_LENGTH) return {};
        return { template: templateFacts(this.service.templateTree(document), this.service.sampleInputFor(document.uri)) };
      case 'json': {
        const json = this.service.jsonParsed(document);
        return json ? jsonFacts(json, basename(document.uri)) : {};
      }
      default:
        return {};
    }
  }

  /** What the checks of `uri` see: the other files of its workspace folder. */
  view(uri: string): WorkspaceView {
    const folder = this.service.folderOf(uri);
    const others = [...this.entries].filter(([other]) => other !== uri && this.service.folderOf(other) === folder);
    const pick = <F>(get: (facts: DocumentFacts) => F | undefined): Indexed<F>[] =>
      others.flatMap(([other, entry]) => {
        const facts = get(entry.facts);
        return facts === undefined ? [] : [{ uri: other, path: this.service.displayPath(other), facts }];
      });
    return {
      templates: () => pick((f) => f.template),
      workteams: () => pick((f) => f.workteam),
      workforces: () => pick((f) => f.workforce),
      jobs: () => pick((f) => f.job),
      trusts: () => pick((f) => f.trust),
      ipGates: () => pick((f) => f.ipGates),
      cors: () => pick((f) => f.cors),
      self: () => this.entries.get(uri)?.facts,
      path: (other) => this.service.displayPath(other),
    };
  }
}
