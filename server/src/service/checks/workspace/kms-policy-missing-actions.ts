import type { Node } from 'jsonc-parser';
import { roleNameOf } from '../../domain/arn';
import { StatementView, statementAnchor, statementsOf } from '../../domain/iam';
import { evaluate } from '../../policy/evaluate';
import { roleRequest } from '../../policy/requests';
import { member, valuesOf } from '../../json/document';
import { appendValues, setValue } from '../../json/edit';
import type { Fix, RelatedLocation, WorkspaceCheck } from '../types';
import { stepEvery } from '../../util/steps';

/** What output encryption needs, as policies write it, and the actions each entry must cover. */
export const KMS_OUTPUT_ACTIONS: readonly { name: string; covers: string[] }[] = [
  { name: 'kms:Encrypt', covers: ['kms:Encrypt'] },
  { name: 'kms:Decrypt', covers: ['kms:Decrypt'] },
  { name: 'kms:ReEncrypt*', covers: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] },
  { name: 'kms:GenerateDataKey*', covers: ['kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'] },
  { name: 'kms:DescribeKey', covers: ['kms:DescribeKey'] },
];

/** Role names the SageMaker console gives the execution roles it creates. */
const CONSOLE_EXECUTION_ROLE = /^AmazonSageMaker-ExecutionRole-/i;

function isKeyPolicy(statements: StatementView[]): boolean {
  // Every statement has a Principal, and there is an action, each a KMS one or `*`: read in that
  // order, so that a large policy of other statements is told apart at its first one.
  if (!statements.length || !statements.every((s) => s.principal)) return false;
  let any = false;
  for (const s of statements) {
    for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) {
      if (a.type !== 'string' || !/^(kms:|\*$)/i.test(a.value as string)) return false;
      any = true;
    }
  }
  return any;
}

function samePrincipal(a: string, b: string): boolean {
  const account = (arn: string) => /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
  return roleNameOf(a)?.toLowerCase() === roleNameOf(b)?.toLowerCase() && account(a) === account(b);
}

export const kmsPolicyMissingActions: WorkspaceCheck = {
  meta: {
    code: 'kms-policy-missing-actions',
    title: 'Key policy too narrow for output encryption',
    description:
      'A KMS key policy that grants the SageMaker execution role some of the actions output encryption needs but not all of `kms:Encrypt`, `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*` and `kms:DescribeKey`. The execution role is the `RoleArn` of a flow definition or labeling job in the workspace that sets `OutputConfig.KmsKeyId`, or a role named by the console (`AmazonSageMaker-ExecutionRole-…`). Decided as IAM evaluates the key policy for the request of the role (an explicit Deny wins; no Allow means denied); not reported where the workspace cannot decide, as when the key policy lets IAM policies decide (the account root as principal) or a condition applies.',
    severity: 'error',
    scope: 'workspace',
    fixable: true,
  },
  *run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, text, report } = context;
    if (document.shape?.id !== 'Policy') return;
    const statements = statementsOf(document.root);
    if (!isKeyPolicy(statements)) return;
    const jobs = workspace.jobs().filter((j) => j.facts.role && j.facts.kmsKeyId);
    const seen = new Set<string>();
    const step = stepEvery();
    for (const statement of statements) {
      if (step()) yield;
      for (const principal of statement.principal?.aws ?? []) {
        const name = roleNameOf(principal.value);
        if (!name || seen.has(name.toLowerCase())) continue;
        const users = jobs.filter((j) => samePrincipal(j.facts.role!.arn, principal.value));
        if (!users.length && !CONSOLE_EXECUTION_ROLE.test(name)) continue;
        seen.add(name.toLowerCase());
        const grants = statements.filter((s) => s.effect === 'Allow' && (s.principal?.aws ?? []).some((p) => samePrincipal(p.value, principal.value)));
        // What IAM decides for the role's use of the key under this key policy: undecided (the account root lets IAM policies decide, a condition) is not missing.
        const decisions = new Map(
          KMS_OUTPUT_ACTIONS.flatMap((a) => a.covers).map((action) => [action, evaluate(statements, roleRequest(principal.value, action))]),
        );
        const missing = KMS_OUTPUT_ACTIONS.filter((a) => a.covers.some((c) => decisions.get(c)!.outcome?.endsWith('deny')));
        const allowed = KMS_OUTPUT_ACTIONS.filter((a) => a.covers.every((c) => decisions.get(c)!.outcome === 'allow'));
        // A role granted none of them is not using this key for output: nothing to compare.
        if (!missing.length || !allowed.length) continue;
        const denying = [...new Set([...decisions.values()].flatMap((d) => (d.outcome === 'deny' ? d.deciding : [])))];
        const related: RelatedLocation[] = users.map((u) => ({
          uri: u.uri,
          start: u.facts.kmsKeyId!.start,
          end: u.facts.kmsKeyId!.end,
          message: `${u.path} encrypts its output with KmsKeyId`,
        }));
        for (const statement of denying) related.push({ uri: context.uri, ...statementAnchor(statement), message: 'The statement that denies it' });
        const why = users.length ? ` (the role of ${users.map((u) => u.path).join(', ')})` : '';
        const target = grants.find((s) => !s.conditions.length) ?? grants[0];
        report({
          start: principal.node.offset,
          end: principal.node.offset + principal.node.length,
          message: `The key policy grants role "${name}"${why} no ${missing.map((m) => m.name).join(', ')}: SageMaker cannot encrypt or read the output with this key as that role. Add them.`,
          related: related.length ? related : undefined,
          fixes: target
            ? addActionsFix(
                text,
                document.root,
                target,
                missing.map((m) => m.name),
              )
            : undefined,
        });
      }
    }
  },
};

function addActionsFix(text: string, root: Node | undefined, statement: StatementView, actions: string[]): Fix[] | undefined {
  const action = member(statement.node, 'Action');
  if (!action) return undefined;
  const path = statementPath(statement.node);
  if (!path) return undefined;
  const edits =
    action.type === 'array'
      ? appendValues(text, action, actions)
      : setValue({ text, root }, [...path, 'Action'], [...valuesOf(action).map((n) => n.value as string), ...actions]);
  return [{ title: `Grant ${actions.join(', ')}`, edits, preferred: true }];
}

function statementPath(statement: Node): (string | number)[] | undefined {
  const parent = statement.parent;
  if (parent?.type === 'array') {
    const index = parent.children!.indexOf(statement);
    return parent.parent?.type === 'property' ? ['Statement', index] : undefined;
  }
  return parent?.type === 'property' ? ['Statement'] : undefined;
}
