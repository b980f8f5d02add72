/**
 * The preview in Restricted Mode, on the folder's own template: it renders locally with scripts
 * and remote content off although the folder's settings ask for the AWS renderer (at the emulator
 * the driver started), scripts, remote content and presigning, and still when the user's own
 * settings ask for them and the panel is switched to AWS. Nothing reaches the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewApi, PreviewRenderInfo } from '../../../client/src/preview/panel';
import { CROWD_ORIGIN } from '../../../client/src/preview/policy';
import { REQUESTS_PATH } from '../../../server/src/emulator/emulator';
import { ROLE } from '../../helpers/emulator';
import { previewApi, renderWhen, workspaceUri } from '../suite/helpers';
import { EMULATOR_URL_VARIABLE } from './index';

const OPEN = 'gtTemplates.preview.open';
const SWITCH_RENDERER = 'gtTemplates.preview.switchRenderer';

const NOTHING_OFF = { trusted: false, renderer: 'local', scripts: false, remoteContent: false, awsPresign: false };
const PLACEHOLDER = /\bsrc="data:image\/svg\+xml,[^"]*s3:\/\/my-review-bucket\/uploads\/item-42\.png[^"]*"/;
const CLASSIFIER_BOX =
  '<span class="gt-fallback-label">&lt;crowd-image-classifier&gt; · name: reviewedLabel · header: Is this a Cat? · categories: [&quot;Cat&quot;,&quot;Dog&quot;,&quot;Neither&quot;]</span>';

function emulatorUrl(): string {
  const url = process.env[EMULATOR_URL_VARIABLE];
  assert.ok(url, `${EMULATOR_URL_VARIABLE} is not set: the driver starts the emulator and names it there.`);
  return url;
}

/** Everything the emulator has received in this session. */
async function emulatorRequests(): Promise<unknown[]> {
  const response = await fetch(emulatorUrl() + REQUESTS_PATH);
  return ((await response.json()) as { requests: unknown[] }).requests;
}

/** The page loads nothing remote and runs only its own script: its policy, the template frame's sandbox, the frame's scripts. */
function assertNothingRemote(render: PreviewRenderInfo): void {
  const directives = new Map(render.csp.split('; ').map((d): [string, string[]] => [d.split(' ')[0], d.split(' ').slice(1)]));
  assert.ok(!render.csp.includes(CROWD_ORIGIN), render.csp);
  assert.ok(![...directives.values()].flat().includes('https:'), render.csp);
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${render.nonce}'`], 'only the panel script, by its nonce');
  assert.equal(directives.get('connect-src'), undefined, 'no requests from script');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(render.html)?.[1].replace(/&#39;/g, "'");
  assert.equal(meta, render.csp);
  assert.equal(/<iframe id="template"[^>]*\bsandbox="([^"]*)"/.exec(render.html)?.[1], '', 'the template frame is sandboxed without allow-scripts');
  assert.equal([...render.html.matchAll(/<script\b/g)].length, 1, 'one script in the page: the panel');
  assert.ok(!render.srcdoc?.includes('nonce='), 'no template script gets the nonce');
}

describe('the preview in Restricted Mode', () => {
  let preview: PreviewApi;
  let template: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    preview = await previewApi();
    template = workspaceUri('templates/image-review.liquid.html');
    document = await vscode.workspace.openTextDocument(template);
    await vscode.window.showTextDocument(document, { preview: false });
  });

  it('renders locally with scripts and remote content off, although the folder asks for AWS, scripts and remote content', async () => {
    await vscode.commands.executeCommand(OPEN, template);
    const render = await renderWhen(preview, template, (r) => r.version === document.version, 'the template is rendered');
    assert.equal(render.renderer, 'local');
    assert.equal(render.ok, true, render.message);
    assert.deepEqual(render.policy, NOTHING_OFF);
    assertNothingRemote(render);
    const frame = render.srcdoc ?? '';
    assert.ok(frame.includes('<p>The model said <strong>Cat</strong> with confidence 43%.</p>'), 'the sample input is rendered');
    assert.ok(frame.includes(CLASSIFIER_BOX), 'crowd elements are labelled boxes: crowd-html-elements does not run');
    // The folder's s3Files mapping is restricted as well: a placeholder, not samples/uploads/item-42.png.
    assert.match(frame, PLACEHOLDER);
    assert.ok(!frame.includes('data:image/png'));
    assert.ok(render.html.includes('<li>Restricted Mode: the preview renders locally without scripts. Trust this workspace to allow more.</li>'));
    assert.ok(render.html.includes('Renderer: Local</button>'));
    assert.ok(render.html.includes('Scripts: off · Remote: off</button>'));
    assert.deepEqual(await emulatorRequests(), []);
  });

  describe("with the user's settings asking for the emulator, scripts, remote content and presigning", () => {
    // User settings apply in Restricted Mode (only the folder's are held back): the extension's own policy has to hold.
    const userSettings = (): [string, unknown][] => [
      ['aws.endpoint', emulatorUrl()],
      ['aws.region', 'us-east-1'],
      ['aws.roleArn', ROLE],
      ['allowScripts', true],
      ['allowRemoteContent', true],
      ['presign', 'aws'],
    ];
    const configuration = () => vscode.workspace.getConfiguration('gtTemplates.preview');
    const saved = new Map<string, unknown>();

    before(async () => {
      for (const [key, value] of userSettings()) {
        saved.set(key, configuration().inspect(key)?.globalValue);
        await configuration().update(key, value, vscode.ConfigurationTarget.Global);
      }
    });

    after(async () => {
      for (const [key, value] of saved) await configuration().update(key, value, vscode.ConfigurationTarget.Global);
    });

    it('stays local when switched to AWS, and says that AWS, scripts, remote content and presigning need a trusted workspace', async () => {
      await vscode.commands.executeCommand(SWITCH_RENDERER, template, 'aws');
      const note =
        'Restricted Mode: AWS rendering, template scripts, remote content and AWS presigning are off; the preview renders locally without scripts. Trust this workspace to allow more.';
      const render = await renderWhen(preview, template, (r) => r.html.includes(`<li>${note}</li>`), 'the panel says what Restricted Mode keeps off');
      assert.equal(render.renderer, 'local');
      assert.equal(render.ok, true, render.message);
      assert.deepEqual(render.policy, NOTHING_OFF);
      assertNothingRemote(render);
      assert.ok(render.srcdoc?.includes(CLASSIFIER_BOX));
      assert.match(render.srcdoc ?? '', PLACEHOLDER, 'a placeholder, not a presigned URL');
      assert.ok(render.html.includes('Renderer: Local</button>'), 'the toolbar shows the renderer used');
      assert.ok(render.html.includes('Rendered with Local in '));
      assert.deepEqual(await emulatorRequests(), []);
    });
  });
});
