/** HTML escaping as Ground Truth's Liquid does it (`'` → `&#39;`, `"` → `&quot;`). */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Like `escapeHtml`, but leaves entities that are already there (`&amp;`, `&#39;`, `&#x27;`) alone. */
export function escapeHtmlOnce(text: string): string {
  return text.replace(/[<>"']|&(?!(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);)/gi, (c) => ENTITIES[c]);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes the character references an attribute value usually holds (numeric ones and the few
 * named ones templates use). Used to see an attribute value as the browser does.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec || hex) {
      const code = parseInt(dec ?? hex!, dec ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name!.toLowerCase()] ?? whole;
  });
}
