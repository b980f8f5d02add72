/**
 * A parsed JSON document: the jsonc-parser tree (tolerant, with offsets), its syntax errors,
 * what the document is (`recognise`), and, on first use, how it compares with its shape.
 * Parsing never throws.
 */
import { Node, ParseError, ParseErrorCode, findNodeAtLocation, printParseErrorCode } from 'jsonc-parser';
import { jsonTreeSteps } from './tree';
import { type LastReading, reparseStatementSteps } from './treeReuse';
import { keptSteps, runSteps } from '../util/steps';
import { JsonShapeId, JsonShapeInfo, recognise, shapeInfo } from './kinds';
import { ShapeAnalysis, analyseSteps } from './validate';

import { member } from './members';

export { member, memberNames } from './members';

/**
 * Larger JSON is data, not configuration: no IAM policy (bucket policies stop at 20 KB) or
 * SageMaker request (a template stops at 128,000 characters) comes near it. Such files are not
 * parsed on every keystroke, nor checked.
 */
export const MAX_JSON_LENGTH = 1_048_576;

export interface JsonError {
  start: number;
  end: number;
  message: string;
}

/** Each document's comparison with its shape, worked out on first use. */
const analyses = new WeakMap<JsonDocument, ShapeAnalysis>();

export class JsonDocument {
  constructor(
    readonly uri: string,
    readonly text: string,
    readonly root: Node | undefined,
    readonly errors: JsonError[],
    readonly shape: JsonShapeInfo | undefined,
    /** The syntax `errors` are of: a CloudFormation template may be YAML (`cfn/`). */
    readonly syntax: 'json' | 'yaml' = 'json',
  ) {}

  /** Shape issues and typed values, computed once per document version. */
  get analysis(): ShapeAnalysis {
    return analyses.get(this) ?? runSteps(this.analysisSteps(Infinity));
  }

  /**
   * `analysis` worked out `slice` list items a step, for a validation ahead of its checks. A reader
   * in between may have worked it out in one go: that one stays, so every reader holds the same.
   */
  analysisSteps(slice: number): Generator<void, ShapeAnalysis> {
    const { root, shape } = this;
    return keptSteps(analyses, this, function* () {
      return root && shape ? yield* analyseSteps(root, shape, slice) : { issues: [], arns: [] };
    });
  }

  at(path: (string | number)[], from: Node | undefined = this.root): Node | undefined {
    return from ? findNodeAtLocation(from, path) : undefined;
  }

  /** The same document, its comparison with its shape taken to be `analysis` (a part of this one's, for checks that read a part). */
  withAnalysis(analysis: ShapeAnalysis): JsonDocument {
    const copy = new JsonDocument(this.uri, this.text, this.root, this.errors, this.shape, this.syntax);
    analyses.set(copy, analysis);
    return copy;
  }
}

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'Expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'Expected a value',
  [ParseErrorCode.ColonExpected]: 'Expected ":"',
  [ParseErrorCode.CommaExpected]: 'Expected ","',
  [ParseErrorCode.CloseBraceExpected]: 'Expected "}"',
  [ParseErrorCode.CloseBracketExpected]: 'Expected "]"',
  [ParseErrorCode.EndOfFileExpected]: 'Expected the end of the file',
  [ParseErrorCode.InvalidCommentToken]: 'Comments are not allowed: AWS rejects them',
  [ParseErrorCode.UnexpectedEndOfComment]: 'Unclosed comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'Unclosed string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'Unfinished number',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'Control characters must be escaped in strings',
};

export interface ParseOptions {
  /** `gtTemplates.jsonFiles` decided what the document is (or that it is none of ours: null). */
  shapeId?: JsonShapeId | null;
  fileName: string;
}

export function parseJson(uri: string, text: string, options: ParseOptions): JsonDocument {
  return runSteps(parseJsonSteps(uri, text, options, Infinity));
}

/**
 * `parseJson` a slice at a time: the generator yields after about `slice` tokens (`json/tree.ts`),
 * so a host can answer requests while a large policy is parsed for its checks.
 */
export function* parseJsonSteps(
  uri: string,
  text: string,
  options: ParseOptions,
  slice: number,
  reuse?: { previous: LastReading; share: boolean },
): Generator<void, JsonDocument> {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // After an edit inside one statement of a policy, that statement alone (`treeReuse.ts`).
    root = reuse ? yield* reparseStatementSteps(text, reuse.previous, slice, reuse.share) : undefined;
    // AWS accepts neither comments nor trailing commas: they are reported, and the tree still built.
    root ??= yield* jsonTreeSteps(text, errors, slice);
  } catch (error) {
    // Nesting past MAX_JSON_DEPTH, or a stack exhausted on the way there.
    if (!(error instanceof RangeError)) throw error;
    // Unreadable content says nothing of what the file is; gtTemplates.jsonFiles still may, and then the error shows.
    const shape = options.shapeId ? shapeInfo(options.shapeId) : undefined;
    return new JsonDocument(uri, text, undefined, [{ start: 0, end: Math.min(1, text.length), message: 'The JSON is nested too deeply to read' }], shape);
  }
  const id = options.shapeId === null ? undefined : (options.shapeId ?? recognise(root, options.fileName));
  const seen = new Set<number>();
  const reported: JsonError[] = [];
  let commentEnd = -1;
  for (const error of errors) {
    // A `#` comment (shell style) is one mistake, not one per word after it: one error up to the end of the line.
    if (error.offset < commentEnd) continue;
    if (text[error.offset] === '#') {
      const newline = text.indexOf('\n', error.offset);
      commentEnd = newline === -1 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
      seen.add(error.offset);
      reported.push({ start: error.offset, end: commentEnd, message: MESSAGES[ParseErrorCode.InvalidCommentToken]! });
      continue;
    }
    const described = describeError(error, text);
    // One mistake often yields two parser errors at the same place (a trailing comma: "property name expected" and "value expected").
    if (seen.has(described.start)) continue;
    seen.add(described.start);
    reported.push(described);
  }
  return new JsonDocument(uri, text, root, reported, id ? shapeInfo(id) : undefined);
}

export const TRAILING_COMMA = 'Trailing comma: AWS rejects it';

function describeError(error: ParseError, text: string): JsonError {
  const closing =
    (error.error === ParseErrorCode.ValueExpected || error.error === ParseErrorCode.PropertyNameExpected) && /[}\]]/.test(text[error.offset] ?? '');
  if (closing) {
    const comma = text.lastIndexOf(',', error.offset);
    if (comma !== -1 && /^\s*$/.test(text.slice(comma + 1, error.offset))) return { start: comma, end: comma + 1, message: TRAILING_COMMA };
  }
  const end = error.offset + Math.max(error.length, error.offset < text.length ? 1 : 0);
  return { start: error.offset, end, message: MESSAGES[error.error] ?? printParseErrorCode(error.error) };
}

/** The members of an object node, by key (the last one wins, as in the AWS parsers). */
export function membersOf(node: Node | undefined): Map<string, { key: Node; value: Node }> {
  const out = new Map<string, { key: Node; value: Node }>();
  if (node?.type !== 'object') return out;
  for (const property of node.children ?? []) {
    // Indexed, not destructured: destructuring an array allocates an iterator, once per member of every object read.
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (key?.type === 'string' && value) out.set(key.value as string, { key, value });
  }
  return out;
}

/** A string value, or undefined. */
export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** IAM's "one value or a list of values": the value nodes either way. */
export function valuesOf(node: Node | undefined): Node[] {
  if (!node) return [];
  return node.type === 'array' ? (node.children ?? []) : [node];
}

/**
 * The object holding a workteam's or workforce's members: the `Workteam` / `Workforce` member of
 * a Describe response, the top elsewhere. A file set to a Describe response in
 * gtTemplates.jsonFiles may lack that member: its top is read then.
 */
export function recordRoot(document: JsonDocument): Node | undefined {
  const wrapper = document.shape?.wrapper;
  return (wrapper ? member(document.root, wrapper) : undefined) ?? document.root;
}

/** Where to point at an object: its key in the parent, or its opening brace at the top. */
export function anchorOf(node: Node): { start: number; end: number } {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (key && key !== node) return { start: key.offset, end: key.offset + key.length };
  return { start: node.offset, end: node.offset + Math.min(1, node.length) };
}
