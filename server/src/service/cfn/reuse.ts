/**
 * What a version of a CloudFormation template reuses of its predecessor (an earlier version of
 * the same file), resource by resource.
 *
 * A key typed in one resource of a stack leaves the others' text as it was, and what the JSON
 * checks find in an embedded document, and the cross-file facts read from it, are a function of
 * the document's tree: with no intrinsic to work out (`EmbeddedDocument.resolved`), in a file
 * without errors or YAML aliases, a function of its resource's text. So a resource whose text is
 * the same as the predecessor's gets the predecessor's reports and facts, moved by the distance
 * the resource moved, instead of reading its documents again: a stack holds hundreds to
 * thousands of them. Only those results are held from one version to the next, not the tree.
 */
import type { Report } from '../checks/types';
import type { DocumentFacts } from '../workspace/facts';
import { type EmbeddedDocument, embeddedDocuments } from './embedded';
import type { CloudFormationTemplate } from './template';
import { isSelfContained } from './yaml';
import { spansWithin } from '../util/spans';

/** What was worked out from one resource's documents, each by its place among them (`EmbeddedDocument.index`). */
export interface ResourceResults {
  /** By check: what it reported on each document, on the template's offsets, when it reported anything; null when a report reached outside the resource. */
  reports?: Map<string, (Report[] | null)[]>;
  /** Each document's cross-file facts, on the template's offsets; null when a fact reached outside the resource. */
  facts?: (DocumentFacts | null)[];
}

/** A resource of the template, with the text its results were worked out from. */
export interface ResourceRecord {
  /** From its key to the end of its value. */
  text: string;
  start: number;
  results: ResourceResults;
  /**
   * The predecessor's results for its resource of the same name, and where that started, when
   * its text was the same. Its results only: its record would hold every version before it.
   */
  same?: { start: number; results: ResourceResults };
}

interface TemplateRecord {
  resources: Map<string, ResourceRecord>;
  /** Each embedded document's resource, in the order of `embeddedDocuments` (undefined for a resolved document). */
  entries?: (ResourceRecord | undefined)[];
  /** The checks that ran on every document: one of them with no report on a document reported nothing there. */
  completed: Set<string>;
  /** The predecessor's `completed`, kept once the entries are made (the predecessor's record, and its text, are let go then). */
  completedBefore?: Set<string>;
}

const records = new WeakMap<CloudFormationTemplate, TemplateRecord>();
/** The predecessor's record. */
const inherited = new WeakMap<CloudFormationTemplate, TemplateRecord>();

/** Makes `template` reuse what was worked out for `previous`, an earlier version of the same file. */
export function succeeds(template: CloudFormationTemplate, previous: CloudFormationTemplate | undefined): void {
  const record = previous && records.get(previous);
  if (record && previous !== template) inherited.set(template, record);
}

/**
 * Whether a template's documents are read from their resources' text alone: no error (a parse
 * recovering from one may read across resources) and, in YAML, no alias (which reads an anchor
 * elsewhere).
 */
function readsResourcesAlone(template: CloudFormationTemplate): boolean {
  return !template.errors.length && (template.syntax === 'json' || isSelfContained(template.root));
}

/**
 * The template's reuse of its predecessor: each embedded document's resource record (undefined
 * for a document that reads more than its resource), and whether the predecessor's checks of
 * a code ran to the end. Undefined when the template's documents cannot be reused at all.
 */
export function reuseOf(
  template: CloudFormationTemplate,
): { entries: (ResourceRecord | undefined)[]; ranBefore: (code: string) => boolean; completed: (code: string) => void } | undefined {
  if (!readsResourcesAlone(template)) return undefined;
  let record = records.get(template);
  if (!record) records.set(template, (record = { resources: new Map(), completed: new Set() }));
  const own = record;
  if (!own.entries) {
    const before = inherited.get(template);
    own.entries = embeddedDocuments(template).map((embedded) => (embedded.resolved ? undefined : recordFor(template, embedded, own, before)));
    own.completedBefore = before?.completed;
    inherited.delete(template);
  }
  return { entries: own.entries, ranBefore: (code) => !!own.completedBefore?.has(code), completed: (code) => own.completed.add(code) };
}

function recordFor(template: CloudFormationTemplate, embedded: EmbeddedDocument, record: TemplateRecord, before: TemplateRecord | undefined): ResourceRecord {
  const id = embedded.resource.logicalId;
  let entry = record.resources.get(id);
  if (!entry) {
    const { key, node } = embedded.resource;
    const start = key.offset;
    const text = template.text.slice(start, node.offset + node.length);
    const old = before?.resources.get(id);
    entry = { text, start, results: {}, same: old?.text === text ? { start: old.start, results: old.results } : undefined };
    record.resources.set(id, entry);
  }
  return entry;
}

/** Whether every span in a value (a report, facts: any object with a numeric start and end) lies in the record's resource. Related places in other files aside. */
export function allWithin(value: unknown, entry: ResourceRecord, uri: string): boolean {
  return spansWithin(value, entry.start, entry.start + entry.text.length, uri);
}
