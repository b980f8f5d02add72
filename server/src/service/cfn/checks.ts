/**
 * The JSON checks on a CloudFormation template: each check runs on every embedded document
 * (`cfn/embedded.ts`) as it runs on a loose file, its findings on the template's spans and its
 * fixes written in the template's syntax (`cfn/edits.ts`); a fix that cannot be written there is
 * not offered, the finding stays. The template's own syntax errors are reported once, by
 * `json-syntax` or `yaml-syntax`.
 */
import type { IamReference } from '../domain/iamReference';
import { JsonDocument } from '../json/document';
import type { Fix, JsonCheck, JsonCheckContext, Report } from '../checks/types';
import { sourceEdits } from './edits';
import { EmbeddedDocument, embeddedDocuments } from './embedded';
import type { CloudFormationTemplate } from './template';

/** The checks that read the file's own syntax errors, once for the whole template (each for its syntax). */
const SYNTAX_CHECKS = new Set(['json-syntax', 'yaml-syntax']);

/** One JSON check on a template, a step per embedded document (a stack holds hundreds of policies). */
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
  let current: EmbeddedDocument | undefined;
  // One context for all the documents: each document's run ends before the next document's starts.
  const context: JsonCheckContext = {
    uri: template.uri,
    text: template.text,
    document: undefined as unknown as JsonDocument,
    iam,
    report: (r) => report(inTemplate(template, current!, r)),
  };
  let first = true;
  for (const embedded of embeddedDocuments(template)) {
    if (!first) yield;
    first = false;
    current = embedded;
    context.document = embedded.json;
    const steps = check.run(context);
    if (steps) yield* steps;
  }
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
