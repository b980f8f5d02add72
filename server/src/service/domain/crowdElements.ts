/**
 * Every crowd-* element of crowd-html-elements.js (and the V2 script), with its attributes, what
 * it writes into the answer and the region children it reads. Completion, hover, the HTML custom
 * data and several checks are driven from this table.
 *
 * Sources: the "Crowd HTML Elements Reference" pages of the SageMaker developer guide
 * (`sms-ui-template-crowd-*`, `a2i-crowd-*`, and the V2 section of `general-topiclist`), and the
 * public sample templates (aws-samples/amazon-sagemaker-ground-truth-task-uis), which use a few
 * attributes the reference pages do not list. Those are marked "(seen in the samples)" below. The
 * `docs` strings are our own words.
 *
 * `maxItems` is set only where the reference states a limit (bounding box, line and polyline
 * labels; image classifier categories): `invalid-attribute-value` reports it as an error, so a
 * guessed limit would be a false alarm.
 */
import type { CrowdAttribute, CrowdAttributeValue, CrowdElement, RegionElement } from './crowdTypes';

const DG = 'https://docs.aws.amazon.com/sagemaker/latest/dg';
const ref = (element: string) => `${DG}/sms-ui-template-${element}.html`;

// Attribute builders ------------------------------------------------------------------------

function attr(name: string, type: CrowdAttribute['type'], docs: string, extra: Partial<CrowdAttribute> = {}): CrowdAttribute {
  return { name, type, docs, ...extra };
}

/** `name`: the key of the element's answer. */
function nameAttr(what: string): CrowdAttribute {
  return attr('name', 'string', `The key ${what} is stored under in the submitted answer. Without it the answer is lost.`, { required: true });
}

function headerAttr(shown = 'above the image'): CrowdAttribute {
  return attr('header', 'string', `Question or short instruction shown to the worker ${shown}.`);
}

function srcAttr(what: string, required = true): CrowdAttribute {
  return attr('src', 'url', `URL of the ${what} the worker works on. For an S3 object, presign it.`, { required });
}

function enumAttr(name: string, docs: string, values: CrowdAttributeValue[], extra: Partial<CrowdAttribute> = {}): CrowdAttribute {
  return attr(name, 'enum', docs, { values, ...extra });
}

const disabled = (what: string) => attr('disabled', 'boolean', `Shows the ${what} greyed out; the worker cannot use it.`);
const requiredAttr = (docs = 'The worker cannot submit until this field has a value.') => attr('required', 'boolean', docs);

/** `labels` of the drawing tools: an array of label strings. */
function drawingLabels(what: string, maxItems?: number): CrowdAttribute {
  return attr(
    'labels',
    'array',
    `The labels the worker can give each ${what}, as an array of strings.${maxItems ? ` The reference allows at most ${maxItems}.` : ''}`,
    {
      required: true,
      items: 'string',
      maxItems,
    },
  );
}

const LINK_TYPES: CrowdAttributeValue[] = [
  { value: 'link', docs: 'A text link (the default).' },
  { value: 'button', docs: 'A button.' },
];

/** Every `type` an HTML `<input>` accepts: crowd-input passes it through. */
const INPUT_TYPES: CrowdAttributeValue[] = [
  ['text', 'Plain text (the default).'],
  ['number', 'A number.'],
  ['password', 'Hidden characters.'],
  ['email', 'An e-mail address.'],
  ['url', 'A URL.'],
  ['tel', 'A telephone number.'],
  ['search', 'A search box.'],
  ['date', 'A date picker.'],
  ['time', 'A time picker.'],
  ['datetime-local', 'A date and time picker.'],
  ['month', 'A month picker.'],
  ['week', 'A week picker.'],
  ['color', 'A colour picker.'],
  ['file', 'A file chooser.'],
  ['range', 'A range control.'],
  ['hidden', 'Not shown; still submitted.'],
  ['checkbox', 'A check box.'],
  ['radio', 'A radio button.'],
  ['button', 'A plain button.'],
  ['submit', 'A submit button.'],
  ['reset', 'A reset button.'],
  ['image', 'An image button.'],
].map(([value, docs]) => ({ value, docs }));

const IMAGE_SIZE = '`inputImageProperties` (`width`, `height` of the image in pixels)';

// The elements ------------------------------------------------------------------------------

export const CROWD_ELEMENTS: readonly CrowdElement[] = [
  // Form ----------------------------------------------------------------------------------
  {
    name: 'crowd-form',
    summary: 'The task form: collects and submits every crowd field inside it',
    docs: 'Wrap the task in it. What the crowd fields inside it hold is sent as the answer when the worker submits. If it contains no submit `<crowd-button>`, it adds a Submit button itself. Behaves like an HTML `<form>` (`onsubmit` works). `<short-instructions>` and `<full-instructions>` placed directly inside it appear in the instructions panel.',
    attributes: [],
    regions: ['short-instructions', 'full-instructions'],
    reference: ref('crowd-form'),
  },

  // Annotators ----------------------------------------------------------------------------
  {
    name: 'crowd-bounding-box',
    summary: 'Draw labelled rectangles on an image',
    docs: 'The worker picks a label and draws boxes around the objects in the image.',
    attributes: [
      srcAttr('image'),
      drawingLabels('box', 10),
      headerAttr(),
      attr(
        'initial-value',
        'array',
        'Boxes drawn when the task opens, for the worker to adjust: an array of `{ label, left, top, width, height }` (pixels; `label` must be one of `labels`). The answer then records whether they were changed (`initialValueModified`).',
      ),
      nameAttr('the boxes'),
    ],
    answer: `\`boundingBoxes\`: an array of \`{ label, left, top, width, height }\` in pixels, and ${IMAGE_SIZE}. With \`initial-value\`, also \`initialValueModified\`.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-bounding-box'),
  },
  {
    name: 'crowd-classifier',
    summary: 'Pick one category for text, audio, video or any HTML content',
    docs: 'Shows the content of `<classification-target>` and a list of categories; the worker chooses exactly one.',
    attributes: [
      attr('categories', 'array', 'The categories to choose from, as an array of strings. Add an "other" choice so every item can be answered.', {
        required: true,
        items: 'string',
      }),
      headerAttr('above the content'),
      attr(
        'exclusion-category',
        'object',
        'An extra "none of these" choice, written `{ text: \'None of the above\' }` (seen in the samples; the reference documents it on the multi-select variants).',
      ),
      nameAttr('the chosen category'),
    ],
    answer: '`{ label }`: the category the worker chose.',
    regions: ['classification-target', 'short-instructions', 'full-instructions'],
    reference: ref('crowd-classifier'),
  },
  {
    name: 'crowd-classifier-multi-select',
    summary: 'Pick one or more categories for text, audio, video or any HTML content',
    docs: 'Like `<crowd-classifier>`, but the worker can tick several categories.',
    attributes: [
      attr('categories', 'array', 'The categories to choose from, as an array of strings.', { required: true, items: 'string' }),
      headerAttr('above the content'),
      attr('exclusion-category', 'object', "An extra choice for when no category applies, written `{ text: 'None of the above' }`."),
      nameAttr('the chosen categories'),
    ],
    answer: '`{ labels }`: an array of the categories the worker ticked.',
    regions: ['classification-target', 'short-instructions', 'full-instructions'],
    reference: ref('crowd-classifier-multi-select'),
  },
  {
    name: 'crowd-image-classifier',
    summary: 'Pick one category for an image',
    docs: 'Shows the image and a list of categories; the worker chooses exactly one. A `<worker-comment>` child lets the worker explain the choice.',
    attributes: [
      srcAttr('image'),
      attr('categories', 'array', 'The categories to choose from, as an array of strings (at most 10). Add an "other" choice so every image can be answered.', {
        required: true,
        items: 'string',
        maxItems: 10,
      }),
      headerAttr(),
      attr(
        'overlay',
        'object',
        'Annotations of an earlier job drawn over the image, for verification tasks: an object keyed by task type in camelCase (`boundingBox`, `semanticSegmentation`, `instanceSegmentation`) holding the labels and the earlier result.',
      ),
      attr(
        'exclusion-category',
        'object',
        'An extra "none of these" choice, written `{ text: \'None of the above\' }` (the reference documents it on the multi-select variant).',
      ),
      nameAttr('the chosen category'),
    ],
    answer: '`{ label }`: the category the worker chose, plus `workerComment` when the worker left a comment.',
    regions: ['short-instructions', 'full-instructions', 'worker-comment'],
    reference: ref('crowd-image-classifier'),
  },
  {
    name: 'crowd-image-classifier-multi-select',
    summary: 'Pick one or more categories for an image',
    docs: 'Like `<crowd-image-classifier>`, but the worker must tick at least one category and may tick all.',
    attributes: [
      srcAttr('image'),
      attr('categories', 'array', 'The categories to choose from, as an array of strings.', { required: true, items: 'string' }),
      headerAttr(),
      attr('exclusion-category', 'object', "An extra choice for when no category applies, written `{ text: 'None of the above' }`."),
      nameAttr('the chosen categories'),
    ],
    answer: '`{ labels }`: an array of the categories the worker ticked.',
    regions: ['short-instructions', 'full-instructions', 'worker-comment'],
    reference: `${DG}/sms-ui-template-crowd-image-classifier-multi.html`,
  },
  {
    name: 'crowd-entity-annotation',
    summary: 'Highlight spans of text and label them (named entities, key phrases)',
    docs: 'The worker selects a label, then highlights the words it applies to. It brings its own form and Submit button, so it is used without `<crowd-form>`; extra fields can be moved into its internal form by script.',
    attributes: [
      attr('text', 'string', 'The text to annotate. Output is HTML-escaped by default.', { required: true }),
      attr(
        'labels',
        'array',
        'The labels: strings, or objects `{ label, shortDisplayName, fullDisplayName }` where `label` is the value written to the answer, `fullDisplayName` appears in the label list and a short (3-4 letter) `shortDisplayName` appears over highlighted text.',
        { required: true, items: 'string-or-object' },
      ),
      headerAttr('above the text'),
      attr(
        'initial-value',
        'array',
        'Spans already labelled when the task opens: an array of `{ label, startOffset, endOffset }` (Unicode offsets into `text`).',
      ),
      nameAttr('the entities'),
    ],
    answer: '`entities`: an array of `{ label, startOffset, endOffset }`; `endOffset` is the offset just after the span.',
    standalone: true,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-entity-annotation'),
  },
  {
    name: 'crowd-keypoint',
    summary: 'Place labelled points on an image',
    docs: 'The worker picks a label and clicks points of interest on the image.',
    attributes: [
      srcAttr('image'),
      drawingLabels('point'),
      headerAttr(),
      attr('initial-value', 'array', 'Points shown when the task opens: an array of `{ label, x, y }`. A point whose label is not in `labels` is not drawn.'),
      nameAttr('the points'),
    ],
    answer: `\`keypoints\`: an array of \`{ label, x, y }\` in pixels from the top-left corner, and ${IMAGE_SIZE}.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-keypoint'),
  },
  {
    name: 'crowd-line',
    summary: 'Draw labelled straight lines on an image',
    docs: 'Each line has a label, a start point and an end point.',
    attributes: [
      srcAttr('image'),
      drawingLabels('line', 10),
      attr('label-colors', 'array', "Colours for the labels, as an array of hex codes (`['#d62728', '#0000ff']`).", { items: 'string' }),
      headerAttr(),
      // The reference describes an array but shows `{ lines: [...] }`: left unchecked on purpose.
      attr(
        'initial-value',
        'string',
        'Lines drawn when the task opens, for the worker to adjust; the reference shows `{ lines: [{ label, vertices: [{ x, y }, { x, y }] }] }`. The answer then records whether they were changed (`initialValueModified`).',
      ),
      nameAttr('the lines'),
    ],
    answer: `\`lines\`: an array of \`{ label, vertices: [{ x, y }, { x, y }] }\` in pixels, and ${IMAGE_SIZE}. With \`initial-value\`, also \`initialValueModified\`.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-line'),
  },
  {
    name: 'crowd-polygon',
    summary: 'Draw labelled polygons on an image',
    docs: 'The worker picks a label and outlines each object with a closed polygon.',
    attributes: [
      srcAttr('image'),
      drawingLabels('polygon'),
      headerAttr(),
      attr(
        'initial-value',
        'array',
        'Polygons drawn when the task opens: an array of `{ label, vertices: [{ x, y }, ...] }`. Quote the attribute with the quote the JSON does not use (or use `&quot;` / `&#39;`).',
      ),
      nameAttr('the polygons'),
    ],
    answer: `\`polygons\`: an array of \`{ label, vertices: [{ x, y }, ...] }\` in pixels from the top-left corner, and ${IMAGE_SIZE}.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-polygon'),
  },
  {
    name: 'crowd-polyline',
    summary: 'Draw labelled open polylines on an image',
    docs: 'Each polyline has a label and two or more vertices; it may cross itself. The worker presses Enter to finish one.',
    attributes: [
      srcAttr('image'),
      drawingLabels('polyline', 10),
      attr('label-colors', 'array', "Colours for the labels, as an array of hex codes (`['#d62728', '#0000ff']`).", { items: 'string' }),
      headerAttr(),
      // As for crowd-line: prose says array, the example is `{ polylines: [...] }`.
      attr(
        'initial-value',
        'string',
        'Polylines drawn when the task opens, for the worker to adjust; the reference shows `{ polylines: [{ label, vertices: [{ x, y }, ...] }] }`. The answer then records whether they were changed (`initialValueModified`).',
      ),
      nameAttr('the polylines'),
    ],
    answer: `\`polylines\`: an array of \`{ label, vertices: [{ x, y }, ...] }\` in pixels, and ${IMAGE_SIZE}. With \`initial-value\`, also \`initialValueModified\`.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-polyline'),
  },
  {
    name: 'crowd-instance-segmentation',
    summary: 'Paint a separate coloured mask over each instance of an object',
    docs: 'The worker picks a label, adds an instance and paints it; every instance gets its own colour.',
    attributes: [
      srcAttr('image'),
      drawingLabels('instance'),
      headerAttr(),
      attr(
        'initial-value',
        'object',
        'A previous result to review and correct: `{ instances: [{ color, label }], src: <presigned URL of the earlier mask image> }`.',
      ),
      nameAttr('the masks'),
    ],
    answer: `\`labeledImage.pngImageData\` (the masks as a base64 PNG), \`instances\` (an array of \`{ color, label }\`; a label repeats once per instance) and ${IMAGE_SIZE}.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-instance-segmentation'),
  },
  {
    name: 'crowd-semantic-segmentation',
    summary: 'Paint a coloured mask per label over an image',
    docs: 'The worker picks a label and paints the pixels that belong to it; each label has one colour.',
    attributes: [
      srcAttr('image'),
      drawingLabels('segment'),
      headerAttr(),
      attr(
        'initial-value',
        'object',
        'A previous result to review and correct: `{ labelMappings: { <label>: { color } }, src: <presigned URL of the earlier mask image> }`.',
      ),
      nameAttr('the mask'),
    ],
    answer: `\`labeledImage.pngImageData\` (the mask as a base64 PNG), \`labelMappings\` (\`{ <label>: { color } }\`), ${IMAGE_SIZE}, and \`initialValueModified\` when \`initial-value\` was given.`,
    regions: ['full-instructions', 'short-instructions'],
    reference: ref('crowd-semantic-segmentation'),
  },

  // Form controls -------------------------------------------------------------------------
  {
    name: 'crowd-input',
    summary: 'A single-line text box',
    docs: 'A styled `<input>`. Unlike `<input>` it needs an end tag: `<crowd-input ...></crowd-input>`, never `<crowd-input ... />`.',
    attributes: [
      nameAttr('the typed text'),
      attr('label', 'string', 'Text shown inside the empty box; it moves above the box once the worker types or a `value` is set.'),
      attr('placeholder', 'string', 'Hint text shown until the worker types; not submitted.'),
      attr('value', 'string', 'Text already in the box when the task opens; submitted if the worker leaves it.'),
      enumAttr('type', 'The HTML input type, for example `number`, `date` or `file`.', INPUT_TYPES, { caseInsensitive: true }),
      requiredAttr(),
      disabled('box'),
      attr('auto-focus', 'boolean', 'Puts the cursor in the box when the task opens.'),
      attr('auto-validate', 'boolean', 'Checks the text as the worker types (see `allowed-pattern` and `error-message`).'),
      attr('allowed-pattern', 'string', 'With `auto-validate`: a regular expression; characters that do not match are ignored as the worker types.'),
      attr('error-message', 'string', 'Shown under the box when validation fails.'),
      attr('max-length', 'number', 'The most characters the box accepts; further input is dropped.'),
      attr('min-length', 'number', 'The fewest characters the answer must have.'),
      // Listed on crowd-text-area's page only; kept here so templates using it are not flagged.
      attr('char-counter', 'boolean', 'Shows a character count under the box (documented for `<crowd-text-area>`).'),
    ],
    answer: 'The text the worker typed, as a string. A box left empty does not appear in the answer.',
    reference: ref('crowd-input'),
  },
  {
    name: 'crowd-text-area',
    summary: 'A multi-line text box',
    docs: 'Grows as the worker types, up to `max-rows`.',
    attributes: [
      nameAttr('the typed text'),
      attr('label', 'string', 'Text shown inside the empty box; it moves above the box once the worker types or a `value` is set.'),
      attr('placeholder', 'string', 'Hint text shown until the worker types; not submitted.'),
      attr('value', 'string', 'Text already in the box when the task opens; submitted if the worker leaves it.'),
      attr('rows', 'number', 'Height of the box, in lines of text.'),
      attr('max-rows', 'number', 'The box grows up to this many lines, then scrolls.'),
      attr('max-length', 'number', 'The most characters the box accepts; further input is dropped.'),
      attr('char-counter', 'boolean', 'Shows a character count under the box.'),
      requiredAttr('The worker cannot submit until the box has text (used in the reference examples).'),
      disabled('box'),
      attr('auto-focus', 'boolean', 'Puts the cursor in the box when the task opens.'),
      attr('auto-validate', 'boolean', 'Checks the text as the worker types (see `allowed-pattern` and `error-message`).'),
      attr('allowed-pattern', 'string', 'With `auto-validate`: a regular expression; characters that do not match are ignored as the worker types.'),
      attr('error-message', 'string', 'Shown under the box when validation fails.'),
    ],
    answer: 'The text the worker typed, as a string (line breaks as `\\n`).',
    reference: ref('crowd-text-area'),
  },
  {
    name: 'crowd-checkbox',
    summary: 'A check box',
    docs: 'Boxes sharing a `name` are gathered into one object in the answer.',
    attributes: [
      nameAttr("this box's state"),
      attr('value', 'string', "The property the box's state is written under inside the `name` object (default `on`)."),
      attr('checked', 'boolean', 'Ticks the box when the task opens.'),
      requiredAttr('The worker must tick the box to submit.'),
      disabled('box'),
    ],
    answer: '`{ <value>: true | false }`: whether the box is ticked, under its `value` (default `on`). Boxes with the same `name` share one object.',
    reference: ref('crowd-checkbox'),
  },
  {
    name: 'crowd-radio-group',
    summary: 'Groups `<crowd-radio-button>`s so that only one can be selected',
    docs: 'Selecting a button inside the group clears the others. The group itself takes no attributes and writes nothing; each button writes its own answer under its own `name`.',
    attributes: [],
    reference: ref('crowd-radio-group'),
  },
  {
    name: 'crowd-radio-button',
    summary: 'A radio button, normally inside `<crowd-radio-group>`',
    docs: 'Inside a `<crowd-radio-group>` only one button can be on. Give each button its own `name`. It does not support `required`: use `<input type="radio" required>` when a choice is mandatory.',
    attributes: [
      nameAttr("this button's state"),
      attr('value', 'string', "The property the button's state is written under inside the `name` object (default `on`)."),
      attr('checked', 'boolean', 'Selects the button when the task opens.'),
      disabled('button'),
    ],
    answer: '`{ <value>: true | false }`: whether this button is selected. Buttons sharing a `name` outside a group get one property per `value`.',
    reference: ref('crowd-radio-button'),
  },
  {
    name: 'crowd-toggle-button',
    summary: 'An on/off switch',
    docs: 'The worker flips it on or off.',
    attributes: [
      nameAttr('the switch state'),
      attr('value', 'string', 'The property the state is written under inside the `name` object (default `on`).'),
      attr('checked', 'boolean', 'Starts switched on.'),
      attr('invalid', 'boolean', 'While off, shows the switch in the alert colour (red by default).'),
      requiredAttr('The worker must switch it on to submit.'),
      disabled('switch'),
    ],
    answer: '`{ <value>: true | false }`: whether the switch is on, under its `value` (default `on`).',
    reference: ref('crowd-toggle-button'),
  },
  {
    name: 'crowd-slider',
    summary: 'A slider for picking a number in a range',
    docs: 'The worker drags a knob along a bar between `min` and `max`. Needs an end tag: `<crowd-slider ...></crowd-slider>`.',
    attributes: [
      nameAttr('the chosen number'),
      attr('min', 'number', 'The lowest value.'),
      attr('max', 'number', 'The highest value.'),
      attr('step', 'number', 'The distance between selectable values.'),
      attr('value', 'number', 'The starting value, submitted if the worker does not move the knob.'),
      attr('pin', 'boolean', 'Shows the current value above the knob while it moves.'),
      attr('editable', 'boolean', 'Adds up/down buttons that change the value as an alternative to dragging.'),
      attr(
        'secondary-progress',
        'number',
        'Colours the bar up to this value as well (with the `crowd-slider-secondary-color` CSS property), for example to show how much of a video has buffered.',
      ),
      requiredAttr(),
      disabled('slider'),
    ],
    answer: 'The chosen value, as a number.',
    reference: ref('crowd-slider'),
  },
  {
    name: 'crowd-slider-label',
    summary: 'A label marking a position on the bar of the enclosing `<crowd-slider>`',
    // Not in the reference; seen only inside <crowd-slider> in the gen-ai sample
    // (multi-modal-content-evaluation), which loads the v1 script. Attributes kept to what it uses.
    docs: 'Put inside a `<crowd-slider>`; its content is shown at `position`. Not described in the AWS reference: seen in the public Generative AI samples only.',
    attributes: [attr('position', 'number', 'The slider value at which the label is shown.')],
  },

  // Layout ---------------------------------------------------------------------------------
  {
    name: 'crowd-alert',
    summary: 'A message box (information, success, warning or error)',
    docs: 'Shows its content as a coloured notice.',
    attributes: [
      enumAttr('type', 'The kind of message, which sets its colour and icon.', [
        { value: 'info', docs: 'Information (the default).' },
        { value: 'success', docs: 'Something went well.' },
        { value: 'warning', docs: 'Something needs attention.' },
        { value: 'error', docs: 'Something went wrong.' },
      ]),
      attr('dismissible', 'boolean', 'Lets the worker close the message.'),
    ],
    reference: ref('crowd-alert'),
  },
  {
    name: 'crowd-badge',
    summary: 'A small badge pinned to the top-right corner of another element',
    docs: 'Shows a short label or an icon over the element named by `for`.',
    attributes: [
      attr('for', 'string', 'The `id` of the element the badge sits on.'),
      attr('label', 'string', 'The badge text; keep it to three characters or fewer.'),
      attr('icon', 'string', 'An iron-icons name or the URL of an icon; replaces `label`.'),
    ],
    reference: ref('crowd-badge'),
  },
  {
    name: 'crowd-button',
    summary: 'A styled button',
    docs: 'With `form-action="submit"` it submits the enclosing `<crowd-form>`; with `href` it acts as a link.',
    attributes: [
      enumAttr('form-action', 'What the button does to the enclosing `<crowd-form>`.', [
        { value: 'submit', docs: 'Submits the form.' },
        { value: 'reset', docs: 'Clears the form.' },
      ]),
      enumAttr('variant', 'The button style.', [
        { value: 'primary', docs: 'Main action.' },
        { value: 'normal', docs: 'Secondary action.' },
        { value: 'link', docs: 'Looks like a link.' },
        { value: 'icon', docs: 'The icon alone, without text.' },
      ]),
      disabled('button'),
      attr('loading', 'boolean', 'Shows the button as busy; wins over `disabled`.'),
      attr('href', 'string', 'Makes the button a link to this URL.'),
      attr('target', 'string', 'With `href`: the window or frame the link opens in (`_blank`...).'),
      attr('icon', 'string', 'An iron-icons name shown beside the text.'),
      enumAttr('icon-align', 'Which side of the text the icon is on.', [
        { value: 'left', docs: 'Left of the text (the default).' },
        { value: 'right', docs: 'Right of the text.' },
      ]),
      attr('icon-url', 'url', 'URL of a custom icon image, used instead of `icon`.'),
    ],
    reference: ref('crowd-button'),
  },
  {
    name: 'crowd-card',
    summary: 'A raised box for grouping content',
    docs: 'Shows its content on a card with a shadow.',
    attributes: [attr('heading', 'string', 'Title shown at the top of the card.'), attr('image', 'url', 'URL of an image shown in the card.')],
    reference: ref('crowd-card'),
  },
  {
    name: 'crowd-fab',
    summary: 'A round floating button with an icon',
    docs: 'A floating action button; attach a click handler with script.',
    attributes: [
      attr('icon', 'string', 'An iron-icons name or the URL of an icon, shown in the middle of the button.'),
      attr('label', 'string', 'A single character shown instead of an icon.'),
      attr('title', 'string', 'Tooltip shown on hover.'),
      disabled('button'),
    ],
    reference: ref('crowd-fab'),
  },
  {
    name: 'crowd-icon-button',
    summary: 'A button showing only an icon',
    docs: 'A round icon button with a ripple effect when pressed; attach a click handler with script.',
    attributes: [attr('icon', 'string', 'An iron-icons name or the URL of an icon.'), disabled('button')],
    reference: ref('crowd-icon-button'),
  },
  {
    name: 'crowd-instructions',
    summary: 'A link or button that opens tabbed instructions (summary, details, examples)',
    docs: 'The worker opens a dialog with three tabs built from the `<short-summary>`, `<detailed-instructions>`, `<positive-example>` and `<negative-example>` children.',
    attributes: [
      attr('link-text', 'string', 'Text of the link or button that opens the instructions.'),
      enumAttr('link-type', 'How the opener is shown.', LINK_TYPES),
    ],
    regions: ['short-summary', 'detailed-instructions', 'positive-example', 'negative-example'],
    reference: ref('crowd-instructions'),
  },
  {
    name: 'crowd-modal',
    summary: 'A link or button that opens its content in a pop-up window',
    docs: 'The content is shown in a dialog when the worker clicks the opener.',
    attributes: [
      attr('link-text', 'string', 'Text of the link or button that opens the window.'),
      enumAttr('link-type', 'How the opener is shown.', LINK_TYPES),
    ],
    reference: ref('crowd-modal'),
  },
  {
    name: 'crowd-tabs',
    summary: 'A set of tabs; holds `<crowd-tab>` elements',
    docs: 'Shows one `<crowd-tab>` at a time with a tab bar to switch between them. Fields inside the tabs are still submitted.',
    attributes: [],
    reference: ref('crowd-tabs'),
  },
  {
    name: 'crowd-tab',
    summary: 'One tab inside `<crowd-tabs>`',
    docs: 'Its content is shown when the worker selects its tab.',
    attributes: [attr('header', 'string', 'The tab title.')],
    reference: ref('crowd-tab'),
  },
  {
    name: 'crowd-toast',
    summary: 'A short notification that disappears by itself',
    docs: 'Shows a brief message near the edge of the page; only one is visible at a time.',
    attributes: [
      attr('text', 'string', 'The message (the content can be used instead).'),
      attr('duration', 'number', 'How long the message stays, in milliseconds.'),
      attr('opened', 'boolean', 'Shows the message as soon as the task opens (used in the reference example).'),
    ],
    reference: ref('crowd-toast'),
  },

  // Augmented AI built-ins ----------------------------------------------------------------
  {
    name: 'crowd-rekognition-detect-moderation-labels',
    summary: 'Amazon A2I: review the moderation labels Amazon Rekognition found in an image',
    docs: 'Shows the image and the candidate moderation categories; the worker ticks those that apply. Only available in Augmented AI human review tasks.',
    attributes: [
      srcAttr('image'),
      attr(
        'categories',
        'array',
        'The categories to review: strings, or objects with a `name` (shown) such as `{ name, parentName }` built from `task.input.selectedAiServiceResponse.moderationLabels`.',
        { required: true, items: 'string-or-object' },
      ),
      headerAttr(),
      // The reference describes the behaviour, not the value format.
      attr('exclusion-category', 'string', 'Adds a "none" button under the categories: it clears and disables them, and submitting then sends an empty list.'),
    ],
    answer: '`{ ModerationLabels }`: the categories the worker kept (the full objects when `categories` holds objects, else the strings).',
    fixedKey: 'AWS/Rekognition/DetectModerationLabels/Image/V3',
    regions: ['full-instructions', 'short-instructions'],
    reference: `${DG}/a2i-crowd-rekognition-detection.html`,
  },
  {
    name: 'crowd-textract-analyze-document',
    summary: 'Amazon A2I: review the key-value pairs Amazon Textract extracted from a document',
    docs: 'Shows the document next to the detected form keys and values; the worker confirms, corrects or rejects each pair. Only available in Augmented AI human review tasks.',
    attributes: [
      srcAttr('document image'),
      headerAttr('above the document'),
      attr('initial-value', 'array', 'The Textract blocks to review, usually `{{ task.input.selectedAiServiceResponse.blocks }}`.'),
      attr('block-types', 'array', "The kinds of block the worker reviews; only `['KEY_VALUE_SET']` is supported.", { items: 'string' }),
      attr(
        'keys',
        'array',
        'Keys the worker may add: an array of `{ importantFormKey, importantFormKeyAliases: [...] }`, usually from `task.input.humanLoopContext`.',
      ),
      attr('no-key-edit', 'boolean', 'Stops the worker from editing the keys that came in `initial-value`.'),
      attr('no-geometry-edit', 'boolean', 'Stops the worker from moving or reshaping the boxes that came in `initial-value`.'),
    ],
    answer: '`{ blocks }`: the reviewed Textract blocks (`blockType`, `id`, `relationships`, `entityTypes`, `text`...).',
    fixedKey: 'AWS/Textract/AnalyzeDocument/Forms/V1',
    regions: ['full-instructions', 'short-instructions'],
    reference: `${DG}/a2i-crowd-textract-detection.html`,
  },

  // crowd-html-elements-v2.js ------------------------------------------------------------
  {
    name: 'crowd-text-ranking',
    summary: 'Rank several text responses (for example model outputs) along dimensions you define',
    docs: 'Shows a prompt and several responses; for each dimension the worker orders the responses by dragging. The V2 elements work only with `crowd-form`, `short-instructions`, `crowd-button`, `crowd-tabs` and `crowd-tab` from V1.',
    attributes: [
      attr('text', 'string', 'The prompt the responses answer (text or an S3 reference).'),
      attr('responses', 'array', 'The responses to rank, as an array of strings (often `{{ task.input.responses | to_json }}`).', { required: true }),
      attr(
        'ordinal-ranking-dimensions',
        'array',
        'The dimensions to rank on: an array of `{ name, allowTie }`, where `allowTie` lets two responses share a rank.',
        { required: true },
      ),
      nameAttr('the rankings'),
    ],
    // The reference gives no output sample for the V2 elements.
    answer: "The worker's ranking of the responses for each dimension (the reference does not document the exact shape).",
    regions: ['short-instructions'],
    v2Only: true,
    reference: `${DG}/general-topiclist.html#sms-ui-template-crowd-text-ranking`,
  },
  {
    name: 'crowd-question-answer-generation',
    summary: 'Write question-and-answer pairs about a text, citing the passages they come from',
    docs: 'The worker highlights parts of the text and writes questions and answers about them, optionally tagging each pair. The V2 elements work only with `crowd-form`, `short-instructions`, `crowd-button`, `crowd-tabs` and `crowd-tab` from V1. The public sample places it outside a hidden `<crowd-form>` and links the two with `crowd-form-element-id`.',
    attributes: [
      attr('text', 'string', 'The passage to write questions about (text or an S3 reference).', { required: true }),
      attr('min-questions', 'number', 'The fewest question-answer pairs the worker must write (default 1).'),
      attr('max-questions', 'number', 'The most question-answer pairs the worker may write.'),
      attr('question-min-words', 'number', 'The fewest words a question may have (default 1).'),
      attr('question-max-words', 'number', 'The most words a question may have.'),
      attr('answer-min-words', 'number', 'The fewest words an answer may have (default 1).'),
      attr('answer-max-words', 'number', 'The most words an answer may have.'),
      attr('question-tags', 'array', 'The tags the worker can give a pair, as an array of strings; an empty array hides tagging.', { items: 'string' }),
      attr('allow-custom-question-tags', 'boolean', 'Lets the worker type tags of their own (`"true"` / `"false"`).'),
      attr('allow-custom-tags', 'boolean', 'Lets the worker type tags of their own (the spelling the public sample uses).'),
      attr('instructions', 'string', 'Instructions shown in the tool (seen in the samples).'),
      attr(
        'crowd-form-element-id',
        'string',
        'The `id` of the `<crowd-form>` that submits the answer when the element is not inside it (seen in the samples).',
      ),
      nameAttr('the question-answer pairs'),
    ],
    answer: 'The question-answer pairs the worker wrote, with their tags and text references (the reference does not document the exact shape).',
    standalone: true,
    regions: ['short-instructions'],
    v2Only: true,
    reference: `${DG}/general-topiclist.html#sms-ui-template-crowd-question-answer-generation`,
  },
];

// Regions ------------------------------------------------------------------------------------

const INSTRUCTED = CROWD_ELEMENTS.filter((e) => e.regions?.includes('full-instructions')).map((e) => e.name);
const SHORT_INSTRUCTED = CROWD_ELEMENTS.filter((e) => e.regions?.includes('short-instructions')).map((e) => e.name);

export const REGION_ELEMENTS: readonly RegionElement[] = [
  {
    name: 'full-instructions',
    docs: 'The detailed instructions, opened from the "Instructions" link of the task: how to do the task, with good and bad examples.',
    attributes: [attr('header', 'string', 'Title of the instructions window.')],
    parents: INSTRUCTED,
  },
  {
    name: 'short-instructions',
    docs: 'Brief, task-specific instructions shown prominently in the side panel while the worker works.',
    attributes: [attr('header', 'string', 'Title shown above the short instructions (seen in the Augmented AI samples).')],
    parents: SHORT_INSTRUCTED,
  },
  {
    name: 'classification-target',
    docs: 'The content to classify: text, or any HTML such as an image, an audio or video player, or an embedded PDF.',
    attributes: [],
    parents: ['crowd-classifier', 'crowd-classifier-multi-select'],
  },
  {
    name: 'worker-comment',
    docs: 'Adds a link under the categories that opens a comment box, so the worker can explain the choice (useful in verification tasks). The content tells the worker what to write. The comment is submitted as `workerComment`.',
    attributes: [
      attr('header', 'string', 'Title of the comment window (default "Add a comment").'),
      attr('link-text', 'string', 'Text of the link that opens the comment window (default "Add a comment").'),
      attr('placeholder', 'string', 'Hint text in the empty comment box; not submitted.'),
    ],
    parents: ['crowd-image-classifier', 'crowd-image-classifier-multi-select'],
  },
  {
    name: 'short-summary',
    docs: 'A brief statement of the task, on the "Summary" tab of `<crowd-instructions>`.',
    attributes: [],
    parents: ['crowd-instructions'],
  },
  {
    name: 'detailed-instructions',
    docs: 'Step-by-step instructions, on the "Detailed Instructions" tab of `<crowd-instructions>`.',
    attributes: [],
    parents: ['crowd-instructions'],
  },
  {
    name: 'positive-example',
    docs: 'An example of a good answer, on the "Examples" tab of `<crowd-instructions>`.',
    attributes: [],
    parents: ['crowd-instructions'],
  },
  {
    name: 'negative-example',
    docs: 'An example of a poor answer, on the "Examples" tab of `<crowd-instructions>`.',
    attributes: [],
    parents: ['crowd-instructions'],
  },
];

// Look-ups -----------------------------------------------------------------------------------

const BY_NAME = new Map(CROWD_ELEMENTS.map((e) => [e.name, e]));
const REGIONS_BY_NAME = new Map(REGION_ELEMENTS.map((r) => [r.name, r]));

/** `c` and `C`: every crowd element's name starts `crowd-`. */
const C = 99;

export function crowdElement(name: string): CrowdElement | undefined {
  // Most elements of a page are not crowd elements: they are answered without a lower-case copy
  // of their name (the template checks ask for every element, a 1 MB template has tens of thousands).
  if ((name.charCodeAt(0) | 32) !== C) return undefined;
  return BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase());
}

export function regionElement(name: string): RegionElement | undefined {
  return REGIONS_BY_NAME.get(name.toLowerCase());
}

/** The HTML global attributes, accepted on every element. */
const GLOBAL_ATTRIBUTES = new Set([
  'accesskey',
  'anchor',
  'autocapitalize',
  'autocorrect',
  'autofocus',
  'class',
  'contenteditable',
  'dir',
  'draggable',
  'enterkeyhint',
  'exportparts',
  'hidden',
  'id',
  'inert',
  'inputmode',
  'is',
  'itemid',
  'itemprop',
  'itemref',
  'itemscope',
  'itemtype',
  'lang',
  'nonce',
  'part',
  'popover',
  'role',
  'slot',
  'spellcheck',
  'style',
  'tabindex',
  'title',
  'translate',
  'virtualkeyboardpolicy',
  'writingsuggestions',
  'xml:lang',
  'xml:space',
  'xmlns',
]);

/** HTML global attributes, `data-*`, `aria-*` and `on*` event handlers. */
export function isGlobalAttribute(name: string): boolean {
  const lower = name.toLowerCase();
  return GLOBAL_ATTRIBUTES.has(lower) || /^(?:data|aria)-./.test(lower) || /^on[a-z]+$/.test(lower) || lower.startsWith('xmlns:');
}
