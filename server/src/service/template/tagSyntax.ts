/**
 * Parses the markup of each Liquid tag into what checks need: the variables it reads, the
 * filters it applies, the names it defines, and its syntax errors.
 */
import {
  Expression,
  FilterCall,
  MarkupError,
  MarkupReader,
  VariableExpression,
  lexMarkup,
  parseFilterChain,
  variablesOf,
  variablesOfChain,
} from './liquidExpression';

export interface TagSyntax {
  /** Variables read by the tag, in source order. */
  variables: VariableExpression[];
  filters: FilterCall[];
  errors: MarkupError[];
  /** `assign x = ...`, `capture x`, `for x in ...`: the variable defined. */
  defines?: { name: string; start: number; end: number };
  /** `for x in <collection>` and `assign x = <value>`: where the defined value comes from. */
  source?: Expression;
  /** For `assign`: true when filters follow the value (the result is no longer the same data). */
  sourceFiltered?: boolean;
}

const NO_MARKUP = new Set(['else', 'break', 'continue', 'raw', 'endraw', 'comment', 'endcomment', 'ifchanged', 'endifchanged', '#']);

export function parseTagSyntax(name: string, text: string, start: number, end: number): TagSyntax {
  if (name.startsWith('end') || NO_MARKUP.has(name)) return { variables: [], filters: [], errors: [] };
  switch (name) {
    case 'echo': {
      const chain = parseFilterChain(text, start, end);
      return { variables: variablesOfChain(chain.expression, chain.filters), filters: chain.filters, errors: chain.errors };
    }
    case 'assign':
      return parseAssign(text, start, end);
    case 'if':
    case 'elsif':
    case 'unless':
      return parseCondition(text, start, end);
    case 'case':
      return parseValues(text, start, end, false);
    case 'when':
      return parseValues(text, start, end, true);
    case 'for':
    case 'tablerow':
      return parseLoop(name, text, start, end);
    case 'capture':
    case 'increment':
    case 'decrement':
      return parseName(name, text, start, end);
    case 'cycle':
      return parseCycle(text, start, end);
    default:
      return { variables: [], filters: [], errors: [] };
  }
}

function parseAssign(text: string, start: number, end: number): TagSyntax {
  const tokens = lexMarkup(text, start, end);
  const name = tokens[0];
  if (!name || name.kind !== 'identifier') {
    return { variables: [], filters: [], errors: [{ start, end: name?.end ?? end, message: 'Expected "assign name = value".' }] };
  }
  const eq = tokens[1];
  if (!eq || eq.kind !== 'assign') {
    return {
      variables: [],
      filters: [],
      errors: [{ start: name.start, end: eq?.end ?? name.end, message: `Expected "=" after "assign ${name.value}".` }],
      defines: { name: name.value, start: name.start, end: name.end },
    };
  }
  const chain = parseFilterChain(text, eq.end, end);
  return {
    variables: variablesOfChain(chain.expression, chain.filters),
    filters: chain.filters,
    errors: chain.errors,
    defines: { name: name.value, start: name.start, end: name.end },
    source: chain.expression,
    sourceFiltered: chain.filters.length > 0,
  };
}

const LOGICAL = new Set(['and', 'or']);

function parseCondition(text: string, start: number, end: number): TagSyntax {
  const reader = new MarkupReader(lexMarkup(text, start, end), end);
  const variables: VariableExpression[] = [];
  if (reader.atEnd()) reader.error('Expected a condition.');
  while (!reader.atEnd()) {
    const left = reader.expression();
    variablesOf(left, variables);
    if (!left) {
      reader.next();
      continue;
    }
    const op = reader.peek();
    if (op && (op.kind === 'comparison' || (op.kind === 'identifier' && op.value === 'contains'))) {
      reader.next();
      variablesOf(reader.expression(), variables);
    }
    if (reader.atEnd()) break;
    const joiner = reader.peek()!;
    if (joiner.kind === 'identifier' && LOGICAL.has(joiner.value)) {
      reader.next();
      if (reader.atEnd()) reader.error(`Expected a condition after "${joiner.value}".`);
      continue;
    }
    reader.error(`Unexpected "${joiner.value}": join conditions with "and" or "or".`, joiner);
    reader.next();
  }
  return { variables, filters: [], errors: reader.errors };
}

function parseValues(text: string, start: number, end: number, list: boolean): TagSyntax {
  const reader = new MarkupReader(lexMarkup(text, start, end), end);
  const variables: VariableExpression[] = [];
  if (reader.atEnd()) reader.error('Expected a value.');
  while (!reader.atEnd()) {
    const value = reader.expression();
    variablesOf(value, variables);
    if (!value) {
      reader.next();
      continue;
    }
    if (reader.atEnd()) break;
    if (list && (reader.accept('comma') || reader.accept('identifier', 'or'))) continue;
    reader.error(`Unexpected "${reader.peek()!.value}".`);
    reader.next();
  }
  return { variables, filters: [], errors: reader.errors };
}

function parseLoop(tag: string, text: string, start: number, end: number): TagSyntax {
  const reader = new MarkupReader(lexMarkup(text, start, end), end);
  const name = reader.accept('identifier');
  if (!name) {
    reader.error(`Expected "${tag} item in collection".`);
    return { variables: [], filters: [], errors: reader.errors };
  }
  if (!reader.accept('identifier', 'in')) {
    reader.error(`Expected "in" after "${tag} ${name.value}".`);
    return { variables: [], filters: [], errors: reader.errors, defines: { name: name.value, start: name.start, end: name.end } };
  }
  const variables: VariableExpression[] = [];
  const source = reader.expression();
  variablesOf(source, variables);
  while (!reader.atEnd()) {
    const t = reader.next()!;
    if (t.kind === 'identifier' && t.value === 'reversed') continue;
    if (t.kind === 'comma') continue;
    if (t.kind === 'identifier' && reader.accept('colon')) {
      if (t.value === 'offset' && reader.accept('identifier', 'continue')) continue;
      variablesOf(reader.expression(), variables);
      continue;
    }
    reader.error(`Unexpected "${t.value}": ${tag} takes limit:, offset:${tag === 'tablerow' ? ', cols:' : ''} and reversed.`, t);
  }
  return {
    variables,
    filters: [],
    errors: reader.errors,
    defines: { name: name.value, start: name.start, end: name.end },
    source,
  };
}

function parseName(tag: string, text: string, start: number, end: number): TagSyntax {
  const tokens = lexMarkup(text, start, end);
  const name = tokens[0];
  if (!name || (name.kind !== 'identifier' && name.kind !== 'string')) {
    return { variables: [], filters: [], errors: [{ start, end, message: `Expected a variable name after "${tag}".` }] };
  }
  const errors: MarkupError[] = [];
  if (tokens.length > 1) {
    errors.push({ start: tokens[1].start, end: tokens[tokens.length - 1].end, message: `Unexpected text after "${tag} ${name.value}".` });
  }
  return { variables: [], filters: [], errors, defines: { name: name.value, start: name.start, end: name.end } };
}

function parseCycle(text: string, start: number, end: number): TagSyntax {
  const reader = new MarkupReader(lexMarkup(text, start, end), end);
  const variables: VariableExpression[] = [];
  if (reader.peek(1)?.kind === 'colon') {
    variablesOf(reader.expression(), variables);
    reader.next();
  }
  do {
    const value = reader.expression();
    if (!value) break;
    variablesOf(value, variables);
  } while (reader.accept('comma'));
  if (!reader.atEnd()) reader.error(`Unexpected "${reader.peek()!.value}": separate values with ",".`);
  return { variables, filters: [], errors: reader.errors };
}
