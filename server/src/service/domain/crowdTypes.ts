/** The shape of the crowd-* element table (`crowdElements.ts`). */

export type CrowdAttributeType =
  | 'string'
  /** Present or absent (`required`, `disabled`, `pin`). */
  | 'boolean'
  | 'number'
  /** An image, audio or document URL: usually `{{ x | grant_read_access }}`. */
  | 'url'
  /** An array written as JSON or as a JavaScript literal (`['a', 'b']`). */
  | 'array'
  /** An object written as JSON or as a JavaScript literal (`{ text: 'None' }`). */
  | 'object'
  /** One of `values`. */
  | 'enum';

export interface CrowdAttributeValue {
  value: string;
  docs?: string;
}

export interface CrowdAttribute {
  name: string;
  /** Markdown, in our own words. */
  docs: string;
  type: CrowdAttributeType;
  required?: boolean;
  values?: CrowdAttributeValue[];
  /** For `array`: the most items the element accepts (e.g. 10 categories). */
  maxItems?: number;
  /** For `enum`: compared without regard to case (HTML's own keywords, such as an input `type`). */
  caseInsensitive?: boolean;
  /** For `array`: what each item must be. */
  items?: 'string' | 'string-or-object';
}

export interface CrowdElement {
  name: string;
  /** One line, for completion details. */
  summary: string;
  /** Markdown. */
  docs: string;
  attributes: CrowdAttribute[];
  /**
   * What the element writes into the answer, keyed by its `name` (or by `fixedKey`). Absent for
   * elements that write nothing.
   */
  answer?: string;
  /** A2I built-ins: the key the answer is written under; these need no `name`. */
  fixedKey?: string;
  /** Annotators that work without an enclosing `<crowd-form>`. */
  standalone?: boolean;
  /** Region child elements the element reads (`full-instructions`, `short-instructions`, `classification-target`). */
  regions?: string[];
  /** Only in `crowd-html-elements-v2.js`. */
  v2Only?: boolean;
  /** The AWS documentation page. */
  reference?: string;
}

/** Non-crowd child elements that crowd elements read (`full-instructions`...). */
export interface RegionElement {
  name: string;
  docs: string;
  attributes: CrowdAttribute[];
  /** The crowd elements that read this region. */
  parents: string[];
}
