/**
 * What the extension's client (the template preview) uses of the server's code: the one module it
 * may import (ESLint's `no-restricted-imports` in `eslint.config.mjs`). Everything else under
 * `server/src` can change shape without the client knowing.
 */

// How the extension starts the language server's Node.
export { ALIVE_REQUEST, CLIENT_WATCHDOG, SERVER_ENVIRONMENT, SERVER_NODE_FLAGS, type ServerProcessInfo, WATCHDOG_MS } from './launch';

// Rendering offline, as Ground Truth does, and what a rendered page would submit.
export { lineColumnAt, renderTemplate } from './render/liquid';
export { answerFields, type AnswerField } from './render/answer';
export { escapeHtml } from './render/escape';
export { mappedPresigner, placeholderPresigner, type Presigner, type S3FileMapping } from './render/presign';

// Reading templates: the tree, the crowd elements, attribute values as a browser decodes them.
export { parseTemplate } from './service/template/parser';
export type { HtmlElement, TemplateDocument } from './service/template/document';
export { attribute } from './service/template/queries';
export { crowdElement, regionElement } from './service/domain/crowdElements';
export { decodeAttributeValue } from './service/util/htmlEntities';

// Facts of the field the preview shares with the checks.
export { parseS3Reference } from './service/domain/s3';
export { MAX_CONTENT } from './service/domain/renderUiTemplate';

// Which files are templates and where their sample input is, from the same settings as the server.
export { documentKind, sampleInputCandidates } from './service/templateFiles';
export { readSettings } from './service/settings';
export { fsPath } from './service/util/uri';
export { leadsOutside } from './disk';
