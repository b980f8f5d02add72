/** HTML parsing rules the tolerant tree builder follows (a subset of the HTML standard's tree construction). */

export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Content is text up to the matching end tag; `<` starts no element inside. */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Like raw text, but character references are decoded. */
export const RCDATA_ELEMENTS: ReadonlySet<string> = new Set(['textarea', 'title']);

/** Start tags that close an open `<p>`. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'ul',
  'dd',
  'dt',
]);

/** The standard's "special" elements: an unmatched generic end tag stops at them. */
export const SPECIAL_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'applet',
  'area',
  'article',
  'aside',
  'base',
  'basefont',
  'bgsound',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'embed',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'hr',
  'html',
  'iframe',
  'img',
  'input',
  'keygen',
  'li',
  'link',
  'listing',
  'main',
  'marquee',
  'menu',
  'meta',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'p',
  'param',
  'plaintext',
  'pre',
  'script',
  'search',
  'section',
  'select',
  'source',
  'style',
  'summary',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
  'wbr',
  'xmp',
]);

/** Elements that bound the "scope" searched by end tags of special elements. */
export const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'svg',
  'math',
]);

/**
 * Given the stack of open elements (bottom first) and a new start tag, how many elements from
 * the top the start tag closes implicitly.
 */
export function impliedCloseCount(stack: readonly { name: string }[], name: string): number {
  const top = stack.length - 1;
  const closeTo = (targets: ReadonlySet<string>, stops: ReadonlySet<string>): number => {
    for (let i = top; i >= 0; i--) {
      const open = stack[i].name;
      if (targets.has(open)) return top - i + 1;
      if (stops.has(open)) return 0;
    }
    return 0;
  };
  switch (name) {
    case 'li':
      return Math.max(closeTo(new Set(['li']), new Set(['ul', 'ol', 'menu', ...SCOPE_BOUNDARIES])), closePCount(stack));
    case 'dt':
    case 'dd':
      return Math.max(closeTo(new Set(['dt', 'dd']), new Set(['dl', ...SCOPE_BOUNDARIES])), closePCount(stack));
    case 'tr':
      return closeTo(new Set(['tr']), new Set(['table', 'thead', 'tbody', 'tfoot']));
    case 'td':
    case 'th':
      return closeTo(new Set(['td', 'th']), new Set(['tr', 'table']));
    case 'thead':
    case 'tbody':
    case 'tfoot':
      return closeTo(new Set(['thead', 'tbody', 'tfoot']), new Set(['table']));
    case 'option':
      return stack[top]?.name === 'option' ? 1 : 0;
    case 'optgroup':
      return closeTo(new Set(['option', 'optgroup']), new Set(['select']));
    default:
      return CLOSES_P.has(name) ? closePCount(stack) : 0;
  }
}

/** An open `<p>` in button scope is closed by block-level start tags. */
function closePCount(stack: readonly { name: string }[]): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i].name;
    if (open === 'p') return stack.length - i;
    if (open === 'button' || SCOPE_BOUNDARIES.has(open)) return 0;
  }
  return 0;
}
