/** HTML escaping as Ground Truth's Liquid does it (`'` → `&#39;`, `"` → `&quot;`). */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Like `escapeHtml`, but leaves entities that are already there (`&amp;`, `&#39;`, `&#x27;`) alone. */
export function escapeHtmlOnce(text: string): string {
  return text.replace(/[<>"']|&(?!(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);)/gi, (c) => ENTITIES[c]);
}
