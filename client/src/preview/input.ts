/**
 * The `task.input` a preview renders with: the template's sample input (the file the language
 * server associates with it), a file the user picked, or `{}`.
 */
import { ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { fsPath, leadsOutside } from '../../../server/src/api';

export type InputChoice = { kind: 'auto' } | { kind: 'file'; uri: string } | { kind: 'empty' };

export interface ResolvedInput {
  /** What the panel shows: a workspace-relative path, or `{}` and why. */
  label: string;
  uri?: string;
  value?: unknown;
  /** Set when the input cannot be used; the panel shows it instead of a render. */
  error?: string;
}

export const EMPTY_INPUT: ResolvedInput = { label: '{}', value: {} };

/** Sample inputs may have comments and trailing commas, as the language server accepts; `Task.Input` gets plain JSON. */
export function parseInputText(label: string, text: string, uri?: string): ResolvedInput {
  if (!text.trim()) return { label, uri, error: `The sample input ${label} is empty: write a JSON object in it or choose another input.` };
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    return {
      label,
      uri,
      error: `The sample input ${label} is not valid JSON (${printParseErrorCode(first.error)} on line ${line}): fix it or choose another input.`,
    };
  }
  return { label, uri, value };
}

/**
 * The sample input the preview reads: the first candidate that exists (`sampleInputCandidates`,
 * as the language server picks), skipping a file in a workspace folder whose real path is outside
 * it, as the server does: a committed symbolic link must not show files from elsewhere.
 */
export async function chooseSampleInput(
  candidates: string[],
  workspaceFolders: string[],
  exists: (uri: string) => Promise<boolean>,
): Promise<string | undefined> {
  for (const candidate of candidates) {
    const folder = workspaceFolders.find((f) => candidate.startsWith(f + '/'));
    if (folder && candidate.startsWith('file:') && (await leadsOutside(fsPath(folder), fsPath(candidate)))) continue;
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}
