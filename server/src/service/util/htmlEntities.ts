/**
 * Character references as a browser decodes them in an attribute value: every named reference
 * of the HTML standard, numeric ones, and the legacy forms without a semicolon, by the standard's
 * attribute rules (the `entities` package). One decoder for the checks and the preview.
 */
import { decodeHTMLAttribute } from 'entities/decode';

export function decodeAttributeValue(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}
