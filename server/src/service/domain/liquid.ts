/**
 * The Liquid dialect of Ground Truth and Augmented AI worker templates: standard Liquid plus
 * autoescaping and four filters of its own. One table drives completion, hover, the
 * `unknown-filter` check and the offline renderer's configuration.
 */

export type FilterGroup = 'presign' | 'escaping' | 'standard';

export interface FilterInfo {
  name: string;
  group: FilterGroup;
  /** One line, used as the completion detail. */
  summary: string;
  /** Markdown for hover and completion documentation. */
  docs: string;
  /** Argument list as written after the colon, for the signature line and the snippet. */
  args?: string[];
}

const PRESIGN_RESTRICTION =
  'The URL is presigned for the worker who opened the task. When the workteam sets ' +
  '`WorkerAccessConfiguration.S3Presign.IamPolicyConstraints` (`SourceIp` or `VpcSourceIp` = `"Enabled"`), ' +
  'the URL works only from the IP address (or VPC endpoint) the worker opened the task from; the CIDR ' +
  'allow-list itself lives on the workforce (`SourceIpConfig.Cidrs`). Presigned URLs do not work through ' +
  'S3 *interface* endpoints: workers in a VPC need an S3 gateway endpoint.';

const AUTOESCAPE_NOTE =
  'Output is HTML-escaped automatically (`&` becomes `&amp;`). Inside an attribute the browser decodes it ' +
  'again, so the URL arrives intact; inside `<script>` or `<style>` it does not, and the signature breaks: ' +
  'put the URL in an attribute and read it from the script.';

export const FILTERS: readonly FilterInfo[] = [
  {
    name: 's3_presign',
    group: 'presign',
    summary: 'Presigned HTTPS URL for an S3 object, subject to the workteam S3Presign settings',
    docs:
      'Turns an S3 reference (`s3://bucket/key`, or an `https://` S3 URL) into a short-lived presigned HTTPS ' +
      "URL, so the worker's browser can fetch a private object. Same job as `grant_read_access`; the name says " +
      "that the URL is governed by the workteam's `S3Presign` configuration.\n\n" +
      PRESIGN_RESTRICTION +
      '\n\n' +
      AUTOESCAPE_NOTE +
      '\n\n```liquid\n<img src="{{ task.input.taskObject | s3_presign }}">\n```',
  },
  {
    name: 'grant_read_access',
    group: 'presign',
    summary: 'Presigned HTTPS URL for an S3 object',
    docs:
      'Turns an S3 reference (`s3://bucket/key`, or an `https://s3.amazonaws.com/...` URL) into a ' +
      "short-lived presigned HTTPS URL, so the worker's browser can fetch a private object. The role of the " +
      'labeling job (or of RenderUiTemplate, when previewing) needs `s3:GetObject` on the object.\n\n' +
      PRESIGN_RESTRICTION +
      '\n\n' +
      AUTOESCAPE_NOTE +
      '\n\n```liquid\n<crowd-bounding-box src="{{ task.input.taskObject | grant_read_access }}" ...>\n```',
  },
  {
    name: 'to_json',
    group: 'escaping',
    summary: 'Serialise a value as JSON',
    docs:
      'Serialises the value as JSON, for attributes that take arrays or objects (`categories`, `labels`, ' +
      '`initial-value`). Exempt from autoescaping, so inside a double-quoted attribute write ' +
      '`"{{ x | to_json | escape }}"`: the quotes of the JSON would otherwise end the attribute.\n\n' +
      '```liquid\n<crowd-classifier categories="{{ task.input.labels | to_json | escape }}" ...>\n```',
  },
  {
    name: 'escape',
    group: 'escaping',
    summary: 'HTML-escape the value (never doubled by autoescape)',
    docs:
      'HTML-escapes the value (`<`, `>`, `&`, `"` and `\'`). Autoescaping does not escape the result a second ' +
      'time, so `{{ x | escape }}` and `{{ x }}` give the same text.',
  },
  {
    name: 'escape_once',
    group: 'escaping',
    summary: 'HTML-escape without re-escaping existing entities',
    docs: 'HTML-escapes the value but leaves entities that are already escaped (`&amp;`) alone. Autoescaping does not escape the result a second time.',
  },
  {
    name: 'skip_autoescape',
    group: 'escaping',
    summary: 'Turn autoescaping off for this output (raw HTML)',
    docs:
      'Turns autoescaping off for this output: the value is written without HTML-escaping. Only for HTML you produced yourself: applied to `task.input` ' +
      'data, anything a requester, a pre-annotation Lambda or an earlier worker wrote becomes live HTML and ' +
      'script in the worker page (XSS).',
  },
  ...standardFilters(),
];

function standardFilters(): FilterInfo[] {
  const table: [string, string, string[]?][] = [
    ['abs', 'Absolute value of a number'],
    ['append', 'Add a string to the end', ['string']],
    ['at_least', 'Limit a number to a minimum', ['number']],
    ['at_most', 'Limit a number to a maximum', ['number']],
    ['base64_decode', 'Decode a Base64 string'],
    ['base64_encode', 'Encode a string as Base64'],
    ['base64_url_safe_decode', 'Decode URL-safe Base64'],
    ['base64_url_safe_encode', 'Encode a string as URL-safe Base64'],
    ['capitalize', 'Upper-case the first character'],
    ['ceil', 'Round up to an integer'],
    ['compact', 'Remove nil items from an array', ['property']],
    ['concat', 'Join two arrays', ['array']],
    ['date', 'Format a date', ['format']],
    ['default', 'Fallback value when the input is nil, false or empty', ['value']],
    ['divided_by', 'Divide by a number', ['number']],
    ['downcase', 'Lower-case a string'],
    ['find', 'First array item whose property equals a value', ['property', 'value']],
    ['find_index', 'Index of the first item whose property equals a value', ['property', 'value']],
    ['first', 'First item of an array'],
    ['floor', 'Round down to an integer'],
    ['has', 'Whether any item has a property with a value', ['property', 'value']],
    ['join', 'Join array items with a separator', ['separator']],
    ['last', 'Last item of an array'],
    ['lstrip', 'Remove leading whitespace'],
    ['map', 'Collect one property of every item', ['property']],
    ['minus', 'Subtract a number', ['number']],
    ['modulo', 'Remainder of a division', ['number']],
    ['newline_to_br', 'Insert <br /> before each newline'],
    ['plus', 'Add a number', ['number']],
    ['prepend', 'Add a string to the start', ['string']],
    ['reject', 'Items whose property does not equal a value', ['property', 'value']],
    ['remove', 'Remove every occurrence of a substring', ['string']],
    ['remove_first', 'Remove the first occurrence of a substring', ['string']],
    ['remove_last', 'Remove the last occurrence of a substring', ['string']],
    ['replace', 'Replace every occurrence of a substring', ['search', 'replacement']],
    ['replace_first', 'Replace the first occurrence of a substring', ['search', 'replacement']],
    ['replace_last', 'Replace the last occurrence of a substring', ['search', 'replacement']],
    ['reverse', 'Reverse an array'],
    ['round', 'Round a number', ['digits']],
    ['rstrip', 'Remove trailing whitespace'],
    ['size', 'Length of a string or array'],
    ['slice', 'Substring or sub-array', ['start', 'length']],
    ['sort', 'Sort an array (case-sensitive)', ['property']],
    ['sort_natural', 'Sort an array (case-insensitive)', ['property']],
    ['split', 'Split a string into an array', ['separator']],
    ['strip', 'Remove surrounding whitespace'],
    ['strip_html', 'Remove HTML tags'],
    ['strip_newlines', 'Remove newlines'],
    ['sum', 'Sum of numbers, or of one property', ['property']],
    ['times', 'Multiply by a number', ['number']],
    ['truncate', 'Shorten a string to a number of characters', ['length', 'ellipsis']],
    ['truncatewords', 'Shorten a string to a number of words', ['words', 'ellipsis']],
    ['uniq', 'Remove duplicate items'],
    ['upcase', 'Upper-case a string'],
    ['url_decode', 'Decode a percent-encoded string'],
    ['url_encode', 'Percent-encode a string'],
    ['where', 'Items whose property equals a value (or is truthy)', ['property', 'value']],
  ];
  return table.map(([name, summary, args]) => ({
    name,
    group: 'standard' as const,
    summary,
    args,
    docs: `${summary}. Standard Liquid filter; its output is autoescaped like any other.`,
  }));
}

const FILTERS_BY_NAME = new Map(FILTERS.map((f) => [f.name, f]));

export function filterInfo(name: string): FilterInfo | undefined {
  return FILTERS_BY_NAME.get(name);
}

export const PRESIGN_FILTERS: ReadonlySet<string> = new Set(['s3_presign', 'grant_read_access']);

export type TagKind = 'block' | 'simple' | 'branch';

export interface TagInfo {
  name: string;
  kind: TagKind;
  /** For branch tags: the blocks they may appear in. */
  parents?: string[];
  /** Snippet inserted by completion (LSP snippet syntax), without the delimiters. */
  snippet: string;
  docs: string;
}

export const TAGS: readonly TagInfo[] = [
  {
    name: 'if',
    kind: 'block',
    snippet: 'if ${1:condition} %}\n\t$0\n{% endif',
    docs: 'Renders its body when the condition is truthy. Operators: `== != < > <= >= contains`, joined with `and` / `or` (evaluated right to left).',
  },
  { name: 'unless', kind: 'block', snippet: 'unless ${1:condition} %}\n\t$0\n{% endunless', docs: 'Renders its body when the condition is falsy.' },
  { name: 'elsif', kind: 'branch', parents: ['if', 'unless'], snippet: 'elsif ${1:condition}', docs: 'Another condition inside `if`.' },
  {
    name: 'else',
    kind: 'branch',
    parents: ['if', 'unless', 'case', 'for'],
    snippet: 'else',
    docs: 'Fallback branch of `if`, `unless`, `case`, or `for` (when the collection is empty).',
  },
  {
    name: 'case',
    kind: 'block',
    snippet: 'case ${1:variable} %}\n\t{% when ${2:value} %}\n\t\t$0\n{% endcase',
    docs: 'Chooses a branch by comparing a value with each `when`.',
  },
  { name: 'when', kind: 'branch', parents: ['case'], snippet: 'when ${1:value}', docs: 'A branch of `case`; several values are separated by `,` or `or`.' },
  {
    name: 'for',
    kind: 'block',
    snippet: 'for ${1:item} in ${2:task.input.items} %}\n\t$0\n{% endfor',
    docs: 'Repeats its body for each item. Parameters: `limit:`, `offset:`, `reversed`; `forloop.index`, `forloop.first`, `forloop.last` inside. Useful for building one field per input item.',
  },
  { name: 'break', kind: 'simple', snippet: 'break', docs: 'Stops the enclosing `for` loop.' },
  { name: 'continue', kind: 'simple', snippet: 'continue', docs: 'Skips to the next iteration of the enclosing `for` loop.' },
  {
    name: 'tablerow',
    kind: 'block',
    snippet: 'tablerow ${1:item} in ${2:collection} cols:${3:3} %}\n\t$0\n{% endtablerow',
    docs: 'Like `for`, but writes `<tr>`/`<td>` rows.',
  },
  { name: 'assign', kind: 'simple', snippet: 'assign ${1:name} = ${2:value}', docs: 'Creates a variable; filters may follow the value.' },
  { name: 'capture', kind: 'block', snippet: 'capture ${1:name} %}$0{% endcapture', docs: 'Renders its body into a string variable.' },
  { name: 'increment', kind: 'simple', snippet: 'increment ${1:counter}', docs: 'Outputs a counter, then adds one.' },
  { name: 'decrement', kind: 'simple', snippet: 'decrement ${1:counter}', docs: 'Subtracts one from a counter, then outputs it.' },
  { name: 'cycle', kind: 'simple', snippet: "cycle '${1:odd}', '${2:even}'", docs: 'Outputs the next of its values each time it runs (inside a loop).' },
  { name: 'echo', kind: 'simple', snippet: 'echo ${1:value}', docs: 'Outputs a value, like `{{ }}`; handy inside `{% liquid %}`.' },
  { name: 'liquid', kind: 'simple', snippet: 'liquid\n\t$0\n', docs: 'Several tags in one delimiter, one per line, without `{% %}`.' },
  { name: 'raw', kind: 'block', snippet: 'raw %}$0{% endraw', docs: 'Outputs its body without evaluating Liquid in it.' },
  {
    name: 'comment',
    kind: 'block',
    snippet: 'comment %}$0{% endcomment',
    docs: 'Nothing inside is rendered or sent to the worker (unlike an HTML comment, which is still rendered and visible in the page source).',
  },
  { name: '#', kind: 'simple', snippet: '# ${1:note}', docs: 'Inline comment.' },
  { name: 'ifchanged', kind: 'block', snippet: 'ifchanged %}$0{% endifchanged', docs: 'Renders its body only when it differs from the previous iteration.' },
];

const TAGS_BY_NAME = new Map(TAGS.map((t) => [t.name, t]));

export function tagInfo(name: string): TagInfo | undefined {
  return TAGS_BY_NAME.get(name);
}

/** Tags of other Liquid flavours that a single self-contained worker template cannot use. */
export const UNSUPPORTED_TAGS: Readonly<Record<string, string>> = {
  include: 'a worker template is a single document and cannot include other files',
  render: 'a worker template is a single document and cannot render other files',
  layout: 'worker templates have no layouts',
  section: 'this is a Shopify theme tag',
  sections: 'this is a Shopify theme tag',
  schema: 'this is a Shopify theme tag',
  form: 'this is a Shopify theme tag; use <crowd-form>',
  paginate: 'this is a Shopify theme tag',
  javascript: 'this is a Shopify theme tag; use <script>',
  stylesheet: 'this is a Shopify theme tag; use <style>',
  style: 'this is a Shopify theme tag; use <style>',
  block: 'this is a Jekyll/Eleventy-style tag',
  extends: 'worker templates have no layouts',
};
