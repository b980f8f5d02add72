/** Where in the template an issue belongs, as offsets: the local renderer's own, or the line and column a service message names. */
import type { PreviewIssue } from './types';

export function issueRange(text: string, issue: PreviewIssue): { start: number; end: number } {
  if (issue.start !== undefined && issue.end !== undefined) {
    const start = Math.min(issue.start, text.length);
    return { start, end: Math.max(start, Math.min(issue.end, text.length)) };
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const line = Math.min(Math.max((issue.line ?? 1) - 1, 0), lineStarts.length - 1);
  const lineStart = lineStarts[line];
  const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  if (issue.line === undefined || issue.column === undefined) {
    // No column: the line's text, without its indentation.
    const indent = /^\s*/.exec(lineText)![0].length;
    return { start: lineStart + indent, end: lineStart + Math.max(indent, lineText.trimEnd().length) };
  }
  const start = lineStart + Math.min(issue.column - 1, lineText.length);
  // A Liquid tag or output at the column: its delimiters; anything else: the rest of the line.
  const rest = text.slice(start, lineStart + lineText.length);
  const liquid = /^\{\{[\s\S]*?\}\}|^\{%[\s\S]*?%\}/.exec(rest);
  return { start, end: start + (liquid ? liquid[0].length : rest.trimEnd().length) };
}
