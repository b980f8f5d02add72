/**
 * A value the file itself does not decide: a CloudFormation `!ImportValue`, a parameter without a
 * default, the account a stack is deployed in. Such a part of a string is written as
 * `UNKNOWN_VALUE`, which has the shape of an IAM policy variable (`${...}`), so every reading of a
 * policy that leaves a policy variable undecided leaves it undecided too, and holds a character
 * of Unicode's private use area, which no AWS name, ARN or address has: it is never mistaken for a
 * real variable, and no `:`, `/`, `*` or `?` in it splits or matches anything. The checks judge no
 * value that holds it: an unknown value never produces a finding.
 */
import type { Node } from 'jsonc-parser';

export const UNKNOWN_MARK = '\uE000';
export const UNKNOWN_VALUE = `\${${UNKNOWN_MARK}}`;

/** Whether a string holds a part the file does not decide. */
export function hasUnknown(value: string): boolean {
  return value.includes(UNKNOWN_MARK);
}

/** Whether a node is a string that holds a part the file does not decide. */
export function isUnknown(node: Node | undefined): boolean {
  return node?.type === 'string' && hasUnknown(node.value as string);
}

/** Whether a node stands for a value the file does not decide at all (its type included: a string, a list or an object). */
export function isWhollyUnknown(node: Node | undefined): boolean {
  return node?.type === 'string' && node.value === UNKNOWN_VALUE;
}
