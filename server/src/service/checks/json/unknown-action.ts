import type { Node } from 'jsonc-parser';
import { hasPolicyVariable, wildcardMatch } from '../../domain/iam';
import { IamReference } from '../../domain/iamReference';
import { policyStatements } from '../../json/policies';
import { KeptAnswers } from '../../util/keptAnswers';
import { nearest } from '../../util/strings';
import type { Fix, JsonCheck, Report } from '../types';

/** How many corrections a finding offers. */
const SUGGESTIONS = 3;

export const unknownAction: JsonCheck = {
  meta: {
    code: 'unknown-action',
    title: 'Unknown action',
    description:
      "An `Action` or `NotAction` that is not in AWS's list of actions: a service prefix that does not exist, an action the service does not have, or a wildcard that matches none of its actions. IAM accepts the policy, but the permission it means never applies.",
    severity: 'error',
    scope: 'json',
    fixable: true,
  },
  statementLocal: true,
  run({ document, iam, report }) {
    if (!iam) return;
    // Indexed: unoptimised, `for...of` makes an iterator result per item (thousands of them).
    const eachStatement = policyStatements(document);
    for (let atStatement = 0; atStatement < eachStatement.length; atStatement++) {
      const statement = eachStatement[atStatement];
      judgeAll(iam, statement.actions, report);
      judgeAll(iam, statement.notActions, report);
    }
  },
};

/**
 * By reference, whether a name as written has nothing to report (what `judge` says depends on the
 * name alone): a large policy names the same few actions in every statement.
 */
const FINE = new WeakMap<IamReference, KeptAnswers<string, boolean>>();

function judgeAll(iam: IamReference, nodes: Node[] | undefined, report: (r: Report) => void): void {
  if (!nodes) return;
  let fine = FINE.get(iam);
  if (!fine) FINE.set(iam, (fine = new KeptAnswers(4_096)));
  for (const node of nodes) {
    if (node.type !== 'string' || fine.get(node.value as string, () => !judge(iam, node))) continue;
    // A name with something to report: the report, at this node.
    report(judge(iam, node)!);
  }
}

function judge(iam: IamReference, node: Node): Report | undefined {
  const value = node.value as string;
  const colon = value.indexOf(':');
  // `*` alone, a value without a prefix (the schema's concern) and a wildcard prefix name no one service.
  if (colon <= 0 || hasPolicyVariable(value) || /[*?]/.test(value.slice(0, colon))) return undefined;
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  const start = node.offset;
  const end = start + node.length;
  const change = (to: string, preferred: boolean): Fix => ({ title: `Change to ${to}`, edits: [{ start, end, newText: JSON.stringify(to) }], preferred });

  if (!iam.hasService(prefix)) {
    const near = nearest(prefix, iam.servicePrefixes(), SUGGESTIONS);
    return {
      start,
      end,
      message: `"${prefix}" is not an AWS service prefix${near.length ? `; did you mean ${near[0]}?` : '.'}`,
      fixes: near.map((p, i) => change(`${p}:${name}`, i === 0)),
    };
  }
  const actions = iam.actionsOf(prefix);
  if (!actions) return undefined;
  const service = iam.serviceName(prefix) ?? prefix;
  if (/[*?]/.test(name)) {
    for (const action of actions.values()) if (wildcardMatch(name, action.name)) return undefined;
    return { start, end, message: `${value} matches no action of ${service} (${prefix}).` };
  }
  if (actions.has(name.toLowerCase())) return undefined;
  const near = nearest(
    name,
    [...actions.values()].map((a) => a.name),
    SUGGESTIONS,
  );
  return {
    start,
    end,
    message: `${value} is not an action of ${service} (${prefix})${near.length ? `; did you mean ${prefix}:${near[0]}?` : '.'}`,
    fixes: near.map((a, i) => change(`${prefix}:${a}`, i === 0)),
  };
}
