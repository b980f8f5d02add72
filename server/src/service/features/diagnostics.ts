/** Findings → LSP diagnostics, at the edge where offsets become positions. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../checks/types';

export const DIAGNOSTIC_SOURCE = 'gtlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, documentOf: (uri: string) => TextDocument | undefined, docsBaseUri?: string): Diagnostic {
  const document = documentOf(finding.uri)!;
  const diagnostic: Diagnostic = {
    range: Range.create(document.positionAt(finding.start), document.positionAt(finding.end)),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (docsBaseUri) diagnostic.codeDescription = { href: `${docsBaseUri}/${finding.code}.md` };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  const related = (finding.related ?? []).flatMap((r) => {
    const other = documentOf(r.uri);
    return other
      ? [DiagnosticRelatedInformation.create({ uri: r.uri, range: Range.create(other.positionAt(r.start), other.positionAt(r.end)) }, r.message)]
      : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}
