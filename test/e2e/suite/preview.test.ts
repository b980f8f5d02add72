/**
 * The template preview as a user gets it: the Preview Worker Template command, the panel it opens
 * beside the template, the HTML rendered with the sample input, and how it follows edits, input
 * choices and Liquid errors; then the AWS renderer against the local SageMaker endpoint, started
 * here as its own process. What the panel shows is read through the extension's API (`preview`),
 * and every wait is for its `onDidRender` event or for diagnostics.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewApi } from '../../../client/src/preview/panel';
import { useTestAwsProfiles } from '../../helpers/awsProfiles';
import { ROLE } from '../../helpers/emulator';
import { EXTENSION_ID, SCRIPT, SOURCE, codeOf, diagnosticsWhen, open, previewApi, renderWhen, writeFile } from './helpers';

const OPEN = 'gtTemplates.preview.open';
const CHOOSE_INPUT = 'gtTemplates.preview.chooseInput';
const SWITCH_RENDERER = 'gtTemplates.preview.switchRenderer';

/** The preview's diagnostics sources: the local renderer's, and the service's. */
const PREVIEW_SOURCES = ['preview', 'RenderUiTemplate'];

/** More than the renderer may build: `(1..count)` stops with a message instead of exhausting the extension host. */
const HUGE = 50_000_000;

async function copyExample(relative: string): Promise<vscode.Uri> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'examples', ...relative.split('/')));
  return writeFile(relative, new TextDecoder().decode(bytes));
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('gtTemplates.preview'));
}

/** The `src` of the panel's only script and the policy in its `<meta>`: what the webview enforces. */
function pageSecurity(html: string): { scripts: string[]; metaPolicy: string | undefined; sandbox: string | undefined } {
  return {
    scripts: [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]),
    metaPolicy: /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'"),
    sandbox: /<iframe id="template"[^>]*\bsandbox="([^"]*)"/.exec(html)?.[1],
  };
}

async function replaceText(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = document.getText().indexOf(from);
  assert.ok(at >= 0, `"${from}" is not in ${document.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the editor refused the edit');
}

/** The text of the preview's diagnostics of a document, as `[source, code, highlighted text]`. */
function previewDiagnostics(document: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): [string, string, string][] {
  return diagnostics.filter((d) => PREVIEW_SOURCES.includes(d.source ?? '')).map((d) => [d.source!, codeOf(d), document.getText(d.range)]);
}

describe('preview', () => {
  let preview: PreviewApi;

  before(async () => {
    preview = await previewApi();
  });

  // Only the panels: the edited templates stay open (closing them would ask whether to save).
  after(() => vscode.window.tabGroups.close(previewTabs()));

  describe('local renderer', () => {
    let template: vscode.Uri;
    let input: vscode.Uri;
    let document: vscode.TextDocument;

    before(async () => {
      template = await copyExample('templates/image-review.liquid.html');
      input = await copyExample('templates/image-review.input.json');
      document = await vscode.workspace.openTextDocument(template);
    });

    it('Preview Worker Template opens a panel beside the template, rendered offline with its sample input', async () => {
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // With no argument, as from the command palette: the active editor's template.
      await vscode.commands.executeCommand(OPEN);
      const first = await renderWhen(preview, template, (r) => r.version === document.version, `version ${document.version} is rendered`);

      const tabs = previewTabs();
      assert.deepEqual(
        tabs.map((t) => t.label),
        ['Preview image-review.liquid.html'],
      );
      assert.notEqual(tabs[0].group.viewColumn, editor.viewColumn, 'the panel opens beside the editor');
      assert.equal(vscode.window.activeTextEditor?.document, document, 'the template keeps the focus');

      assert.equal(first.renderer, 'local');
      assert.equal(first.ok, true, first.message);
      assert.deepEqual(first.issues, []);
      assert.equal(first.input, 'templates/image-review.input.json');
      assert.equal(first.inputUri, input.toString());
      assert.equal(preview.lastHtml(template), first.html);

      // The template's elements, with the sample input's values escaped as Ground Truth's Liquid does.
      const frame = first.srcdoc ?? '';
      assert.match(frame, /<crowd-image-classifier data-gt-fallback="block"\s+name="reviewedLabel"/);
      assert.match(frame, /header="Is this a Cat\?"/);
      assert.match(frame, /categories="\[&quot;Cat&quot;,&quot;Dog&quot;,&quot;Neither&quot;\]"/);
      assert.ok(frame.includes('<p>The model said <strong>Cat</strong> with confidence 43%.</p>'));
      assert.ok(frame.includes('<p>Sent for review because: confidence &lt; 50% &amp; the model&#39;s runner-up was &quot;Dog&quot;</p>'));
      assert.ok(frame.includes('<crowd-alert data-gt-fallback="block" type="warning">'), 'the {% if %} on a confidence below 0.5 shows the alert');
      // Scripts are off: the crowd element is a labelled box, and its image an inert placeholder, not a network URL.
      assert.ok(
        frame.includes(
          '<span class="gt-fallback-label">&lt;crowd-image-classifier&gt; · name: reviewedLabel · header: Is this a Cat? · categories: [&quot;Cat&quot;,&quot;Dog&quot;,&quot;Neither&quot;]</span>',
        ),
      );
      assert.match(frame, /src="data:image\/svg\+xml,[^"]*s3:\/\/my-review-bucket\/uploads\/item-42\.png[^"]*"/);
      assert.deepEqual(
        [...frame.matchAll(/\bsrc="(https?:[^"]*)"/g)].map((m) => m[1]),
        ['https://assets.crowd.aws/crowd-html-elements.js'],
        'the only URL is the crowd-html-elements script, which does not run here',
      );
      assert.deepEqual(first.answerKeys, ['reviewedLabel', 'comment']);

      // What the panel says around it.
      assert.ok(first.html.includes(`<p class="status" data-seq="${first.seq}" data-version="${document.version}">Rendered with Local in `));
      assert.ok(first.html.includes('input: templates/image-review.input.json</p>'));
      assert.ok(
        first.html.includes(
          '<button type="button" data-command="chooseInput" title="Choose the task.input to render with">Input: templates/image-review.input.json</button>',
        ),
      );
      assert.ok(first.html.includes('Renderer: Local</button>'));
    });

    it('protects the page with a Content Security Policy and a fresh nonce, and runs no template script by default', async () => {
      const first = (await preview.open(template))!;
      const { csp, nonce, html } = first;
      assert.match(nonce, /^[A-Za-z0-9_-]{22,}$/);
      const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`], 'only the panel script, by its nonce');
      assert.deepEqual(directives.get('form-action'), ["'none'"]);
      assert.ok(!directives.get('img-src')!.includes('https:'), 'no remote images unless allowed');
      const security = pageSecurity(html);
      assert.equal(security.metaPolicy, csp);
      assert.equal(security.scripts.length, 1);
      assert.match(security.scripts[0], new RegExp(`^ nonce="${nonce}" src="[^"]+/dist/preview-webview\\.js"$`));
      assert.equal(security.sandbox, '', 'the template frame is sandboxed without allow-scripts');
      assert.equal(first.policy.scripts, false);

      const again = await preview.refresh(template);
      assert.ok(again && again.seq > first.seq);
      assert.notEqual(again.nonce, nonce, 'every page gets a new nonce');
      assert.ok(again.csp.includes(`'nonce-${again.nonce}'`));
    });

    it('follows an edit of the template as you type', async () => {
      const before = (await preview.open(template))!;
      await replaceText(document, 'Pick the label that fits the image.', 'Pick the label that fits the {{ task.input.modelLabel | upcase }} image.');
      const render = await renderWhen(preview, template, (r) => r.version === document.version, `the edited version ${document.version} is rendered`);
      assert.ok(render.seq > before.seq);
      assert.ok(render.srcdoc?.includes('<short-instructions data-gt-fallback="block">'));
      assert.ok(render.srcdoc?.includes('Pick the label that fits the CAT image.</short-instructions>'));
      assert.ok(!render.srcdoc?.includes('fits the image.'));
      assert.ok(render.html.includes(`data-version="${document.version}"`));
    });

    it('reports the input it renders with, follows its edits on disk, and uses the one chosen', async () => {
      const dog = await writeFile(
        'samples/dog.input.json',
        JSON.stringify({ image: 's3://my-review-bucket/uploads/item-7.png', modelLabel: 'Dog', confidence: 0.97, categories: ['Cat', 'Dog'] }),
      );

      await vscode.commands.executeCommand(CHOOSE_INPUT, template, dog);
      let render = await renderWhen(preview, template, (r) => r.input === 'samples/dog.input.json', 'the chosen file is the input');
      assert.equal(render.inputUri, dog.toString());
      assert.ok(render.srcdoc?.includes('header="Is this a Dog?"'));
      assert.ok(!render.srcdoc?.includes('<crowd-alert'), 'no low-confidence alert at 97%');
      assert.ok(render.html.includes('Input: samples/dog.input.json</button>'));

      await vscode.commands.executeCommand(CHOOSE_INPUT, template, 'empty');
      render = await renderWhen(preview, template, (r) => r.input === '{} (chosen)', 'the empty input is chosen');
      assert.equal(render.inputUri, undefined);
      assert.ok(render.srcdoc?.includes('header="Is this a ?"'));

      await vscode.commands.executeCommand(CHOOSE_INPUT, template, 'auto');
      render = await renderWhen(preview, template, (r) => r.input === 'templates/image-review.input.json', 'the sample input is back');
      assert.ok(render.srcdoc?.includes('header="Is this a Cat?"'));

      // Saved by another tool: the file watcher re-renders the panel.
      const sample = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(input))) as Record<string, unknown>;
      await writeFile('templates/image-review.input.json', JSON.stringify({ ...sample, modelLabel: 'Fox' }, null, 2));
      render = await renderWhen(preview, template, (r) => !!r.srcdoc?.includes('header="Is this a Fox?"'), 'the changed sample input is rendered');
      assert.equal(render.input, 'templates/image-review.input.json');
    });

    it('says which file to create when a template has no sample input', async () => {
      const { document: lonely } = await open('lonely.liquid.html', `${SCRIPT}<crowd-form><p>{{ task.input.text }}</p></crowd-form>\n`);
      await vscode.commands.executeCommand(OPEN, lonely.uri);
      const render = await renderWhen(preview, lonely.uri, () => true, 'it is rendered');
      assert.equal(render.input, '{} (no sample input: create lonely.input.json or choose one)');
      assert.equal(render.ok, true);
      assert.ok(render.srcdoc?.includes('<p></p>'));
    });

    it('lists a Liquid syntax error in the panel, where the checks already underline it (once)', async () => {
      await preview.open(template);
      await replaceText(document, '{% endif %}', '');
      const render = await renderWhen(preview, template, (r) => r.version === document.version, `the broken version ${document.version} is rendered`);
      const tag = document.positionAt(document.getText().indexOf('{% if task.input.confidence'));
      const [line, column] = [tag.line + 1, tag.character + 1];
      assert.deepEqual(
        render.issues.map((i) => [i.code, i.line, i.column, i.message]),
        [['parse', line, column, 'tag {% if task.input.confidence < 0.5 %} not closed']],
      );
      assert.ok(render.html.includes('<h2>1 template error</h2>'));
      assert.ok(
        render.html.includes(
          `<a href="#" data-command="reveal" data-issue="0">line ${line}, column ${column}: tag {% if task.input.confidence &lt; 0.5 %} not closed</a>`,
        ),
      );
      // The language server reports it as liquid-syntax; the preview does not repeat it on that line.
      const diagnostics = await diagnosticsWhen(
        document,
        (d) => d.some((x) => codeOf(x) === 'liquid-syntax') && !d.some((x) => x.source === 'preview'),
        'liquid-syntax is reported and the preview does not repeat it',
        [SOURCE, ...PREVIEW_SOURCES],
      );
      assert.deepEqual(
        diagnostics.map((d) => [d.source, codeOf(d), document.getText(d.range)]),
        [[SOURCE, 'liquid-syntax', '{% if task.input.confidence < 0.5 %}']],
      );
    });

    it('shows a Liquid error that only rendering finds as a diagnostic on the tag at fault', async () => {
      const source = `${SCRIPT}<crowd-form>\n  <ol>\n    {% for i in (1..task.input.count) %}<li>Box {{ i }}</li>{% endfor %}\n  </ol>\n</crowd-form>\n`;
      await writeFile('loop.input.json', JSON.stringify({ count: 3 }));
      const { document: loop } = await open('loop.liquid.html', source);
      await vscode.commands.executeCommand(OPEN, loop.uri);
      let render = await renderWhen(preview, loop.uri, () => true, 'it is rendered');
      assert.ok(render.srcdoc?.includes('<li>Box 1</li><li>Box 2</li><li>Box 3</li>'));

      await writeFile('loop.input.json', JSON.stringify({ count: HUGE }));
      render = await renderWhen(preview, loop.uri, (r) => r.issues.length > 0, 'the huge range is reported');
      assert.deepEqual(
        render.issues.map((i) => [i.code, i.line, i.column]),
        [['render', 4, 5]],
      );
      assert.match(render.issues[0].message, /more than 10,000,000 characters or items/);
      assert.ok(render.srcdoc?.includes('<ol>\n    \n  </ol>'), 'what rendered before the error still shows');
      const diagnostics = await diagnosticsWhen(loop, (d) => d.length === 1, 'the render error is a diagnostic', PREVIEW_SOURCES);
      assert.deepEqual(previewDiagnostics(loop, diagnostics), [['preview', 'render', '{% for i in (1..task.input.count) %}']]);
      assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);

      await writeFile('loop.input.json', JSON.stringify({ count: 2 }));
      await diagnosticsWhen(loop, (d) => d.length === 0, 'the render error is gone', PREVIEW_SOURCES);
      assert.ok(preview.lastRender(loop.uri)?.srcdoc?.includes('<li>Box 1</li><li>Box 2</li>\n'));
    });
  });

  describe('AWS renderer, against the local SageMaker endpoint', function () {
    const SETTINGS = ['aws.endpoint', 'aws.region', 'aws.roleArn', 'aws.profile'] as const;
    let emulator: ChildProcess;
    let endpoint: string;
    let restoreEnvironment: (() => void) | undefined;
    const saved = new Map<string, unknown>();
    let document: vscode.TextDocument;

    const configuration = () => vscode.workspace.getConfiguration('gtTemplates.preview');
    const set = (key: (typeof SETTINGS)[number], value: string) => configuration().update(key, value, vscode.ConfigurationTarget.Global);

    before(async () => {
      ({ child: emulator, url: endpoint } = await startEmulatorProcess());
      // The extension host is this process: its AWS SDK reads the same environment, so a profile
      // in a private shared-credentials file reaches it as it would from ~/.aws.
      restoreEnvironment = useTestAwsProfiles();
      for (const key of SETTINGS) saved.set(key, configuration().inspect(key)?.globalValue);
      await set('aws.endpoint', endpoint);
      await set('aws.region', 'us-east-1');
      await set('aws.roleArn', ROLE);
      await set('aws.profile', 'preview');
      await writeFile('aws.input.json', JSON.stringify({ title: "Tom's cats & dogs", count: 2 }));
      ({ document } = await open(
        'aws.liquid.html',
        `${SCRIPT}<crowd-form>\n  <h1>{{ task.input.title }}</h1>\n  <ol>{% for i in (1..task.input.count) %}<li>{{ i }}</li>{% endfor %}</ol>\n</crowd-form>\n`,
      ));
      await vscode.commands.executeCommand(OPEN, document.uri);
    });

    after(async () => {
      for (const [key, value] of saved) await configuration().update(key, value, vscode.ConfigurationTarget.Global);
      restoreEnvironment?.();
      emulator?.kill();
    });

    it("renders through RenderUiTemplate with the profile's credentials", async () => {
      await vscode.commands.executeCommand(SWITCH_RENDERER, document.uri, 'aws');
      const render = await renderWhen(preview, document.uri, (r) => r.renderer === 'aws' && r.ok, 'the endpoint rendered it');
      assert.deepEqual(render.issues, []);
      assert.equal(render.input, 'aws.input.json');
      assert.ok(render.srcdoc?.includes('<h1>Tom&#39;s cats &amp; dogs</h1>'));
      assert.ok(render.srcdoc?.includes('<ol><li>1</li><li>2</li></ol>'));
      assert.ok(render.html.includes('Renderer: AWS RenderUiTemplate</button>'));
      assert.ok(render.html.includes('Rendered with AWS RenderUiTemplate in '));
    });

    it('shows the template errors the service returns as diagnostics where the message points', async () => {
      await writeFile('aws.input.json', JSON.stringify({ title: 'Big', count: HUGE }));
      const render = await renderWhen(preview, document.uri, (r) => r.renderer === 'aws' && r.issues.length > 0, 'the service reported the error');
      assert.deepEqual(
        render.issues.map((i) => [i.code, i.line, i.column]),
        [['LiquidRenderError', 4, 7]],
      );
      const diagnostics = await diagnosticsWhen(document, (d) => d.length === 1, 'the service error is a diagnostic', PREVIEW_SOURCES);
      assert.deepEqual(previewDiagnostics(document, diagnostics), [['RenderUiTemplate', 'LiquidRenderError', '{% for i in (1..task.input.count) %}']]);
    });

    it('says what to do when the profile has no credentials', async () => {
      await set('aws.profile', 'nobody');
      const render = await renderWhen(preview, document.uri, (r) => r.renderer === 'aws' && !r.ok, 'the render failed');
      assert.equal(
        render.message,
        'No AWS credentials found for profile "nobody". Sign in (aws sso login --profile nobody, or aws configure), or set gtTemplates.preview.aws.profile to a profile that has credentials.',
      );
      assert.ok(render.html.includes(`<div class="failure" role="alert">No AWS credentials found for profile &quot;nobody&quot;.`));
      assert.equal(render.srcdoc, undefined, 'no page is shown');
    });
  });
});

/** `dist/emulator.js --port 0` as its own process; resolves with its URL once it listens. */
function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const script = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'emulator.js');
  // The extension host's executable: Node under code-server, Electron (run as Node) in desktop VS Code.
  const child = spawn(process.execPath, [script, '--port', '0'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('did not start listening within 10 s')), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`The emulator (${script}) ${error.message}:\n${output}`));
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`exited with ${code}`)));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, url });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}
