import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PanelModel, buildWebviewHtml, contentSecurityPolicy, newNonce } from '../../../client/src/preview/html';
import { previewPolicy } from '../../../client/src/preview/policy';
import { buildTemplateFrame } from '../../../client/src/preview/templateFrame';
import { decodeAttributeValue } from '../../../server/src/service/util/htmlEntities';
import { answerFields } from '../../../server/src/render/answer';
import { parseTemplate } from '../../../server/src/service/template/parser';

const CSP_SOURCE = 'http://127.0.0.1:8080';
const SCRIPT_URI = 'http://127.0.0.1:8080/stable/vscode-remote-resource?path=/ext/dist/preview-webview.js';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<style>.big { font-size: 2em }</style>
<crowd-form>
  <crowd-classifier name="sentiment" categories="['Positive', 'Negative']" header="How does it feel?">
    <classification-target><p class="big" style="color: red">I &amp; you</p></classification-target>
  </crowd-classifier>
  <crowd-bounding-box name="boxes" src="data:image/svg+xml,x" labels="['cat']"></crowd-bounding-box>
  <button onclick="toggle('x &amp; y')">Toggle</button>
</crowd-form>
<script>function toggle(x) { document.body.dataset.t = x; }</script>`;

function page(options: { trusted?: boolean; allowScripts?: boolean; allowRemoteContent?: boolean; nonce?: string; showAnswer?: boolean } = {}) {
  const policy = previewPolicy(options.trusted ?? true, {
    renderer: 'local',
    allowScripts: options.allowScripts ?? false,
    allowRemoteContent: options.allowRemoteContent ?? false,
    presign: 'placeholder',
  });
  const parsed = parseTemplate(TEMPLATE);
  const nonce = options.nonce ?? newNonce();
  const frame = buildTemplateFrame(parsed, { nonce, scripts: policy.scripts });
  const model: PanelModel = {
    templateName: 'sentiment.liquid.html',
    renderer: 'local',
    live: true,
    showAnswer: options.showAnswer ?? false,
    policy,
    frame,
    answer: answerFields(parsed),
    result: {
      seq: 3,
      version: 7,
      renderer: 'local',
      input: { label: 'sentiment.input.json', value: {} },
      outcome: { ok: true, html: TEMPLATE, issues: [{ message: 'tag {% if %} not closed', line: 2, column: 1 }], notes: [] },
      elapsedMs: 4.2,
    },
  };
  return { ...buildWebviewHtml(model, { cspSource: CSP_SOURCE, scriptUri: SCRIPT_URI, nonce }), frame };
}

/** The srcdoc attribute as the browser reads it. */
function srcdocOf(html: string): string {
  return decodeAttributeValue(/<iframe[^>]* srcdoc="([^"]*)"/.exec(html)![1]);
}

describe('preview page: Content Security Policy', () => {
  it('has a strict policy with a fresh nonce on every build, used by the panel script', () => {
    const a = page();
    const b = page();
    assert.notEqual(a.nonce, b.nonce);
    assert.match(a.nonce, /^[A-Za-z0-9_-]{24}$/);
    assert.ok(a.html.includes(`<meta http-equiv="Content-Security-Policy" content="${a.csp.replace(/'/g, '&#39;')}">`));
    assert.equal(
      a.csp,
      `default-src 'none'; script-src 'nonce-${a.nonce}'; style-src ${CSP_SOURCE} 'unsafe-inline'; img-src ${CSP_SOURCE} data: blob:; media-src ${CSP_SOURCE} data: blob:; font-src ${CSP_SOURCE} data:; form-action 'none'; base-uri 'none'`,
    );
    assert.ok(a.html.includes(`<script nonce="${a.nonce}" src="${SCRIPT_URI.replace(/&/g, '&amp;')}"></script>`));
    assert.equal((a.html.match(/<script/g) ?? []).length, 1, 'the panel page has one script of its own');
  });

  it('allows crowd-html-elements, and only it, as remote script when scripts are allowed', () => {
    const { csp, nonce, frame } = page({ allowScripts: true });
    const handler = `'sha256-${createHash('sha256').update("toggle('x & y')").digest('base64')}'`;
    assert.equal(
      csp.split('; ').find((d) => d.startsWith('script-src')),
      `script-src 'nonce-${nonce}' https://assets.crowd.aws 'unsafe-hashes' ${handler}`,
    );
    assert.match(csp, /connect-src https:\/\/assets\.crowd\.aws(;|$)/);
    assert.doesNotMatch(csp, /https:(?!\/\/assets)/, 'no other remote origin');
    assert.deepEqual(frame.blockedScripts, ['https://code.jquery.com/jquery-3.7.1.min.js']);
  });

  it('allows https: images, media, styles and fonts only when the user allows remote content', () => {
    const { csp } = page({ allowRemoteContent: true });
    for (const directive of ['img-src', 'media-src', 'style-src', 'font-src', 'connect-src']) {
      assert.ok(
        csp
          .split('; ')
          .find((d) => d.startsWith(directive))!
          .split(' ')
          .includes('https:'),
        directive,
      );
    }
    assert.doesNotMatch(
      csp.split('; ').find((d) => d.startsWith('script-src'))!,
      /https:/,
      'remote content never means remote script',
    );
  });

  it('keeps everything off in Restricted Mode whatever the settings say, and says why', () => {
    const { csp, html } = page({ trusted: false, allowScripts: true, allowRemoteContent: true });
    assert.doesNotMatch(csp, /https:|unsafe-hashes/);
    assert.match(html, /<iframe id="template" title="Rendered template" sandbox=""/);
    assert.match(
      html,
      /Restricted Mode: template scripts and remote content are off; the preview renders locally without scripts\. Trust this workspace to allow more\./,
    );
  });

  it('uses the webview origin it is given (http inside code-server), never a fixed scheme', () => {
    const csp = contentSecurityPolicy({ cspSource: 'https://abc.vscode-cdn.net', nonce: 'n', scripts: false, remoteContent: false, handlerHashes: [] });
    assert.match(csp, /img-src https:\/\/abc\.vscode-cdn\.net data: blob:/);
    assert.doesNotMatch(page().html, /vscode-resource|vscode-webview:/);
  });
});

describe('preview page: the template frame', () => {
  it('without scripts: a sandbox with no permissions, and crowd elements drawn as labelled boxes', () => {
    const { html } = page();
    assert.match(html, /<iframe id="template" title="Rendered template" sandbox=""/);
    const srcdoc = srcdocOf(html);
    assert.ok(srcdoc.includes('<crowd-classifier data-gt-fallback="block" name="sentiment"'));
    assert.ok(
      srcdoc.includes(
        '<span class="gt-fallback-label">&lt;crowd-classifier&gt; · name: sentiment · header: How does it feel? · categories: [&#39;Positive&#39;, &#39;Negative&#39;]</span>',
      ),
    );
    assert.ok(
      srcdoc.includes(
        '<crowd-bounding-box data-gt-fallback="block" name="boxes" src="data:image/svg+xml,x" labels="[\'cat\']"><span class="gt-fallback-label">',
      ),
    );
    assert.ok(srcdoc.includes('<img class="gt-fallback-src" src="data:image/svg+xml,x"'), 'the image of an annotator still shows');
    assert.ok(srcdoc.includes('<classification-target data-gt-fallback="block">'));
    assert.match(srcdoc, /\[data-gt-fallback\]:not\(:defined\) \{ display: block;/);
    assert.doesNotMatch(srcdoc, /nonce=/, 'no script gets the nonce');
    assert.match(html, /Scripts are off: crowd-\* elements show as labelled boxes/);
  });

  it("with scripts: allow-scripts only, nonce on the template's inline scripts and crowd-html-elements, not on other remote scripts", () => {
    const { html, nonce } = page({ allowScripts: true, nonce: 'TESTNONCE' });
    assert.equal(nonce, 'TESTNONCE');
    assert.match(html, /<iframe id="template" title="Rendered template" sandbox="allow-scripts"/);
    const srcdoc = srcdocOf(html);
    assert.ok(srcdoc.includes('<script nonce="TESTNONCE" src="https://assets.crowd.aws/crowd-html-elements.js"></script>'));
    assert.ok(srcdoc.includes('<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'));
    assert.ok(srcdoc.includes('<script nonce="TESTNONCE">function toggle'));
    assert.doesNotMatch(srcdoc, /data-gt-fallback/, 'real crowd elements will draw themselves');
    assert.ok(srcdoc.includes('<p class="big" style="color: red">I &amp; you</p>'), 'the template is otherwise untouched');
  });

  it('escapes the template into the srcdoc attribute so it cannot break out of it', () => {
    const parsed = parseTemplate('<p title="a">x</p>"><script>alert(1)</script><iframe srcdoc="y">');
    const frame = buildTemplateFrame(parsed, { nonce: 'n', scripts: false });
    const policy = previewPolicy(true, { renderer: 'local', allowScripts: false, allowRemoteContent: false, presign: 'placeholder' });
    const { html } = buildWebviewHtml(
      { templateName: 't', renderer: 'local', live: true, showAnswer: false, policy, frame, answer: [] },
      { cspSource: CSP_SOURCE, scriptUri: SCRIPT_URI },
    );
    const outside = html.replace(/ srcdoc="[^"]*"/, '');
    assert.doesNotMatch(outside, /alert/);
    assert.equal(srcdocOf(html).startsWith('<p title="a">x</p>"><script>alert(1)</script>'), true);
  });
});

describe('preview page: panel content', () => {
  it('says which renderer and input were used, and lists template errors with their place', () => {
    const { html } = page();
    assert.ok(html.includes('Rendered with Local in 4 ms · input: sentiment.input.json'));
    assert.ok(
      html.includes('<button type="button" data-command="chooseInput" title="Choose the task.input to render with">Input: sentiment.input.json</button>'),
    );
    assert.ok(
      html.includes(
        '<h2>1 template error</h2><ol><li><a href="#" data-command="reveal" data-issue="0">line 2, column 1: tag {% if %} not closed</a></li></ol>',
      ),
    );
  });

  it('shows the answer the form would submit, by key', () => {
    const { html } = page({ showAnswer: true });
    assert.ok(html.includes('<h2>Answer: 2 fields</h2>'));
    assert.ok(
      html.includes(
        '<td><code>sentiment</code></td><td><code>&lt;crowd-classifier&gt;</code></td><td><code>{ label }</code>: the category the worker chose.</td>',
      ),
    );
    assert.ok(html.includes('<td><code>boxes</code></td>'));
  });

  it('shows a failure as one message, and no frame', () => {
    const policy = previewPolicy(true, { renderer: 'aws', allowScripts: false, allowRemoteContent: false, presign: 'placeholder' });
    const { html } = buildWebviewHtml(
      {
        templateName: 't',
        renderer: 'aws',
        live: true,
        showAnswer: false,
        policy,
        answer: [],
        result: {
          seq: 1,
          version: 1,
          renderer: 'aws',
          input: { label: '{}' },
          outcome: { ok: false, message: 'SageMaker is throttling requests <now>.' },
          elapsedMs: 12,
        },
      },
      { cspSource: CSP_SOURCE, scriptUri: SCRIPT_URI },
    );
    assert.ok(html.includes('<div class="failure" role="alert">SageMaker is throttling requests &lt;now&gt;.</div>'));
    assert.ok(html.includes('AWS RenderUiTemplate could not render · input: {}'));
    assert.doesNotMatch(html, /<iframe/);
  });
});
