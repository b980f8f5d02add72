/**
 * The preview panel's HTML, as a pure function of what to show, so its Content Security Policy
 * can be tested without VS Code. Every build gets a fresh nonce.
 *
 * The policy: nothing loads unless listed. Scripts: only the panel's own script (nonce), plus,
 * when the policy allows scripts, the template's inline scripts (nonce added), its inline event
 * handlers (hashes) and crowd-html-elements from its origin. Styles: `'unsafe-inline'` without a
 * nonce (a nonce would switch `'unsafe-inline'` off, and templates style with `style=""`
 * attributes and `<style>` blocks; CSS cannot run script, and what CSS may fetch is held by
 * img-src and font-src). Images and media: the webview's own resources and `data:` (placeholders
 * and workspace files), `https:` only when the user allows remote content.
 */
import { randomBytes } from 'node:crypto';
import { type AnswerField, escapeHtml } from '../../../server/src/api';
import type { PreviewResult } from './controller';
import { CROWD_ORIGIN, PreviewPolicy } from './policy';
import type { TemplateFrame } from './templateFrame';
import { PreviewIssue, RENDERER_LABELS, RendererId } from './types';

export interface WebviewEnv {
  /** `webview.cspSource`: the webview's own resource origin (http inside code-server). */
  cspSource: string;
  /** `webview.asWebviewUri` of the panel script. */
  scriptUri: string;
  /** Tests pass one; otherwise a fresh random nonce. */
  nonce?: string;
}

export interface PanelModel {
  templateName: string;
  /** The renderer the panel asks for (the policy may fall back to local). */
  renderer: RendererId;
  live: boolean;
  showAnswer: boolean;
  policy: PreviewPolicy;
  /** Undefined until the first render is done. */
  result?: PreviewResult;
  /** The rendered template's frame, built with this page's nonce. */
  frame?: TemplateFrame;
  answer: AnswerField[];
}

export interface WebviewPage {
  html: string;
  csp: string;
  nonce: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export interface CspOptions {
  cspSource: string;
  nonce: string;
  scripts: boolean;
  remoteContent: boolean;
  handlerHashes: string[];
}

export function contentSecurityPolicy(o: CspOptions): string {
  const crowd = o.scripts ? [CROWD_ORIGIN] : [];
  const remote = o.remoteContent ? ['https:'] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', [`'nonce-${o.nonce}'`, ...crowd, ...(o.scripts && o.handlerHashes.length ? ["'unsafe-hashes'", ...o.handlerHashes] : [])]],
    ['style-src', [o.cspSource, "'unsafe-inline'", ...crowd, ...remote]],
    ['img-src', [o.cspSource, 'data:', 'blob:', ...crowd, ...remote]],
    ['media-src', [o.cspSource, 'data:', 'blob:', ...remote]],
    ['font-src', [o.cspSource, 'data:', ...crowd, ...remote]],
    ['connect-src', [...crowd, ...remote]],
    ['form-action', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives
    .filter(([, sources]) => sources.length)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

const attr = (text: string) => escapeHtml(text);

/** `code` spans of the crowd table's Markdown, everything else as text. */
function markdownInline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function issueLocation(issue: PreviewIssue): string {
  return issue.line ? `line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ` : '';
}

function button(command: string, label: string, title: string, pressed?: boolean): string {
  const state = pressed === undefined ? '' : ` aria-pressed="${pressed}"`;
  return `<button type="button" data-command="${command}" title="${attr(title)}"${state}>${escapeHtml(label)}</button>`;
}

export function buildWebviewHtml(model: PanelModel, env: WebviewEnv): WebviewPage {
  const nonce = env.nonce ?? newNonce();
  const { policy, result, frame } = model;
  const csp = contentSecurityPolicy({
    cspSource: env.cspSource,
    nonce,
    scripts: policy.scripts,
    remoteContent: policy.remoteContent,
    handlerHashes: frame?.handlerHashes ?? [],
  });
  const usedRenderer = result?.renderer ?? policy.renderer;
  const toolbar = [
    button('switchRenderer', `Renderer: ${RENDERER_LABELS[usedRenderer]}`, 'Switch between the local renderer and AWS RenderUiTemplate'),
    button('chooseInput', `Input: ${result?.input.label ?? '…'}`, 'Choose the task.input to render with'),
    button('toggleLive', 'Live', 'Re-render as you type', model.live),
    button('refresh', 'Refresh', 'Render again now'),
    button('toggleAnswer', 'Show answer', 'List the fields the form would submit', model.showAnswer),
    button(
      'configureSecurity',
      `Scripts: ${policy.scripts ? 'on' : 'off'} · Remote: ${policy.remoteContent ? 'on' : 'off'}`,
      'Change what the preview may run and load',
    ),
  ].join('\n');

  const notes = [...policy.notes];
  if (result?.outcome.ok) notes.push(...result.outcome.notes);
  if (frame?.blockedScripts.length) notes.push(`Not loaded (only crowd-html-elements may load remote script): ${frame.blockedScripts.join(', ')}.`);
  if (frame && frame.scriptsOff && policy.trusted) {
    notes.push(
      'Scripts are off: crowd-* elements show as labelled boxes. Allow scripts (gtTemplates.preview.allowScripts) to run the template and load crowd-html-elements.',
    );
  }
  if (usedRenderer === 'aws' && result?.outcome.ok && !policy.remoteContent && /https:\/\//.test(result.outcome.html)) {
    notes.push('Presigned S3 URLs are remote content: allow it (gtTemplates.preview.allowRemoteContent) to load the images.');
  }

  const sections: string[] = [];
  if (!result) sections.push('<p class="status">Rendering…</p>');
  else {
    const what = result.outcome.ok
      ? `Rendered with ${RENDERER_LABELS[result.renderer]} in ${Math.round(result.elapsedMs)} ms`
      : `${RENDERER_LABELS[result.renderer]} could not render`;
    sections.push(`<p class="status" data-seq="${result.seq}" data-version="${result.version}">${escapeHtml(`${what} · input: ${result.input.label}`)}</p>`);
  }
  if (notes.length) sections.push(`<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  if (result && !result.outcome.ok) sections.push(`<div class="failure" role="alert">${escapeHtml(result.outcome.message)}</div>`);
  if (result?.outcome.ok && result.outcome.issues.length) {
    const issues = result.outcome.issues;
    sections.push(
      `<section class="issues" aria-label="Template errors"><h2>${issues.length} template error${issues.length === 1 ? '' : 's'}</h2><ol>` +
        issues
          .map((issue, i) => `<li><a href="#" data-command="reveal" data-issue="${i}">${escapeHtml(issueLocation(issue) + issue.message)}</a></li>`)
          .join('') +
        '</ol></section>',
    );
  }
  if (model.showAnswer) sections.push(answerTable(model.answer));
  if (frame) {
    const sandbox = policy.scripts ? 'allow-scripts' : '';
    sections.push(`<iframe id="template" title="Rendered template" sandbox="${sandbox}" srcdoc="${attr(frame.srcdoc)}"></iframe>`);
  }

  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Preview ${model.templateName}`)}</title>
<style>${PANEL_CSS}</style>
</head>
<body>
<header class="toolbar">
${toolbar}
</header>
<main>
${sections.join('\n')}
</main>
<script nonce="${nonce}" src="${attr(env.scriptUri)}"></script>
</body>
</html>
`;
  return { html, csp, nonce };
}

function answerTable(fields: AnswerField[]): string {
  if (!fields.length) return '<section class="answer" aria-label="Answer"><h2>Answer</h2><p>No field of this page writes an answer.</p></section>';
  const rows = fields
    .map(
      (f) =>
        `<tr${f.submitted ? '' : ' class="lost"'}><td>${f.key === undefined ? '<em>no name: answer lost</em>' : `<code>${escapeHtml(f.key)}</code>`}</td>` +
        `<td><code>${escapeHtml(`<${f.element}>`)}</code>${f.submitted ? '' : ' (outside &lt;crowd-form&gt;: not submitted)'}</td><td>${markdownInline(f.writes)}</td></tr>`,
    )
    .join('');
  return `<section class="answer" aria-label="Answer"><h2>Answer: ${fields.length} field${fields.length === 1 ? '' : 's'}</h2><table><thead><tr><th>Key</th><th>Element</th><th>Writes</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const PANEL_CSS = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
.toolbar { display: flex; flex-wrap: wrap; gap: 4px; padding: 4px 6px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
.toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid transparent; border-radius: 2px; padding: 2px 8px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
body.busy .status::after { content: " · rendering…"; }
main { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.status { margin: 4px 8px; opacity: 0.8; }
.notes { margin: 2px 8px; padding-left: 18px; color: var(--vscode-editorWarning-foreground); }
.failure { margin: 8px; padding: 8px; border-left: 3px solid var(--vscode-editorError-foreground); background: var(--vscode-inputValidation-errorBackground); }
.issues, .answer { margin: 4px 8px; }
.issues h2, .answer h2 { font-size: 1em; margin: 4px 0; }
.issues a { color: var(--vscode-textLink-foreground); }
.answer table { border-collapse: collapse; width: 100%; }
.answer th, .answer td { text-align: left; vertical-align: top; padding: 2px 6px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
.answer tr.lost td { opacity: 0.7; }
iframe#template { flex: 1; min-height: 300px; width: 100%; border: 0; background: #fff; }
`;
