/**
 * The tree of a JSON document, built a slice of tokens at a time.
 *
 * jsonc-parser's `parseTree` builds the tree the checks read in one call, which for a 1 MB policy
 * holds the server's thread for tens of milliseconds (more on a busy machine), and a request
 * typed meanwhile waits for all of it. This reads the same tokens (jsonc-parser's scanner) and
 * builds the same tree: the same nodes, offsets, lengths, colon offsets and errors, recovery from
 * malformed text included, with AWS's reading (no comments, no trailing commas, empty content
 * allowed). `test/unit/json/tree.test.ts` compares the two on the corpus and on fuzzed text. Its
 * generator yields after about `slice` tokens, between two members or items.
 *
 * It keeps the containers open around the current token on a stack of its own, and refuses to go
 * deeper than `MAX_JSON_DEPTH` (a `RangeError`, which the caller reads as "nested too deeply"):
 * what the checks and the editor features do with a tree recurses per level.
 */
import { type Node, type ParseError, ParseErrorCode, ScanError, SyntaxKind, createScanner } from 'jsonc-parser';
import { intern } from '../util/strings';

/** A node while the tree is built (jsonc-parser's `Node`, whose fields are read-only to its readers). */
interface Building {
  type: Node['type'];
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: Building;
  children?: Building[];
}

/** Flags of an open container (`jsonTreeSteps`). */
const IN_ARRAY = 1;
const NEEDS_COMMA = 2;

/** Deeper nesting than any document AWS takes (IAM policies nest about six levels). */
export const MAX_JSON_DEPTH = 1_000;

/** The tree of `text`, built `slice` tokens at a time (`Infinity`: in one go). Errors are added to `errors`. */
export function* jsonTreeSteps(text: string, errors: ParseError[], slice: number): Generator<void, Node | undefined> {
  const scanner = createScanner(text, false);
  // The top value is the only child of a stand-in parent, as in jsonc-parser.
  const top: Building = { type: 'array', offset: -1, length: -1, children: [], parent: undefined };
  let parent = top;
  let scanned = 0;
  let yieldAt = slice;

  const error = (code: ParseErrorCode) => {
    errors.push({ error: code, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
  };

  /** The next token that is not trivia, reporting scan errors, comments and unknown symbols on the way. */
  const scanNext = (): SyntaxKind => {
    for (;;) {
      // Spaces, tabs and line breaks are stepped over here: the scanner makes each run of them a
      // token, and a string a character at a time, and they are two tokens in three of a formatted policy.
      let at = scanner.getPosition();
      let code = text.charCodeAt(at);
      if (code === 32 || code === 10 || code === 13 || code === 9) {
        do code = text.charCodeAt(++at);
        while (code === 32 || code === 10 || code === 13 || code === 9);
        scanner.setPosition(at);
      }
      const token = scanner.scan();
      scanned++;
      switch (scanner.getTokenError()) {
        case ScanError.InvalidUnicode:
          error(ParseErrorCode.InvalidUnicode);
          break;
        case ScanError.InvalidEscapeCharacter:
          error(ParseErrorCode.InvalidEscapeCharacter);
          break;
        case ScanError.UnexpectedEndOfNumber:
          error(ParseErrorCode.UnexpectedEndOfNumber);
          break;
        case ScanError.UnexpectedEndOfString:
          error(ParseErrorCode.UnexpectedEndOfString);
          break;
        case ScanError.InvalidCharacter:
          error(ParseErrorCode.InvalidCharacter);
          break;
        // An unclosed comment is reported as a comment, below.
      }
      switch (token) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          error(ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.Unknown:
          error(ParseErrorCode.InvalidSymbol);
          break;
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        default:
          return token;
      }
    }
  };

  /** Reports `code`, then skips to just after a token of `after` or to a token of `until`. */
  const recover = (code: ParseErrorCode, after: readonly SyntaxKind[], until: readonly SyntaxKind[]) => {
    error(code);
    if (!after.length && !until.length) return;
    let token = scanner.getToken();
    while (token !== SyntaxKind.EOF) {
      if (after.includes(token)) {
        scanNext();
        return;
      }
      if (until.includes(token)) return;
      token = scanNext();
    }
  };

  /** A property whose value has ended (or is missing) ends here; its object becomes the parent again. */
  const endProperty = (end: number) => {
    if (parent.type !== 'property') return;
    parent.length = end - parent.offset;
    // Made with a slot for its value (below): a property whose value is missing has its key alone.
    if (parent.children![1] === undefined) parent.children!.length = 1;
    parent = parent.parent!;
  };

  /**
   * The children of the open containers, innermost last, on one stack (`starts`: where each
   * container's children begin): a container gets its list, at its size, when it closes, and no
   * list grown by `push` is made and thrown away for each of a policy's thousands of objects.
   */
  const pending: Building[] = [];
  const starts: number[] = [];

  const add = (node: Building): Building => {
    if (parent.type === 'property') parent.children![1] = node;
    else if (parent === top) top.children!.push(node);
    else pending.push(node);
    return node;
  };

  const literal = (value: string | number | boolean | null, type: Node['type']) => {
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    add({ type, offset, length, parent, value });
    endProperty(offset + length);
  };

  /** A string, number or keyword at the current token; false when the token starts no value. */
  const scalar = (): boolean => {
    switch (scanner.getToken()) {
      case SyntaxKind.StringLiteral:
        literal(intern(scanner.getTokenValue()), 'string');
        break;
      case SyntaxKind.NumericLiteral: {
        let value = Number(scanner.getTokenValue());
        if (isNaN(value)) {
          error(ParseErrorCode.InvalidNumberFormat);
          value = 0;
        }
        literal(value, 'number');
        break;
      }
      case SyntaxKind.NullKeyword:
        literal(null, 'null');
        break;
      case SyntaxKind.TrueKeyword:
        literal(true, 'boolean');
        break;
      case SyntaxKind.FalseKeyword:
        literal(false, 'boolean');
        break;
      default:
        return false;
    }
    scanNext();
    return true;
  };

  /**
   * The containers open around the current token, innermost last: `IN_ARRAY` set for an array,
   * `NEEDS_COMMA` once it holds a member or item. The tree is built in one loop over this stack
   * rather than by a generator per container (each a frame of registers on the heap: 7 MB of a
   * 1 MB policy's parse, for containers that mostly hold a few values).
   */
  const open: number[] = [];

  /** A value at the current token: a scalar read, or an object or array opened. False when the token starts none. */
  const startValue = (): boolean => {
    const token = scanner.getToken();
    if (token !== SyntaxKind.OpenBraceToken && token !== SyntaxKind.OpenBracketToken) return scalar();
    if (open.length >= MAX_JSON_DEPTH) throw new RangeError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
    const array = token === SyntaxKind.OpenBracketToken;
    parent = add({ type: array ? 'array' : 'object', offset: scanner.getTokenOffset(), length: -1, parent, children: UNFILLED });
    open.push(array ? IN_ARRAY : 0);
    starts.push(pending.length);
    scanNext();
    return true;
  };

  /**
   * Closes the innermost container at the current token (its closing bracket, or where it was cut
   * off): its length, then its parent (and the property holding it) take over.
   */
  const closeContainer = (array: boolean) => {
    const end = scanner.getTokenOffset() + scanner.getTokenLength();
    // A property left without its value ends with its object (in an array, there is none).
    endProperty(end);
    parent.length = end - parent.offset;
    // Its list at its size: an array that grew by `push` keeps room for 17 items or more, and most
    // containers hold a few (with properties' children made to size too, below, a 1 MB policy's
    // tree held 12.6 MB of arrays, now 4).
    const start = starts.pop()!;
    parent.children = pending.slice(start);
    pending.length = start;
    parent = parent.parent!;
    endProperty(end);
    open.pop();
    const closer = array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
    if (scanner.getToken() !== closer) recover(array ? ParseErrorCode.CloseBracketExpected : ParseErrorCode.CloseBraceExpected, [closer], []);
    else scanNext();
  };

  /**
   * The comma before the innermost container's next member or item (reported where nothing
   * precedes it; one missing is reported too). A comma ends a property whose value is missing.
   */
  const separator = () => {
    const flags = open[open.length - 1]!;
    if (scanner.getToken() === SyntaxKind.CommaToken) {
      if (!(flags & NEEDS_COMMA)) error(ParseErrorCode.ValueExpected);
      endProperty(scanner.getTokenOffset());
      scanNext();
    } else if (flags & NEEDS_COMMA) {
      error(ParseErrorCode.CommaExpected);
    }
    open[open.length - 1] = flags | NEEDS_COMMA;
  };

  /** The next member of the innermost object: a key, a colon, then its value (an object or array is opened, not read). */
  const member = () => {
    if (scanner.getToken() !== SyntaxKind.StringLiteral) {
      recover(ParseErrorCode.PropertyNameExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
      recover(ParseErrorCode.ValueExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
      return;
    }
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    const name = intern(scanner.getTokenValue());
    scanNext();
    // The colon is known before the node is made: a field added later would reshape every property node.
    const colon = scanner.getToken() === SyntaxKind.ColonToken;
    const property = add(
      colon
        ? { type: 'property', offset, length: -1, parent, children: undefined, colonOffset: scanner.getTokenOffset() }
        : { type: 'property', offset, length: -1, parent, children: undefined },
    );
    parent = property;
    // Its key and a slot for its value, at their size: `push` would leave room for 17.
    property.children = [{ type: 'string', value: name, offset, length, parent: property }, undefined as unknown as Building];
    if (!colon) {
      recover(ParseErrorCode.ColonExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
      return;
    }
    scanNext();
    if (!startValue()) recover(ParseErrorCode.ValueExpected, [], [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken]);
  };

  scanNext();
  if (scanner.getToken() !== SyntaxKind.EOF) {
    if (!startValue()) error(ParseErrorCode.ValueExpected);
    else {
      while (open.length) {
        const array = (open[open.length - 1]! & IN_ARRAY) !== 0;
        const token = scanner.getToken();
        if (token === SyntaxKind.EOF || token === (array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
          closeContainer(array);
          continue;
        }
        if (scanned >= yieldAt) {
          yieldAt = scanned + slice;
          yield;
        }
        separator();
        if (!array) member();
        else if (!startValue()) recover(ParseErrorCode.ValueExpected, [], [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken]);
      }
      if (scanner.getToken() !== SyntaxKind.EOF) error(ParseErrorCode.EndOfFileExpected);
    }
  }
  const result = top.children![0];
  if (result) delete result.parent;
  return result as Node | undefined;
}

/** A container's children until it closes (`pending`): shared, never read. */
const UNFILLED: Building[] = [];
