/**
 * The JSON checks on a CloudFormation template: each check runs on every embedded document
 * (`cfn/embedded.ts`) as it runs on a loose file, its findings on the template's spans and its
 * fixes written in the template's syntax (`cfn/edits.ts`); a fix that cannot be written there is
 * not offered, the finding stays. The template's own syntax errors are reported once, by
 * `json-syntax` or `yaml-syntax`. What a check reported on a resource whose text the
 * predecessor had is reused (`cfn/reuse.ts`).
 */
import type { IamReference } from '../domain/iamReference';
import { JsonDocument } from '../json/document';
import type { Fix, JsonCheck, JsonCheckContext, Report } from '../checks/types';
import { sourceEdits } from './edits';
import { EmbeddedDocument, embeddedDocuments } from './embedded';
import { type ResourceRecord, allWithin, reuseOf } from './reuse';
import { moved } from '../util/spans';
import type { CloudFormationTemplate } from './template';

/** The checks that read the file's own syntax errors, once for the whole template (each for its syntax). */
const SYNTAX_CHECKS = new Set(['json-syntax', 'yaml-syntax']);

/** Documents whose reports are moved over between two yields (running a check on one is a step of its own). */
const MOVED_PER_STEP = 64;

/** Keeps what a check reported on a document. */
function keep(entry: ResourceRecord, code: string, index: number, reports: Report[] | null): void {
  const found = (entry.results.reports ??= new Map());
  let byDocument = found.get(code);
  if (!byDocument) found.set(code, (byDocument = []));
  byDocument[index] = reports;
}

/**
 * One JSON check on a template, a step per embedded document (a stack holds hundreds of policies).
 * A document whose resource the predecessor had with the same text gets the predecessor's reports,
 * moved (`cfn/reuse.ts`).
 */
export function* runCheckOnTemplate(
  template: CloudFormationTemplate,
  check: JsonCheck,
  iam: IamReference | undefined,
  report: (r: Report) => void,
): Generator<void, void> {
  if (SYNTAX_CHECKS.has(check.meta.code)) {
    const whole = new JsonDocument(template.uri, template.text, template.root, template.errors, undefined, template.syntax);
    const steps = check.run({ uri: template.uri, text: template.text, document: whole, iam, report });
    if (steps) yield* steps;
    return;
  }
  const code = check.meta.code;
  const uri = template.uri;
  const documents = embeddedDocuments(template);
  const reuse = reuseOf(template);
  // Whether the predecessor ran this check on all its documents: no report on one then means it found nothing.
  const ranBefore = !!reuse?.ranBefore(code);
  let current: EmbeddedDocument | undefined;
  let recorded: Report[] | undefined;
  // One context for all the documents: each document's run ends before the next document's starts.
  const context: JsonCheckContext = {
    uri,
    text: template.text,
    document: undefined as unknown as JsonDocument,
    iam,
    report: (r) => {
      const found = inTemplate(template, current!, r);
      recorded?.push(found);
      report(found);
    },
  };
  // Work done since the last yield: a run, or `MOVED_PER_STEP` documents' reports moved over.
  let done = 0;
  for (let i = 0; i < documents.length; i++) {
    const embedded = documents[i];
    // What the predecessor's resource of the same text had, or the check run and what it reports kept.
    const entry = reuse?.entries[i];
    if (entry?.same && ranBefore) {
      const old = entry.same.results.reports?.get(code)?.[embedded.index];
      if (old !== null) {
        if (old?.length) {
          const reports = moved(old, entry.start - entry.same.start, uri);
          for (const r of reports) report(r);
          keep(entry, code, embedded.index, reports);
        }
        if ((done += 1 / MOVED_PER_STEP) >= 1) {
          done = 0;
          yield;
        }
        continue;
      }
    }
    if (done) yield;
    done = 1;
    current = embedded;
    context.document = embedded.json;
    recorded = entry ? [] : undefined;
    const steps = check.run(context);
    if (steps) yield* steps;
    if (entry && recorded?.length) keep(entry, code, embedded.index, allWithin(recorded, entry, uri) ? recorded : null);
  }
  reuse?.completed(code);
}

/** A finding of an embedded document, its fixes in the template's syntax. */
export function inTemplate(template: CloudFormationTemplate, embedded: EmbeddedDocument, report: Report): Report {
  if (!report.fixes?.length) return report;
  const fixes = report.fixes.flatMap((fix): Fix[] => {
    const edits = sourceEdits(template, embedded, fix.edits);
    return edits ? [{ ...fix, edits }] : [];
  });
  return { ...report, fixes };
}
