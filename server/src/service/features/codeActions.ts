/**
 * Quick fixes come from the findings of the current document version (re-using the cached
 * run), matched to the diagnostics the editor sends back by code and range, so edits in the
 * document are computed against the text they apply to. Edits in other files are worked out
 * here, against those files as they are now: a finding is kept while another file changes in
 * ways that change none of its facts, and offsets taken when it was made would be stale.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Fix, OffsetEdit } from '../checks/types';
import { PRESIGN_FILTERS } from '../domain/liquid';
import type { CodeActionSource } from '../ports';
import { liquidAt } from '../template/cursor';
import { lexMarkup } from '../template/liquidExpression';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export function getCodeActions(service: CodeActionSource, document: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  // Asked at every cursor move, mostly with no diagnostic of ours: findings are read only when there is one to fix.
  const findings = ours.length ? service.fixableFindings(document.uri) : [];
  for (const diagnostic of ours) {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    // The message tells apart findings of one check at one place (a template against each of two workteams).
    const finding = findings.find((f) => f.code === diagnostic.code && f.start === start && f.end === end && f.message === diagnostic.message);
    for (const fix of finding?.fixes ?? []) {
      const others = otherChanges(service, fix);
      if (!others) continue;
      const action = toCodeAction(document, fix, CodeActionKind.QuickFix, [diagnostic], others);
      // Findings at one place may offer the same fix (a workteam without IP restriction, and templates presigning for it): list it once, for both.
      const same = actions.find((a) => a.title === action.title && JSON.stringify(a.edit) === JSON.stringify(action.edit));
      if (same) same.diagnostics!.push(diagnostic);
      else actions.push(action);
    }
  }
  actions.push(...presignSwaps(document, range));
  return actions;
}

/**
 * `grant_read_access` ↔ `s3_presign` at the cursor: same job, different name. The editor asks
 * for code actions at every cursor move, so this reads only the cursor's window (`template/cursor.ts`).
 */
function presignSwaps(document: TextDocument, range: Range): CodeAction[] {
  const text = document.getText();
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const liquid = liquidAt(text, start);
  if (!liquid) return [];
  const tokens = lexMarkup(text, liquid.markupStart, liquid.markupEnd);
  const actions: CodeAction[] = [];
  for (const [i, token] of tokens.entries()) {
    if (tokens[i - 1]?.kind !== 'pipe' || !PRESIGN_FILTERS.has(token.value) || token.end < start || token.start > end) continue;
    const call = { name: token.value, nameStart: token.start, nameEnd: token.end };
    const other = call.name === 's3_presign' ? 'grant_read_access' : 's3_presign';
    const fix = { title: `Use ${other} instead of ${call.name}`, edits: [{ start: call.nameStart, end: call.nameEnd, newText: other }] };
    actions.push(toCodeAction(document, fix, CodeActionKind.RefactorRewrite));
  }
  return actions;
}

/** A fix's edits in other files, against their text now; undefined when one of them is gone or no longer takes the fix. */
function otherChanges(service: CodeActionSource, fix: Fix): Record<string, TextEdit[]> | undefined {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, resolve] of Object.entries(fix.otherEdits ?? {})) {
    const other = service.getDocument(uri);
    const edits = other && resolve({ text: other.getText(), json: service.jsonParsed(other) });
    if (!other || !edits?.length) return undefined;
    changes[uri] = edits.map((e) => toTextEdit(other, e));
  }
  return changes;
}

function toCodeAction(document: TextDocument, fix: Fix, kind: string, diagnostics?: Diagnostic[], others: Record<string, TextEdit[]> = {}): CodeAction {
  const edit: WorkspaceEdit = { changes: { [document.uri]: fix.edits.map((e) => toTextEdit(document, e)), ...others } };
  return { title: fix.title, kind, diagnostics, edit, isPreferred: fix.preferred };
}

function toTextEdit(document: TextDocument, edit: OffsetEdit): TextEdit {
  return TextEdit.replace(Range.create(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
}
