/**
 * Where a document's text changed between two of its versions, when the document can say so
 * (the server's open documents remember their recent edits) and need not be compared.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** \`then.slice(start, oldEnd)\` became \`now.slice(start, newEnd)\`; the text around it is the same. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** A document that remembers where its recent edits were. */
export interface TracksChanges {
  /** The change from the text of \`version\` to this one; undefined when that version is too old to say. */
  changeSince(version: number): TextChange | undefined;
}

/**
 * The change from \`then\` (the document's text at \`version\`) to \`now\` (its text now), when the
 * document remembers it and it agrees with the two lengths; undefined otherwise.
 */
export function knownChange(document: TextDocument, version: number, then: string, now: string): TextChange | undefined {
  const tracking = document as Partial<TracksChanges>;
  const change = typeof tracking.changeSince === 'function' ? tracking.changeSince(version) : undefined;
  if (!change) return undefined;
  const { start, oldEnd, newEnd } = change;
  const consistent =
    start >= 0 && start <= oldEnd && oldEnd <= then.length && start <= newEnd && newEnd <= now.length && then.length - oldEnd === now.length - newEnd;
  return consistent ? change : undefined;
}

/** Two changes one after the other as one: \`next\` is in the coordinates of the text \`first\` left. */
export function followedBy(first: TextChange, next: TextChange): TextChange {
  const end = Math.max(first.newEnd, next.oldEnd);
  return {
    start: Math.min(first.start, next.start),
    oldEnd: end - (first.newEnd - first.oldEnd),
    newEnd: end + (next.newEnd - next.oldEnd),
  };
}
