/**
 * What the statement-local checks (`JsonCheck.statementLocal`) found on a loose policy, kept per
 * statement from one version to the next.
 *
 * A key typed inside one statement of a policy is read again by parsing that statement alone
 * (`json/treeReuse.ts`): the other statements keep their text, and what a statement-local check
 * reports on a statement is a function of its text. So such a check runs on the statement the
 * key was in, and takes the predecessor's reports on the others, moved by the distance they
 * moved (a 1 MB policy holds thousands of statements). Reports are kept only from a run that
 * ended, each filed under the statement that holds all its spans; a check one of whose reports
 * lies outside every statement, or that reached the findings cap, runs whole next time.
 */
import type { Node } from 'jsonc-parser';
import { type JsonCheck, type JsonCheckContext, MAX_FINDINGS_PER_CHECK, type Report } from '../checks/types';
import { moved, spansWithin } from '../util/spans';
import type { JsonDocument } from './document';
import { statementAlone } from './policies';
import { type StatementReread, statementReread, topStatements } from './treeReuse';

/** A check's reports on one tree, by index in its Statement list (undefined: none there). */
type ReportsByStatement = (Report[] | undefined)[];

/** By tree: by check code, its reports on that tree's statements, from a run that ended. */
const kept = new WeakMap<Node, Map<string, ReportsByStatement>>();
/** By document: the document as its statement-local checks read it after a key (`statementAlone`); null where it cannot be. */
const alones = new WeakMap<JsonDocument, JsonDocument | null>();
/** By tree read from its predecessor: what was kept on the predecessor (taken once, so that the predecessor's tree is let go). */
const inherited = new WeakMap<Node, Map<string, ReportsByStatement>>();

/**
 * Runs a statement-local check on a policy: on the statement a key was typed in, when the
 * document was read from its predecessor and the predecessor's reports are kept; on every
 * statement otherwise. Past the findings cap (`MAX_FINDINGS_PER_CHECK`), which reports a run
 * keeps depends on their order: the check runs whole, and nothing is kept.
 */
export function* runStatementLocal(check: JsonCheck, context: Omit<JsonCheckContext, 'report'>, report: (r: Report) => void): Generator<void, void> {
  const root = context.document.root;
  const items = topStatements(root);
  let byStatement = items && (yield* reusedRun(check, context, items));
  if (!byStatement) {
    const all: Report[] = [];
    const steps = check.run({ ...context, report: (r) => all.push(r) });
    if (steps) yield* steps;
    byStatement = items && all.length < MAX_FINDINGS_PER_CHECK ? fileByStatement(all, items, context.uri) : undefined;
    // Reports it cannot file are reported as they came, and nothing is kept for the next version.
    if (!byStatement) {
      for (const r of all) report(r);
      if (root) kept.get(root)?.delete(check.meta.code);
      return;
    }
  }
  // In the order of the statements: the findings are sorted by place after the checks, and a
  // statement's reports keep the order the check gave them.
  for (const reports of byStatement) if (reports) for (const r of reports) report(r);
  let codes = kept.get(root!);
  if (!codes) kept.set(root!, (codes = new Map()));
  codes.set(check.meta.code, byStatement);
}

/** What was kept on the predecessor of a tree read from it, taken (and the predecessor let go) on first asking. */
function keptBefore(root: Node, reread: StatementReread): Map<string, ReportsByStatement> | undefined {
  if (reread.previous) {
    const before = kept.get(reread.previous);
    if (before) inherited.set(root, before);
    reread.previous = undefined;
  }
  return inherited.get(root);
}

/**
 * The run with the predecessor's reports: undefined when the document was not read from its
 * predecessor, or the predecessor's reports of this check are not kept, or the statement cannot
 * be read alone.
 */
function* reusedRun(check: JsonCheck, context: Omit<JsonCheckContext, 'report'>, items: readonly Node[]): Generator<void, ReportsByStatement | undefined> {
  const { document, uri } = context;
  const reread = statementReread(document.root);
  const before = reread && keptBefore(document.root!, reread)?.get(check.meta.code);
  if (!reread || !before || before.length !== items.length) return undefined;
  const statement = items[reread.at];
  let alone = alones.get(document);
  // One for the document's statement-local checks (each would otherwise find the statement's view and ARNs again).
  if (alone === undefined) alones.set(document, (alone = statementAlone(document, statement) ?? null));
  if (!alone) return undefined;
  const fresh: Report[] = [];
  const steps = check.run({ ...context, document: alone, report: (r) => fresh.push(r) });
  if (steps) yield* steps;
  const end = statement.offset + statement.length;
  if (!fresh.every((r) => spansWithin(r, statement.offset, end, uri))) return undefined;
  const out: ReportsByStatement = new Array(items.length);
  let count = fresh.length;
  for (let i = 0; i < items.length; i++) {
    const old = i === reread.at ? undefined : before[i];
    if (!old) continue;
    out[i] = i < reread.at ? old : moved(old, reread.delta, uri);
    count += old.length;
  }
  if (fresh.length) out[reread.at] = fresh;
  // Past the cap, which reports a whole run keeps depends on its order: it runs whole.
  return count < MAX_FINDINGS_PER_CHECK ? out : undefined;
}

/** Reports filed under the statement holding all their spans, each statement's in their order; undefined when one lies in none. */
function fileByStatement(reports: readonly Report[], items: readonly Node[], uri: string): ReportsByStatement | undefined {
  const out: ReportsByStatement = new Array(items.length);
  for (const r of reports) {
    const i = indexAt(items, r.start);
    const item = items[i];
    if (!item || !spansWithin(r, item.offset, item.offset + item.length, uri)) return undefined;
    (out[i] ??= []).push(r);
  }
  return out;
}

/** The index of the last item starting at or before `offset` (-1 for none). */
function indexAt(items: readonly Node[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle].offset <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
