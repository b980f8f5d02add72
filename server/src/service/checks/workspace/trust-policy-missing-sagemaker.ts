import { appendValues } from '../../json/edit';
import type { Indexed } from '../../workspace/view';
import { type JobFacts, type TrustFacts, factOf } from '../../workspace/facts';
import { basename } from '../../util/uri';
import type { Fix, OffsetEdit, OtherFile, WorkspaceCheck } from '../types';

export const SAGEMAKER_TRUST_STATEMENT = { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' };

/**
 * Whether a trust document belongs to the role: by the role name it states, or else by its file
 * name, which must contain the role name as a whole word (`A2IReviewRole-trust.json`), so that a
 * short role name does not match unrelated files.
 */
export function trustBelongsTo(trust: Indexed<TrustFacts>, roleName: string): boolean {
  if (trust.facts.roleName) return trust.facts.roleName.toLowerCase() === roleName.toLowerCase();
  return containsWord(
    basename(trust.uri)
      .replace(/\.json$/i, '')
      .toLowerCase(),
    roleName.toLowerCase(),
  );
}

/** Whether `word` occurs in `text` with no ASCII letter or digit on either side. */
function containsWord(text: string, word: string): boolean {
  if (!word) return false;
  const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    const end = i + word.length;
    if ((i === 0 || !isWordChar(text.charCodeAt(i - 1))) && (end === text.length || !isWordChar(text.charCodeAt(end)))) return true;
  }
  return false;
}

/** Adds the SageMaker statement to a trust policy whose Statement is a list. */
export function addSageMakerStatement(file: OtherFile, trust: TrustFacts): OffsetEdit[] | undefined {
  const statement = trust.statementPath && file.json?.at(trust.statementPath);
  if (statement?.type !== 'array') return undefined;
  return appendValues(file.text, statement, [SAGEMAKER_TRUST_STATEMENT]);
}

export const trustPolicyMissingSagemaker: WorkspaceCheck = {
  meta: {
    code: 'trust-policy-missing-sagemaker',
    title: 'Role does not trust SageMaker',
    description:
      'The role a flow definition or labeling job runs as (`RoleArn`) has a trust policy in the workspace under which IAM does not let `sagemaker.amazonaws.com` call `sts:AssumeRole` (no Allow applies, or a Deny does; conditions the workspace cannot decide, such as `aws:SourceAccount`, are given the benefit of the doubt): SageMaker cannot assume it, and creating the flow definition or job fails. The trust policy is found by role name (a CreateRole or GetRole file), or by a file name that contains the role name.',
    severity: 'error',
    scope: 'workspace',
    fixable: true,
  },
  run(context) {
    if (context.kind !== 'json') return;
    const { document, workspace, report } = context;
    const shape = document.shape?.kind;
    const job = shape === 'flow-definition' || shape === 'labeling-job' ? workspace.self()?.job : undefined;
    if (job) {
      const role = job.role;
      if (!role) return;
      const name = role.name;
      for (const trust of workspace.trusts()) {
        if (!trustBelongsTo(trust, name) || trust.facts.sagemaker !== false) continue;
        const fixes: Fix[] | undefined = trust.facts.statementPath
          ? [
              {
                title: `Let SageMaker assume the role in ${trust.path}`,
                edits: [],
                otherEdits: { [trust.uri]: (file) => addSageMakerStatement(file, trust.facts) },
              },
            ]
          : undefined;
        report({
          start: role.start,
          end: role.end,
          message: `The trust policy of role "${name}" in ${trust.path} does not let sagemaker.amazonaws.com assume it: SageMaker cannot run as this role. Add a statement allowing sts:AssumeRole to the service principal sagemaker.amazonaws.com.`,
          related: [
            { uri: trust.uri, ...trust.facts.anchor, message: `The trust policy in ${trust.path}` },
            ...(trust.facts.denied ? [{ uri: trust.uri, ...trust.facts.denied, message: `The statement that denies it, in ${trust.path}` }] : []),
          ],
          fixes,
        });
      }
      return;
    }
    // A role's or policy's own facts are read only when some job names a role (they may not be worked out yet: `self`).
    const jobs = workspace.jobs();
    if (!jobs.some((j) => j.facts.role)) return;
    const trust = factOf(workspace.self()?.trusts, document);
    if (!trust || trust.sagemaker !== false) return;
    const users = jobs.filter(
      (j): j is Indexed<JobFacts & { role: NonNullable<JobFacts['role']> }> =>
        !!j.facts.role && trustBelongsTo({ uri: document.uri, path: '', facts: trust }, j.facts.role.name),
    );
    if (!users.length) return;
    const [first] = users;
    const edits = addSageMakerStatement({ text: context.text, json: document }, trust);
    report({
      ...trust.anchor,
      message: `Role "${first.facts.role.name}" is the RoleArn of ${users.map((u) => u.path).join(', ')}, but this trust policy does not let sagemaker.amazonaws.com assume it: SageMaker cannot run as this role.`,
      related: [
        ...users.map((u) => ({ uri: u.uri, start: u.facts.role.start, end: u.facts.role.end, message: `RoleArn in ${u.path}` })),
        ...(trust.denied ? [{ uri: document.uri, ...trust.denied, message: 'The statement that denies it' }] : []),
      ],
      fixes: edits ? [{ title: 'Let SageMaker assume the role (sts:AssumeRole for sagemaker.amazonaws.com)', edits, preferred: true }] : undefined,
    });
  },
};
