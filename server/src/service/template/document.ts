/**
 * The parsed form of a worker template: an HTML element tree and the Liquid nodes, each with
 * exact offsets and the HTML context it sits in. Produced by `parseTemplate`, read by every
 * check and feature. Offsets are UTF-16 indexes into `text`.
 */
import type { FilterChain } from './liquidExpression';
import type { TagSyntax } from './tagSyntax';

export interface HtmlAttribute {
  /** Lower-cased name. */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Inside the quotes; absent for a bare attribute (`required`). */
  valueStart?: number;
  valueEnd?: number;
  quote?: '"' | "'" | '';
  /** The raw source of the value, Liquid included. */
  value?: string;
  /** Liquid nodes inside the value. */
  liquid: LiquidNode[];
}

export type ElementClosedBy = 'end-tag' | 'implied' | 'void' | 'eof' | 'self-closing';

export interface HtmlElement {
  /** Lower-cased name. */
  name: string;
  start: number;
  nameStart: number;
  nameEnd: number;
  /** Offset just after the start tag's `>` (or where the tag was cut off). */
  startTagEnd: number;
  /** Offset of the `/` when the start tag is written `<x ... />`. */
  selfClosingSlash?: number;
  attributes: HtmlAttribute[];
  parent?: HtmlElement;
  children: HtmlElement[];
  /** Offset where the element ends: after its end tag, or where something else closed it. */
  end: number;
  endTagStart?: number;
  closedBy: ElementClosedBy;
  /** For `<script>`, `<style>`, `<textarea>`, `<title>`: the content range. */
  contentStart?: number;
  contentEnd?: number;
}

export type HtmlContextKind = 'text' | 'attribute-value' | 'start-tag' | 'raw-text' | 'rcdata' | 'comment';

interface LiquidNodeBase {
  start: number;
  end: number;
  /** Markup between the delimiters (after the tag name for tags), trim markers excluded. */
  markupStart: number;
  markupEnd: number;
  context: HtmlContextKind;
  /** The element the node sits in: the owner of the attribute, the script, or the enclosing element. */
  element?: HtmlElement;
  attribute?: HtmlAttribute;
}

export interface LiquidOutput extends LiquidNodeBase {
  kind: 'output';
  chain: FilterChain;
}

export interface LiquidTag extends LiquidNodeBase {
  kind: 'tag';
  name: string;
  nameStart: number;
  nameEnd: number;
  syntax: TagSyntax;
  /** Block tags: the matching end tag, when there is one. */
  closer?: LiquidTag;
  /** The block tag this node sits directly in. */
  parentBlock?: LiquidTag;
  /** Tags written as lines of a `{% liquid %}` tag. */
  inLiquidTag?: boolean;
}

export type LiquidNode = LiquidOutput | LiquidTag;

export interface TemplateError {
  start: number;
  end: number;
  message: string;
}

export interface Range {
  start: number;
  end: number;
}

/** The body of a `{% raw %}` (still sent to the worker, without Liquid) or a `{% comment %}` (never sent). */
export interface VerbatimBody extends Range {
  kind: 'raw' | 'comment';
}

export interface TemplateDocument {
  text: string;
  /** Every element in document order. */
  elements: HtmlElement[];
  /** Top-level elements. */
  roots: HtmlElement[];
  /** Every Liquid node in document order. */
  liquid: LiquidNode[];
  /** Liquid syntax errors. */
  errors: TemplateError[];
  /** HTML comments (`<!-- -->`), which are still sent to the worker. */
  htmlComments: Range[];
  /** `{% comment %}` and `{% raw %}` bodies. */
  liquidVerbatim: VerbatimBody[];
  /** `{{` and `{%` with no closer before the next opener (each has its error): to the end of their line. */
  unclosed: Range[];
}
