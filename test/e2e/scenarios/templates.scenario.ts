/**
 * Working on worker templates, as a person: open one from the Explorer, read its problems, write a
 * presigned image with the help of completion, and correct a mistake from the lightbulb.
 */
import * as assert from 'node:assert/strict';
import type { Scenario } from './runner';

/** The codes `examples/templates/mistakes.liquid.html` is written to show, one mistake each at least. */
const MISTAKE_CODES = [
  'missing-crowd-script',
  'unknown-filter',
  'unknown-crowd-attribute',
  'undefined-input-field',
  'skip-autoescape-input',
  'presign-non-s3',
  'interface-endpoint-url',
  'invalid-attribute-value',
  'unnamed-crowd-field',
  'self-closed-crowd-element',
  'unknown-crowd-element',
  'missing-crowd-form',
  'escaped-output-in-raw-text',
  'liquid-syntax',
];

export const scenarios: Scenario[] = [
  {
    name: 'open a template from the Explorer and see its problems',
    async run({ workbench, shot }) {
      await workbench.openFromExplorer('templates/mistakes.liquid.html');
      await workbench.editor.locator('.squiggly-error').first().waitFor();
      await workbench.editor.locator('.squiggly-warning').first().waitFor();
      await shot('squiggles');

      const problems = await workbench.problems();
      await problems.locator('.monaco-list-row', { hasText: 'unknown-filter' }).waitFor();
      await shot('problems', 'problems');
      // Maximised, the panel renders every entry, not only those in view.
      await workbench.runCommand('View: Toggle Maximized Panel');
      const rows = await problems.locator('.monaco-list-row').allTextContents();
      const missing = MISTAKE_CODES.filter((code) => !rows.some((row) => row.includes(code)));
      assert.deepEqual(missing, [], `codes missing from the Problems panel; it shows:\n${rows.join('\n')}`);
      assert.ok(rows.some((row) => row.includes('Unknown filter "grant_read_acess": did you mean "grant_read_access"?')));
      await workbench.runCommand('View: Toggle Maximized Panel');
    },
  },
  {
    name: 'type "| " after task.input data and pick s3_presign',
    async run({ workbench, page, shot }) {
      await workbench.openFromExplorer('templates/bounding-box.liquid.html');
      await workbench.select('<crowd-form>');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // Pasted rather than typed key by key, so that HTML completion does not pop up on the way.
      await page.keyboard.insertText('<img src="{{ task.input.taskObject ');
      await page.keyboard.press('Escape');
      await page.keyboard.type('| ');
      const suggestions = await workbench.suggestions();
      const first = suggestions.locator('.monaco-list-row[data-index="0"]');
      await first.filter({ hasText: 's3_presign' }).waitFor();
      await suggestions.locator('.monaco-list-row[data-index="1"]', { hasText: 'grant_read_access' }).waitFor();
      await shot('suggestions', 'completion');
      await first.click();
      await page.keyboard.insertText(' }}">');
      await workbench.waitForLine('<img src="{{ task.input.taskObject | s3_presign }}">');
      // The line adds no problem: the template keeps only the one it has from policies/create-workteam.json,
      // a workteam without IP restriction, now reported on the first presigning filter (the new line's).
      const problems = await workbench.problems();
      await workbench.runCommand('View: Toggle Maximized Panel');
      await problems.locator('.monaco-list-row', { hasText: 'bounding-box.liquid.html' }).locator('.monaco-count-badge', { hasText: /^1$/ }).waitFor();
      await problems.locator('.monaco-list-row', { hasText: 'presign-unrestricted-workteam' }).filter({ hasText: '[Ln 6, Col ' }).waitFor();
      await shot('accepted');
      await workbench.runCommand('View: Toggle Maximized Panel');
      await workbench.runCommand('File: Revert File');
    },
  },
  {
    name: 'hover a presigning filter to read what it does',
    async run({ workbench, shot }) {
      await workbench.openFromExplorer('templates/bounding-box.liquid.html');
      const hover = await workbench.hover(workbench.editor.locator('.view-line span', { hasText: /^s3_presign$/ }).first());
      await hover.getByText('IamPolicyConstraints').first().waitFor();
      await hover.getByText('gateway endpoint', { exact: false }).first().waitFor();
      await shot('hover', 'hover');
    },
  },
  {
    name: 'correct a misspelt filter from the lightbulb',
    async run({ workbench, shot }) {
      await workbench.openFromExplorer('templates/mistakes.liquid.html');
      await workbench.select('grant_read_acess');
      const menu = await workbench.openLightbulb();
      const fix = menu.locator('.monaco-list-row', { hasText: 'Change to "grant_read_access"' });
      await fix.waitFor();
      await shot('quick-fixes', 'quick-fix');
      await fix.click();
      await workbench.waitForLine('src="{{ task.input.taskObject | grant_read_access }}"');
      await shot('fixed');
      await workbench.runCommand('File: Revert File');
    },
  },
];
