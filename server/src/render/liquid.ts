/**
 * The offline renderer: liquidjs configured like Ground Truth's Liquid. Every `{{ }}` output is
 * HTML-escaped unless its last filter marks the value safe (`escape`, `escape_once`, `to_json`,
 * `skip_autoescape`), the presigning filters go through a `Presigner`, and nothing can reach the
 * file system (a worker template is one self-contained document).
 *
 * It never throws: errors come back with offsets into the template, next to whatever HTML was
 * rendered before and around them.
 */
import { Context, Liquid, LiquidError, Tag, Template, Tokenizer, toPromise } from 'liquidjs';
import type { TopLevelToken } from 'liquidjs';
import { UNSUPPORTED_TAGS } from '../service/domain/liquid';
import { isS3Reference } from '../service/domain/s3';
import { escapeHtml, escapeHtmlOnce } from './escape';
import { Presigner, placeholderPresigner } from './presign';
import { formatCount } from '../service/util/strings';

export interface RenderIssue {
  /** `parse`: the template is not valid Liquid; `render`: evaluating it failed. */
  kind: 'parse' | 'render';
  /** What went wrong, without liquidjs's position suffix. */
  message: string;
  /** Offsets into the template of the tag or output at fault. */
  start: number;
  end: number;
}

export interface LocalRender {
  html: string;
  errors: RenderIssue[];
}

export interface LocalRenderOptions {
  presigner?: Presigner;
  /** Stops a render that runs longer (an endless `for` over a huge range), in ms. */
  timeLimitMs?: number;
}

/** The template's `task.input`: what `Task.Input` carries, parsed. */
export type TaskInput = unknown;

const DEFAULT_TIME_LIMIT_MS = 2000;
/** Well above the 128,000 characters the service accepts, so the bench's 1 MB template still renders. */
const PARSE_LIMIT = 20_000_000;
/** Characters and items filters and ranges may build: `(1..1000000000)` must not exhaust the extension host. */
const MEMORY_LIMIT = 10_000_000;
/** An error inside a loop repeats per item; past this many, one summary stands for the rest. */
const MAX_ISSUES = 100;

/** liquidjs's own stringification of an output value (nil → '', arrays joined). */
function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(stringify).join('');
  if (typeof value === 'object' && typeof (value as { valueOf?: unknown }).valueOf === 'function') {
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (primitive !== value) return stringify(primitive);
  }
  return String(value);
}

/** The presigner of each render, found from the filter's context (renders may overlap). */
const presigners = new WeakMap<object, Presigner>();

function createEngine(): Liquid {
  const liquid = new Liquid({
    outputEscape: (value: unknown) => escapeHtml(stringify(value)),
    // Includes, layouts and renders resolve against an empty in-memory set: never the disk.
    templates: {},
    catchAllErrors: true,
    strictFilters: false,
    strictVariables: false,
    ownPropertyOnly: true,
    memoryLimit: MEMORY_LIMIT,
  });
  // A filter marked `raw` ends autoescaping for its output, so these are not escaped twice.
  liquid.registerFilter('escape', { handler: (v: unknown) => escapeHtml(stringify(v)), raw: true });
  liquid.registerFilter('escape_once', { handler: (v: unknown) => escapeHtmlOnce(stringify(v)), raw: true });
  liquid.registerFilter('skip_autoescape', { handler: (v: unknown) => stringify(v), raw: true });
  liquid.registerFilter('to_json', { handler: (v: unknown) => JSON.stringify(v ?? null) ?? 'null', raw: true });
  const presign = function (this: { context: Context }, v: unknown) {
    const reference = stringify(v);
    if (!isS3Reference(reference)) return reference;
    return (presigners.get(this.context) ?? placeholderPresigner).presign(reference.trim());
  };
  liquid.registerFilter('grant_read_access', presign);
  liquid.registerFilter('s3_presign', presign);
  // liquidjs would look these files up; say why a worker template cannot use them instead.
  for (const name of ['include', 'render', 'layout']) {
    liquid.registerTag(
      name,
      class extends Tag {
        constructor(...args: ConstructorParameters<typeof Tag>) {
          super(...args);
          throw new Error(`{% ${name} %} is not available: ${UNSUPPORTED_TAGS[name]}`);
        }
        render(): void {}
      },
    );
  }
  return liquid;
}

let engine: Liquid | undefined;

/**
 * liquidjs's parser consumes its token list with `Array#shift`, which V8 makes O(n) once the
 * array is large (a 1 MB template has ~20,000 top-level tokens), so parsing turns quadratic. The
 * parser and its tags only call `shift()` and read `length`; this queue does both in O(1).
 */
class TokenQueue {
  private next = 0;
  constructor(private readonly tokens: TopLevelToken[]) {}
  shift(): TopLevelToken | undefined {
    return this.next < this.tokens.length ? this.tokens[this.next++] : undefined;
  }
  get length(): number {
    return this.tokens.length - this.next;
  }
}

function parse(liquid: Liquid, template: string): Template[] {
  if (template.length > PARSE_LIMIT)
    throw new Error(`The template has ${formatCount(template.length)} characters; the preview renders at most ${formatCount(PARSE_LIMIT)}.`);
  const tokens = new Tokenizer(template, liquid.options.operators, undefined, undefined, liquid.options.groupedExpressions).readTopLevelTokens(liquid.options);
  return liquid.parser.parseTokens(new TokenQueue(tokens) as unknown as TopLevelToken[]);
}

/** Renders a template with `task.input` set to `input`. Never throws. */
export async function renderTemplate(template: string, input: TaskInput, options: LocalRenderOptions = {}): Promise<LocalRender> {
  const liquid = (engine ??= createEngine());
  let templates: Template[];
  try {
    templates = parse(liquid, template);
  } catch (error) {
    return { html: '', errors: capped(toIssues(error, 'parse', template)) };
  }
  // Keeps what was written before an error, so the preview can show the partial page.
  const output = {
    buffer: '',
    write(html: unknown) {
      this.buffer += stringify(html);
    },
  };
  const timeLimit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const context = new Context({ task: { input } }, liquid.options, { renderLimit: timeLimit }, { liquid });
  presigners.set(context, options.presigner ?? placeholderPresigner);
  try {
    await toPromise(liquid.renderer.renderTemplates(templates, context, output));
    return { html: output.buffer, errors: [] };
  } catch (error) {
    const errors = toIssues(error, 'render', template).map((e) =>
      /render limit exceeded/.test(e.message)
        ? { ...e, message: `Rendering took longer than ${timeLimit} ms and was stopped: is a loop running over a huge range?` }
        : /memory alloc limit exceeded/.test(e.message)
          ? {
              ...e,
              message: `The template builds more than ${formatCount(MEMORY_LIMIT)} characters or items (a huge range or string?); rendering stopped there.`,
            }
          : e,
    );
    return { html: output.buffer, errors: capped(errors) };
  }
}

function capped(issues: RenderIssue[]): RenderIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { kind: issues[MAX_ISSUES].kind, message: `${rest} more error${rest === 1 ? '' : 's'} not listed`, start: 0, end: 0 },
  ];
}

function toIssues(error: unknown, kind: RenderIssue['kind'], template: string): RenderIssue[] {
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested)) return nested.flatMap((e) => toIssues(e, kind, template));
  if (error instanceof LiquidError && error.token) {
    const token = error.token;
    const sameSource = token.input === template;
    const start = sameSource ? token.begin : 0;
    const end = sameSource ? Math.max(token.end, token.begin + 1) : 0;
    const issueKind = error.name === 'RenderError' ? 'render' : error.name === 'ParseError' || error.name === 'TokenizationError' ? 'parse' : kind;
    return [{ kind: issueKind, message: cleanMessage(error), start, end: Math.min(end, template.length) }];
  }
  return [{ kind, message: cleanMessage(error), start: 0, end: 0 }];
}

/** 1-based line and column of an offset, for messages that travel without the text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** liquidjs appends ", line:3, col:5" (and a file name); positions travel as offsets instead. */
function cleanMessage(error: unknown): string {
  const original = error instanceof LiquidError && error.originalError ? error.originalError.message : undefined;
  const message = original ?? (error instanceof Error ? error.message : String(error));
  return message.replace(/,?\s*(?:file:\S+,\s*)?line:\d+,\s*col:\d+\s*$/, '').trim() || 'Liquid error';
}
