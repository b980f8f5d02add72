/**
 * The documents the editor has open, as the server keeps them.
 *
 * vscode-languageserver-textdocument's `TextDocument` finds the lines of a text with a loop over
 * every character, run when something first needs a position: on a 1 MB file that took 20 ms on
 * opening (the loop runs cold once per document), before the first request could be answered.
 * This document keeps the same text, lines and positions and takes edits the same way (the same
 * incremental line index, `\r\n`, `\r` and `\n` as line breaks, positions at the end of a line
 * kept before its break), but finds line breaks with `indexOf`, which scans natively: a 1 MB file's
 * lines in about a millisecond. `test/unit/editorDocument.test.ts` compares the two after random
 * edits.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { type TextChange, type TracksChanges, followedBy } from './service/util/textChange';

const LF = 10;
const CR = 13;

/**
 * The offsets at which lines start in `text`, plus `base`; with the offset of the text's own start
 * first when `atLineStart`.
 */
export function lineStarts(text: string, base: number, atLineStart: boolean): number[] {
  const starts: number[] = atLineStart ? [base] : [];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    let end: number;
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      end = lf;
      lf = text.indexOf('\n', lf + 1);
    } else {
      // A carriage return, alone or the start of `\r\n`.
      end = lf === cr + 1 ? lf : cr;
      if (end === lf) lf = text.indexOf('\n', lf + 1);
      cr = text.indexOf('\r', cr + 1);
    }
    starts.push(base + end + 1);
  }
  return starts;
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

/** A range whose start is not after its end. */
function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** Edits `changeSince` remembers, at most (a burst of typing between two validations). */
const MAX_EDITS = 256;

export class EditorDocument implements TextDocument, TracksChanges {
  private content: string;
  private starts: number[] | undefined;
  /** The recent edits, oldest first, each with the version it made (`changeSince`). */
  private readonly edits: (TextChange & { version: number })[] = [];
  /** The oldest version `changeSince` answers for: the one the oldest edit kept was made on. */
  private since: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private versionNumber: number,
    content: string,
  ) {
    this.content = content;
    this.since = versionNumber;
  }

  get version(): number {
    return this.versionNumber;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! > offset) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeLineBreak(offset, starts[line]!) - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line]!;
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.content.length;
    return this.beforeLineBreak(Math.min(start + position.character, next), start);
  }

  /** The range of line `line`, without its line break; the last line's past the end, an empty range before the first. */
  getLineRange(line: number): Range {
    const starts = this.lineStarts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line]!;
    const next = line + 1 < starts.length ? starts[line + 1]! : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  /** The line break that ends line `line` (`''` for the last line and lines outside the text). */
  getEOLCharacters(line: number): string {
    const starts = this.lineStarts();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1]! : this.content.length;
    return this.content.substring(this.beforeLineBreak(next, starts[line]!), next);
  }

  /** Applies the editor's changes in order, each to the text the one before left. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.edit(ordered(change.range), change.text, version);
      else {
        this.content = change.text;
        this.starts = undefined;
        // Nothing of an earlier text is known to be in this one.
        this.edits.length = 0;
        this.since = version;
      }
    }
    this.versionNumber = version;
  }

  /**
   * The change from this document's text at `version` to its text now: one region that holds
   * every edit since (so it may hold unchanged text between two of them). Undefined for a version
   * older than the edits remembered, or one it never had.
   */
  changeSince(version: number): TextChange | undefined {
    if (version < this.since || version > this.versionNumber) return undefined;
    // No edit since: nothing changed, at the end of the text.
    let change: TextChange = { start: this.content.length, oldEnd: this.content.length, newEnd: this.content.length };
    let edited = false;
    for (const edit of this.edits) {
      if (edit.version <= version) continue;
      change = edited ? followedBy(change, edit) : { start: edit.start, oldEnd: edit.oldEnd, newEnd: edit.newEnd };
      edited = true;
    }
    return change;
  }

  private remember(version: number, start: number, end: number, length: number): void {
    this.edits.push({ version, start, oldEnd: end, newEnd: start + length });
    if (this.edits.length <= MAX_EDITS) return;
    // The oldest version's edits go together: part of a version's edits would say nothing of it.
    const dropped = this.edits[0]!.version;
    let count = 0;
    while (count < this.edits.length && this.edits[count]!.version === dropped) count++;
    this.edits.splice(0, count);
    this.since = dropped;
  }

  private edit(range: Range, text: string, version: number): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    this.remember(version, start, end, text.length);
    const content = this.content.substring(0, start) + text + this.content.substring(end);
    this.content = content;
    const starts = this.starts;
    if (!starts) return;
    const insertedEnd = start + text.length;
    // An edit that joins or splits a `\r\n` changes lines it does not touch: they are found again.
    if (
      (content.charCodeAt(start - 1) === CR && content.charCodeAt(start) === LF) ||
      (content.charCodeAt(insertedEnd - 1) === CR && content.charCodeAt(insertedEnd) === LF)
    ) {
      this.starts = undefined;
      return;
    }
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStarts(text, start, false);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) starts[startLine + 1 + i] = added[i]!;
    } else if (added.length < 10_000) {
      starts.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      // `splice` takes its items as arguments: too many overflow the stack.
      this.starts = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
    }
    const shift = text.length - (end - start);
    if (shift === 0) return;
    const shifted = this.starts!;
    for (let i = startLine + 1 + added.length; i < shifted.length; i++) shifted[i] = shifted[i]! + shift;
  }

  private lineStarts(): number[] {
    return (this.starts ??= lineStarts(this.content, 0, true));
  }

  /** `offset`, moved back past a line break that ends the line starting at `lineStart`. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}
