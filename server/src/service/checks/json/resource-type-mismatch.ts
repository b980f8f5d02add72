import type { Node } from 'jsonc-parser';
import { type ArnTemplate, mayName } from '../../domain/arnTemplate';
import { type StatementView, hasPolicyVariable, shortList } from '../../domain/iam';
import type { IamReference, IamResourceType, ResolvedAction } from '../../domain/iamReference';
import { policyStatements } from '../../json/policies';
import type { Fix, JsonCheck, Report } from '../types';
import { stepEvery } from '../../util/steps';
import { ownCopy } from '../../util/strings';

type Format = IamResourceType & { template: ArnTemplate };

export const resourceTypeMismatch: JsonCheck = {
  meta: {
    code: 'resource-type-mismatch',
    title: "Resource that none of the statement's actions takes",
    description:
      "A `Resource` ARN that matches no resource type of the statement's actions in AWS's Service Authorization Reference (an object ARN, `arn:aws:s3:::bucket/*`, for `s3:ListBucket`, which takes the bucket), or an action that none of the statement's resources is a resource of. The statement grants (or denies) nothing there. Only where the list decides: every action known, each with resource types, and no `*` or policy variable in the way.",
    severity: 'warning',
    scope: 'json',
    fixable: true,
  },
  statementLocal: true,
  *run({ document, iam, report }) {
    if (!iam) return;
    const step = stepEvery();
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      if (step()) yield;
      judgeStatement(statement, iam, report);
    }
  },
};

/**
 * One statement, in a function of its own and with no closure: a check's generator runs once per
 * validation and V8 does not optimize it in the middle of its loop, so what its loop body
 * allocated (a closure per callback, per statement) was allocated for each of a large policy's
 * thousands of statements.
 */
function judgeStatement(statement: StatementView, iam: IamReference, report: (r: Report) => void): void {
  const names = statement.actionNames;
  const resources = statement.resources;
  if (!names?.length || statement.notActions || !resources?.length || statement.notResources) return;
  for (const resource of resources) if (resource.type !== 'string') return;
  const actions = iam.resolveActions(names);
  const formats = actions && formatsOfAll(iam, actions);
  if (actions && formats) judge(statement.actions ?? [], actions, formats, resources, report);
}

/**
 * The resource formats of each action, kept per list of actions (`resolveActions` keeps its
 * lists, and large policies repeat the same few); null where the list does not decide.
 */
const FORMATS = new WeakMap<readonly ResolvedAction[], Format[][] | null>();

function formatsOfAll(iam: IamReference, actions: readonly ResolvedAction[]): Format[][] | undefined {
  let kept = FORMATS.get(actions);
  if (kept === undefined) {
    kept = [];
    for (const action of actions) {
      // An action without resource types takes only "*": what a specific ARN means to it is not the list's to say.
      const format = action.action.resourceTypes.length ? formatsOf(iam, action) : undefined;
      if (!format) {
        kept = null;
        break;
      }
      kept.push(format);
    }
    FORMATS.set(actions, kept);
  }
  return kept ?? undefined;
}

function formatsOf(iam: IamReference, { prefix, action }: ResolvedAction): Format[] | undefined {
  const types = iam.resourceTypesOf(prefix)?.byName;
  const out: Format[] = [];
  for (const resource of action.resourceTypes) {
    const format = types?.get(resource.name.toLowerCase());
    if (!format) return undefined;
    out.push(format);
  }
  return out;
}

function judge(actionNodes: Node[], actions: ResolvedAction[], formats: Format[][], resources: Node[], report: (r: Report) => void): void {
  // A `*` or a policy variable may name anything: such a Resource is not judged, and it serves every action.
  let judged = 0;
  let unmatched: Node[] | undefined;
  for (const resource of resources) {
    const value = resource.value as string;
    if (/^\*+$/.test(value) || hasPolicyVariable(value)) continue;
    judged++;
    if (!anyTakes(formats, value)) (unmatched ??= []).push(resource);
  }
  for (const node of unmatched ?? []) {
    const value = node.value as string;
    const written = [...new Set(actions.map((a) => `${a.prefix}:${a.action.name}`))];
    report({
      start: node.offset,
      end: node.offset + node.length,
      message: `${value} is no resource that ${shortList(written)} ${written.length === 1 ? 'takes' : 'take'}: ${describe(formats.flat())}. The statement grants or denies nothing on it.`,
      fixes: fixesFor(node, formats),
    });
  }
  if ((unmatched?.length ?? 0) === judged || judged < resources.length) return;
  // Every resource serves some action; an action named exactly that none of them serves is never allowed (or denied) here.
  for (const node of actionNodes) {
    if (node.type !== 'string' || /[*?]/.test(node.value as string)) continue;
    const i = indexOfAction(actions, node.value as string);
    if (i < 0 || anyResourceTaken(formats[i], resources)) continue;
    report({
      start: node.offset,
      end: node.offset + node.length,
      message: `${node.value as string} takes ${describe(formats[i])}, and no Resource of this statement is one: the statement grants or denies it nowhere.`,
    });
  }
}

/**
 * By list of actions (`resolveActions` keeps its lists): the index of the action each name, as
 * written, resolves to (-1 for none). A large policy names the same actions in every statement.
 */
const INDEXES = new WeakMap<readonly ResolvedAction[], Map<string, number>>();

function indexOfAction(actions: readonly ResolvedAction[], written: string): number {
  let byName = INDEXES.get(actions);
  if (!byName) INDEXES.set(actions, (byName = new Map()));
  let i = byName.get(written);
  if (i === undefined) {
    const name = written.toLowerCase();
    i = actions.findIndex((a) => `${a.prefix}:${a.action.name.toLowerCase()}` === name);
    byName.set(ownCopy(written), i);
  }
  return i;
}

function anyResourceTaken(formats: readonly Format[], resources: readonly Node[]): boolean {
  for (const resource of resources) if (takes(formats, resource.value as string)) return true;
  return false;
}

/**
 * Whether an action with these resource formats may act on `pattern`. `mayName` keeps its answers
 * per format and pattern: actions share their resource types, and statements their patterns.
 */
function takes(formats: readonly Format[], pattern: string): boolean {
  for (const format of formats) if (mayName(pattern, format.template)) return true;
  return false;
}

/** Whether some action of the statement may act on `pattern`. */
function anyTakes(formats: readonly Format[][], pattern: string): boolean {
  for (const action of formats) if (takes(action, pattern)) return true;
  return false;
}

/** "bucket (arn:${Partition}:s3:::${BucketName})", a few of them. */
function describe(formats: Format[]): string {
  const unique = [...new Map(formats.map((f) => [f.arn, f])).values()];
  return shortList(unique.map((f) => `${f.key} (${f.arn})`).sort((a, b) => a.length - b.length)).replace(/ and (?=[^,]*$)/, ' or ');
}

/**
 * The ARN one level up (`arn:aws:s3:::b/*` → `arn:aws:s3:::b`) or one level down (`arn:aws:s3:::b` →
 * `arn:aws:s3:::b/*`), when an action takes it.
 */
function fixesFor(node: Node, formats: readonly Format[][]): Fix[] | undefined {
  const value = node.value as string;
  const slash = value.lastIndexOf('/');
  const candidates = [slash > value.lastIndexOf(':') ? value.slice(0, slash) : undefined, `${value}/*`].filter((c): c is string => !!c && c !== value);
  const fixes = candidates
    .filter((c) => anyTakes(formats, c))
    .map((c, i) => ({
      title: `Change to ${c}`,
      edits: [{ start: node.offset, end: node.offset + node.length, newText: JSON.stringify(c) }],
      preferred: i === 0,
    }));
  return fixes.length ? fixes : undefined;
}
