/**
 * Previewing a template, as a person: open it from the Explorer, run Preview Worker Template from
 * the command palette, read the page the worker would get (inside the webview, in the template's
 * own frame), watch it follow typing, and look at the answer the form would submit.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { Scenario } from './runner';
import type { Workbench } from './workbench';

/** The panel's page: the webview is two frames deep in the workbench. */
function panel(workbench: Workbench): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The rendered template, in the panel's sandboxed frame. */
function templateFrame(workbench: Workbench): FrameLocator {
  return panel(workbench).frameLocator('#template');
}

export const scenarios: Scenario[] = [
  {
    name: 'preview a template, edit it and read its answer',
    async run({ workbench, page, shot }) {
      await workbench.openFromExplorer('templates/image-review.liquid.html');
      // The CodeLens shows once the extension is active; before that the palette does not offer the command.
      await workbench.editor.locator('.codelens-decoration', { hasText: 'Preview Worker Template' }).waitFor();
      await workbench.runCommand('Preview Worker Template');
      await panel(workbench).locator('.status', { hasText: 'Rendered with Local' }).waitFor();
      await panel(workbench).getByRole('button', { name: 'Input: templates/image-review.input.json' }).waitFor();

      const frame = templateFrame(workbench);
      // The sample input's values, as the worker reads them (escaped in the HTML, plain on screen).
      await frame.getByText('The model said Cat with confidence 43%.').waitFor();
      await frame.getByText('Sent for review because: confidence < 50% & the model\'s runner-up was "Dog"').waitFor();
      await frame.getByText('Low confidence: look closely.').waitFor();
      // Scripts are off, so crowd-image-classifier is a labelled box with its image: the workspace
      // file that examples/.vscode/settings.json maps the S3 object to.
      const classifier = frame.locator('crowd-image-classifier[data-gt-fallback]');
      await classifier.locator('> .gt-fallback-label').filter({ hasText: '<crowd-image-classifier> · name: reviewedLabel · header: Is this a Cat?' }).waitFor();
      const image = classifier.locator('> img.gt-fallback-src');
      await image.waitFor();
      const shown = await image.evaluate((img) => {
        const { src, complete, naturalWidth } = img as unknown as { src: string; complete: boolean; naturalWidth: number };
        return { type: src.slice(0, src.indexOf(',')), width: complete ? naturalWidth : 0 };
      });
      assert.deepEqual(shown, { type: 'data:image/png;base64', width: 480 }, 'samples/uploads/item-42.png is shown, loaded');
      await withoutSideBar(workbench, () => shot('preview', 'preview'));

      await workbench.select('Low confidence: look closely.');
      await page.keyboard.type('Low confidence: zoom in before you answer.');
      await frame.getByText('Low confidence: zoom in before you answer.').waitFor();
      assert.equal(await frame.getByText('Low confidence: look closely.').count(), 0);
      await shot('typed');

      await panel(workbench).getByRole('button', { name: 'Show answer' }).click();
      const answer = panel(workbench).locator('.answer table');
      await answer.waitFor();
      assert.deepEqual(await answer.locator('tbody tr td:first-child').allTextContents(), ['reviewedLabel', 'comment']);
      assert.deepEqual(await answer.locator('tbody tr td:nth-child(2)').allTextContents(), ['<crowd-image-classifier>', '<crowd-text-area>']);
      await shot('answer');

      await workbench.runCommand('View: Focus First Editor Group');
      await workbench.runCommand('File: Revert File');
      await workbench.runCommand('View: Close All Editor Groups');
    },
  },
];

/** Gives the editor and the preview the whole width for a moment (the README image). */
async function withoutSideBar(workbench: Workbench, body: () => Promise<unknown>): Promise<void> {
  const sideBar = workbench.page.locator('.part.sidebar');
  await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
  await sideBar.waitFor({ state: 'hidden' });
  try {
    await body();
  } finally {
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
    await sideBar.waitFor();
  }
}
