/**
 * The narrow interfaces the service hands to its parts, instead of itself: each part declares
 * here what it reads, and nothing else of the service is reachable from it. Types only, and only
 * of the data the parts exchange, so the import graph has no circle through the service
 * (`test/unit/importGraph.test.ts`).
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CloudFormationTemplate } from './cfn/template';
import type { Finding } from './checks/types';
import type { IamReference } from './domain/iamReference';
import type { JsonDocument } from './json/document';
import type { JsonShapeInfo } from './json/kinds';
import type { SampleInput } from './sampleInput';
import type { DocumentFacts } from './workspace/facts';

/** What the workspace index (`workspace/index.ts`) reads: the documents held, where they are, and their facts by kind. */
export interface IndexSource {
  getDocument(uri: string): TextDocument | undefined;
  /** The URIs of every document held. */
  uris(): Iterable<string>;
  /** The workspace folder a document is in (the innermost one). */
  folderOf(uri: string): string | undefined;
  /** How messages name a file. */
  displayPath(uri: string): string;
  /** What decides a document's facts (the store's rule with the recognition epoch): facts are worked out again when it changes. */
  factsKey(document: TextDocument): string;
  /** A document's facts, worked out by its kind (`store/kinds.ts`): none for a file of no kind the service checks. */
  factsOf(document: TextDocument): DocumentFacts;
}

/** What JSON completion and hover (`features/json.ts`) read: what a document is, and its latest parse (`store/json.ts`). */
export interface JsonFeatureSource {
  /** What the document is, as of its latest parse. */
  shapeOf(document: TextDocument): JsonShapeInfo | undefined;
  /** The checks' tree of its latest parse, the text and the version it was parsed from, maybe an earlier one; never parsed for the asking. */
  latestTree(document: TextDocument): { root: JsonNode; text: string; version: number } | undefined;
  readonly iam?: IamReference;
}

/** What completion and hover in CloudFormation templates (`features/cloudFormation.ts`) read. */
export interface CloudFormationFeatureSource {
  /**
   * The template's latest parse, maybe of an earlier version (what a file is and its syntax do
   * not change while someone types in it); never parsed for the asking. Undefined for a file that is no template.
   */
  latestTemplate(document: TextDocument): CloudFormationTemplate | undefined;
  readonly iam?: IamReference;
}

/** What template completion and hover (`features/completion.ts`, `features/hover.ts`) read. */
export interface TemplateFeatureSource {
  /** Whether the editor's HTML support already covers elements and attributes in this document. */
  hostCoversHtml(document: TextDocument): boolean;
  sampleInputFor(templateUri: string): SampleInput | undefined;
  /** Where the sample input may be, most specific first. */
  sampleInputCandidates(templateUri: string): string[];
}

/** What code actions (`features/codeActions.ts`) read: the findings of this version, and other files as they are now. */
export interface CodeActionSource {
  /** The findings a quick fix is read from (`LanguageService.fixableFindings`). */
  fixableFindings(uri: string): Finding[];
  getDocument(uri: string): TextDocument | undefined;
  jsonParsed(document: TextDocument): JsonDocument | undefined;
}
