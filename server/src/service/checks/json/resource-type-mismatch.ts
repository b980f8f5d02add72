import type { Node } from 'jsonc-parser';
import { type ArnTemplate, mayName } from '../../domain/arnTemplate';
import { hasPolicyVariable, shortList } from '../../domain/iam';
import type { IamReference, IamResourceType, ResolvedAction } from '../../domain/iamReference';
import { policyStatements } from '../../json/policies';
import type { Fix, JsonCheck, Report } from '../types';
import { stepEvery } from '../../util/steps';

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
  *run({ document, iam, report }) {
    if (!iam) return;
    const step = stepEvery();
    for (const statement of policyStatements(document)) {
      if (step()) yield;
      const names = statement.actionNames;
      const resources = statement.resources;
      if (!names?.length || statement.notActions || !resources?.length || statement.notResources) continue;
      if (resources.some((r) => r.type !== 'string')) continue;
      const actions = iam.resolveActions(names);
      // An action without resource types takes only "*": what a specific ARN means to it is not the list's to say.
      if (!actions || actions.some((a) => !a.action.resourceTypes.length)) continue;
      const formats = actions.map((a) => formatsOf(iam, a));
      if (formats.some((f) => !f)) continue;
      judge(statement.actions ?? [], actions, formats as Format[][], resources, report);
    }
  },
};

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
  // `mayName` keeps its answers per format and pattern: actions share their resource types, and statements their patterns.
  const takes = (i: number, pattern: string) => formats[i].some((f) => mayName(pattern, f.template));
  // A `*` or a policy variable may name anything: such a Resource is not judged, and it serves every action.
  const judged = resources.filter((r) => {
    const value = r.value as string;
    return !/^\*+$/.test(value) && !hasPolicyVariable(value);
  });
  const unmatched = judged.filter((r) => !actions.some((_, i) => takes(i, r.value as string)));
  for (const node of unmatched) {
    const value = node.value as string;
    const written = [...new Set(actions.map((a) => `${a.prefix}:${a.action.name}`))];
    report({
      start: node.offset,
      end: node.offset + node.length,
      message: `${value} is no resource that ${shortList(written)} ${written.length === 1 ? 'takes' : 'take'}: ${describe(formats.flat())}. The statement grants or denies nothing on it.`,
      fixes: fixesFor(node, actions, takes),
    });
  }
  if (unmatched.length === judged.length || judged.length < resources.length) return;
  // Every resource serves some action; an action named exactly that none of them serves is never allowed (or denied) here.
  for (const node of actionNodes) {
    if (node.type !== 'string' || /[*?]/.test(node.value as string)) continue;
    const name = (node.value as string).toLowerCase();
    const i = actions.findIndex((a) => `${a.prefix}:${a.action.name.toLowerCase()}` === name);
    if (i < 0 || judged.some((r) => takes(i, r.value as string))) continue;
    report({
      start: node.offset,
      end: node.offset + node.length,
      message: `${node.value as string} takes ${describe(formats[i])}, and no Resource of this statement is one: the statement grants or denies it nowhere.`,
    });
  }
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
function fixesFor(node: Node, actions: ResolvedAction[], takes: (i: number, pattern: string) => boolean): Fix[] | undefined {
  const value = node.value as string;
  const slash = value.lastIndexOf('/');
  const candidates = [slash > value.lastIndexOf(':') ? value.slice(0, slash) : undefined, `${value}/*`].filter((c): c is string => !!c && c !== value);
  const fixes = candidates
    .filter((c) => actions.some((_, i) => takes(i, c)))
    .map((c, i) => ({
      title: `Change to ${c}`,
      edits: [{ start: node.offset, end: node.offset + node.length, newText: JSON.stringify(c) }],
      preferred: i === 0,
    }));
  return fixes.length ? fixes : undefined;
}
