/**
 * Positions from the client, made valid for the document as LSP says they are read: a character
 * past the end of its line means the line's end, a line past the last means the document's end.
 * Editors send such positions when the document changed under a request, and code reading
 * offsets or building ranges from them must not see values the document does not have.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

export function clampPosition(document: TextDocument, position: Position): Position {
  // offsetAt clamps a line or character past the end (and keeps a character off the line break), but not NaN or fractions.
  return document.positionAt(document.offsetAt({ line: whole(position?.line), character: whole(position?.character) }));
}

export function clampRange(document: TextDocument, range: Range): Range {
  const start = clampPosition(document, range?.start);
  const end = clampPosition(document, range?.end);
  return document.offsetAt(start) <= document.offsetAt(end) ? { start, end } : { start: end, end: start };
}

/** A whole, non-negative number: what a position's members must be. */
function whole(value: unknown): number {
  return typeof value === 'number' && value > 0 ? Math.min(Math.floor(value), Number.MAX_SAFE_INTEGER) : 0;
}
