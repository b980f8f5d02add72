/**
 * What the cursor is in, found by scanning a bounded stretch of text around it rather than by
 * parsing the document: completion and hover run on every keystroke and must not pay for a
 * full parse of a large template.
 */

/** How far back the scanners look; Liquid markup and start tags are far shorter than this. */
const LOOK_BACK = 8_000;

export type CursorContext =
  | { kind: 'liquid'; delimiter: '{{' | '{%'; openStart: number; markupStart: number; markupEnd: number }
  | { kind: 'tag-name'; start: number; closing: boolean }
  | { kind: 'attribute-name'; element: string; start: number; end: number; written: string[] }
  | { kind: 'attribute-value'; element: string; attribute: string; valueStart: number; quote: string }
  | { kind: 'text' }
  | { kind: 'raw-text' };

export function cursorContext(text: string, offset: number): CursorContext {
  const liquid = liquidAround(text, offset);
  if (liquid) return liquid;
  if (inRawText(text, offset)) return { kind: 'raw-text' };
  return htmlContext(text, offset);
}

/** The Liquid markup the offset is in (between `{{`/`{%` and its closer, or the end of an unclosed one). */
export function liquidAround(text: string, offset: number): Extract<CursorContext, { kind: 'liquid' }> | undefined {
  // lastIndexOf reads a negative start as 0: a delimiter at 0 would be found "before" offsets 0 and 1.
  if (offset < 2) return undefined;
  const floor = Math.max(0, offset - LOOK_BACK);
  const outputOpen = text.lastIndexOf('{{', offset - 2);
  const tagOpen = text.lastIndexOf('{%', offset - 2);
  const open = Math.max(outputOpen, tagOpen);
  if (open < floor || open === -1) return undefined;
  const delimiter = open === outputOpen ? '{{' : '{%';
  const closer = delimiter === '{{' ? '}}' : '%}';
  const close = text.indexOf(closer, open + 2);
  // The cursor sits inside when the closer comes at or after it (or is missing: the user is typing).
  if (close !== -1 && close < offset) return undefined;
  const nextOpen = nextOpener(text, open + 2);
  const markupEnd = close === -1 || (nextOpen !== -1 && nextOpen < close) ? Math.max(offset, lineEnd(text, offset)) : close;
  const markupStart = text[open + 2] === '-' ? open + 3 : open + 2;
  return { kind: 'liquid', delimiter, openStart: open, markupStart, markupEnd: text[markupEnd - 1] === '-' ? markupEnd - 1 : markupEnd };
}

function nextOpener(text: string, from: number): number {
  const a = text.indexOf('{{', from);
  const b = text.indexOf('{%', from);
  if (a === -1) return b;
  if (b === -1) return a;
  return Math.min(a, b);
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** Inside `<script>`, `<style>` or an HTML comment, where `<` starts no element. */
function inRawText(text: string, offset: number): boolean {
  const floor = Math.max(0, offset - 200_000);
  const before = text.slice(floor, offset).toLowerCase();
  for (const name of ['script', 'style']) {
    const open = lastTagOpen(before, name);
    if (open !== -1 && before.indexOf('>', open) !== -1 && before.lastIndexOf(`</${name}`) < open) return true;
  }
  const comment = before.lastIndexOf('<!--');
  return comment !== -1 && before.indexOf('-->', comment + 4) === -1;
}

function lastTagOpen(lower: string, name: string): number {
  let at = lower.length;
  // Stops at 0: lastIndexOf reads a negative start as 0 and would find the same `<name` again.
  while (at > 0) {
    at = lower.lastIndexOf(`<${name}`, at - 1);
    if (at === -1) return -1;
    const after = lower.charCodeAt(at + name.length + 1);
    if (Number.isNaN(after) || after === 62 || after === 47 || after <= 32) return at;
  }
  return -1;
}

function htmlContext(text: string, offset: number): CursorContext {
  const floor = Math.max(0, offset - LOOK_BACK);
  const lt = offset > 0 ? text.lastIndexOf('<', offset - 1) : -1;
  if (lt < floor || lt === -1) return { kind: 'text' };
  const tag = text.slice(lt, offset);
  if (tagClosed(tag)) return { kind: 'text' };
  const nameMatch = /^<(\/?)([A-Za-z][^\s/>]*)?/.exec(tag)!;
  if (nameMatch[0].length === tag.length) {
    return { kind: 'tag-name', start: lt + 1 + nameMatch[1].length, closing: nameMatch[1] === '/' };
  }
  if (nameMatch[1] || !nameMatch[2]) return { kind: 'text' };
  const element = nameMatch[2].toLowerCase();
  // Walk the attributes written so far, honouring quotes and Liquid.
  const written: string[] = [];
  let i = nameMatch[0].length;
  for (;;) {
    while (i < tag.length && /\s/.test(tag[i])) i++;
    if (i >= tag.length) break;
    if (tag.startsWith('{{', i) || tag.startsWith('{%', i)) {
      const close = tag.indexOf(tag[i + 1] === '{' ? '}}' : '%}', i + 2);
      if (close === -1) break;
      i = close + 2;
      continue;
    }
    const nameStart = i;
    while (i < tag.length && !/[\s=>/]/.test(tag[i])) i++;
    // A stray `/`, `=` or quoted `>` (`<a/b`, `<a =x`) names no attribute: step over it, or the walk would not advance.
    if (i === nameStart) {
      i++;
      continue;
    }
    const name = tag.slice(nameStart, i).toLowerCase();
    if (i >= tag.length) {
      return { kind: 'attribute-name', element, start: lt + nameStart, end: wordEnd(text, lt + nameStart), written };
    }
    written.push(name);
    let j = i;
    while (j < tag.length && /\s/.test(tag[j])) j++;
    if (tag[j] !== '=') continue;
    j++;
    while (j < tag.length && /\s/.test(tag[j])) j++;
    if (j >= tag.length) return { kind: 'attribute-value', element, attribute: name, valueStart: lt + j, quote: '' };
    const quote = tag[j] === '"' || tag[j] === "'" ? tag[j] : '';
    const valueStart = j + (quote ? 1 : 0);
    const valueEnd = quote ? tag.indexOf(quote, valueStart) : tag.slice(valueStart).search(/[\s>]/);
    if (valueEnd === -1) return { kind: 'attribute-value', element, attribute: name, valueStart: lt + valueStart, quote };
    i = quote ? valueEnd + 1 : valueStart + valueEnd;
  }
  return { kind: 'attribute-name', element, start: offset, end: wordEnd(text, offset), written };
}

/** Whether a `>` outside quotes ends the tag before the cursor. */
function tagClosed(tag: string): boolean {
  let quote = '';
  for (const c of tag) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return true;
  }
  return false;
}

function wordEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /[\w:.-]/.test(text[end])) end++;
  return end;
}
