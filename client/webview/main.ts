/**
 * The preview panel's own script (bundled to dist/preview-webview.js, loaded with the page's
 * nonce). It only forwards toolbar clicks to the extension and shows the busy state. The
 * rendered template lives in a sandboxed frame and cannot reach this script or the VS Code API.
 */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const frame = document.getElementById('template') as HTMLIFrameElement | null;

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-command]');
  if (!target) return;
  event.preventDefault();
  const issue = target.dataset.issue === undefined ? undefined : Number(target.dataset.issue);
  vscode.postMessage({ command: target.dataset.command, issue });
});

window.addEventListener('message', (event: MessageEvent<{ type?: string; busy?: boolean }>) => {
  // Only the extension talks to this page; the template's frame is ignored.
  if (frame && event.source === frame.contentWindow) return;
  if (event.data?.type === 'busy') document.body.classList.toggle('busy', !!event.data.busy);
});
