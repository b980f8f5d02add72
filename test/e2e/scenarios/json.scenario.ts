/**
 * Working on the JSON around templates, as a person: open a workteam request from the Explorer,
 * read its problem, and restrict its presigned URLs from the lightbulb.
 */
import * as assert from 'node:assert/strict';
import type { Scenario } from './runner';

const SOURCE_IP_FIX = "Restrict presigned URLs to the worker's IP address (SourceIp: Enabled)";

export const scenarios: Scenario[] = [
  {
    name: 'restrict a workteam without IP restriction from the lightbulb',
    async run({ workbench, shot }) {
      await workbench.openFromExplorer('policies/create-workteam.json');
      const squiggle = workbench.editor.locator('.squiggly-warning');
      await squiggle.first().waitFor();
      await shot('squiggle');

      const problems = await workbench.problems();
      const entry = problems.locator('.monaco-list-row', { hasText: 'workteam-missing-ip-restriction' });
      await entry.filter({ hasText: 'Workteam "image-reviewers" has no IP restriction on presigned URLs' }).waitFor();
      // The templates in templates/ presign for this workteam: the cross-file finding names them.
      await problems
        .locator('.monaco-list-row', { hasText: 'presign-unrestricted-workteam' })
        .filter({ hasText: 'templates/bounding-box.liquid.html' })
        .waitFor();
      await shot('problems');

      await workbench.select('"WorkteamName"');
      const menu = await workbench.openLightbulb();
      const fix = menu.locator('.monaco-list-row', { hasText: SOURCE_IP_FIX });
      await fix.waitFor();
      // Both findings offer it; the menu lists it once.
      assert.equal(await fix.count(), 1, `the menu lists: ${(await menu.locator('.monaco-list-row').allTextContents()).join(' | ')}`);
      await shot('quick-fixes', 'policy');

      await fix.click();
      await workbench.waitForLine('"WorkerAccessConfiguration": {');
      await workbench.waitForLine('"IamPolicyConstraints": {');
      await workbench.waitForLine('"SourceIp": "Enabled"');
      await squiggle.first().waitFor({ state: 'detached' });
      await entry.first().waitFor({ state: 'detached' });
      await shot('restricted');
      await workbench.runCommand('File: Revert File');
      await squiggle.first().waitFor();
    },
  },
];
