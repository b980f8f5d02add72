/**
 * Completion and hover in recognised JSON files, by vscode-json-languageservice over schemas
 * generated from the shapes (one language service per shape, created on first use). Its parse is
 * cached per document version, apart from the jsonc-parser tree the checks use, so documents
 * nobody completes in are parsed once.
 */
import { ClientCapabilities, JSONDocument, LanguageService as JsonLanguageService, getLanguageService } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionList, Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import type { JsonShapeId } from '../json/kinds';
import { schemaOf } from '../json/schema';
import type { LanguageService } from '../languageService';
import { SyncPromise, settled } from '../util/syncPromise';

export class JsonFeatures {
  private readonly services = new Map<JsonShapeId, JsonLanguageService>();
  private parsed?: { uri: string; version: number; document: TextDocument; json: JSONDocument };

  constructor(private readonly service: LanguageService) {}

  private languageService(id: JsonShapeId, shape: () => Parameters<typeof schemaOf>[0], label: string): JsonLanguageService {
    let ls = this.services.get(id);
    if (!ls) {
      ls = getLanguageService({ promiseConstructor: SyncPromise as unknown as PromiseConstructor, clientCapabilities: ClientCapabilities.LATEST });
      ls.configure({
        validate: false,
        allowComments: false,
        schemas: [{ uri: `gtlint://schemas/${id}.json`, fileMatch: ['*'], schema: schemaOf(shape(), label) }],
      });
      this.services.set(id, ls);
    }
    return ls;
  }

  private prepare(document: TextDocument): { ls: JsonLanguageService; json: JSONDocument } | undefined {
    const shape = this.service.jsonShapeOf(document);
    if (!shape) return undefined;
    const ls = this.languageService(shape.id, shape.shape, shape.label);
    const cached = this.parsed;
    if (cached && cached.uri === document.uri && cached.version === document.version && cached.document === document) return { ls, json: cached.json };
    let json: JSONDocument;
    try {
      json = ls.parseJSONDocument(document);
    } catch (error) {
      // Its parser recurses per nesting level: a hostile file gets no completion rather than a crash.
      if (error instanceof RangeError) return undefined;
      throw error;
    }
    // Only the document being edited is kept: completion and hover follow the cursor.
    this.parsed = { uri: document.uri, version: document.version, document, json };
    return { ls, json };
  }

  completions(document: TextDocument, position: Position): CompletionList | null {
    const prepared = this.prepare(document);
    if (!prepared) return null;
    const list = settled(prepared.ls.doComplete(document, position, prepared.json), null);
    return list && list.items.length ? list : null;
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const prepared = this.prepare(document);
    if (!prepared) return null;
    const hover = settled(prepared.ls.doHover(document, position, prepared.json), null);
    if (!hover) return null;
    const parts = (Array.isArray(hover.contents) ? hover.contents : [hover.contents]).map((c) => (typeof c === 'string' ? c : c.value)).filter(Boolean);
    if (!parts.length) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: hover.range };
  }
}
