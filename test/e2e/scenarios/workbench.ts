/**
 * The workbench as a person uses it: the Explorer, the editor, the Problems panel, the command
 * palette, the suggest widget and the lightbulb. Selectors hold for VS Code 1.139 (code-server
 * 4.139.1); every wait is on a UI state, never on time.
 */
import type { Locator, Page } from 'playwright-core';

const STARTUP_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;

export class Workbench {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  }

  /** The editor of the active editor group. */
  get editor(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  }

  get explorer(): Locator {
    return this.page.locator('.explorer-folders-view');
  }

  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.explorer.getByRole('treeitem').first().waitFor({ timeout: STARTUP_TIMEOUT_MS });
  }

  /** Opens a file by double-clicking it in the Explorer, expanding the folders on its path. */
  async openFromExplorer(relative: string): Promise<void> {
    const parts = relative.split('/');
    const file = parts.pop()!;
    for (const folder of parts) {
      const item = this.explorer.getByRole('treeitem', { name: folder, exact: true });
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
      await this.explorer.locator('[role="treeitem"][aria-expanded="true"]', { hasText: folder }).waitFor();
    }
    await this.explorer.getByRole('treeitem', { name: file, exact: true }).dblclick();
    await this.page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /** Selects the first occurrence of `text` after the cursor with the editor's Find, and returns to the editor. */
  async select(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+F');
    const find = this.editor.locator('.find-widget.visible');
    const input = find.locator('textarea, input').first();
    await input.waitFor();
    await input.fill(text);
    await find.locator('.matchesCount', { hasNotText: /No results/ }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await find.waitFor({ state: 'hidden' });
    // Keys pressed before the editor has its focus back would go nowhere.
    await this.page.locator('.part.editor .editor-group-container.active .monaco-editor.focused').waitFor();
    await this.page.locator('.statusbar-item', { hasText: `(${text.length} selected)` }).waitFor();
  }

  async focusEditor(): Promise<void> {
    if ((await this.editor.getAttribute('class'))?.split(' ').includes('focused')) return;
    await this.editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  }

  /** Waits until a rendered line of the editor reads `text` (ignoring indentation) and returns it. */
  async waitForLine(text: string): Promise<Locator> {
    const line = this.editor.locator('.view-line', { hasText: text.trim() }).first();
    await line.waitFor();
    const rendered = normalize(await line.textContent());
    if (rendered !== text.trim()) throw new Error(`The line reads "${rendered}", expected "${text.trim()}".`);
    return line;
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns it. */
  async problems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    return panel;
  }

  /** Runs a command by its title from the command palette (F1). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The suggest widget, once it shows items. */
  async suggestions(): Promise<Locator> {
    const widget = this.editor.locator('.suggest-widget.visible');
    await widget.locator('.monaco-list-row').first().waitFor();
    return widget;
  }

  /** Rests the mouse on an element of the editor and returns the hover that opens. */
  async hover(target: Locator): Promise<Locator> {
    await target.hover();
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents, .rendered-markdown') });
    await hover.first().waitFor();
    return hover.first();
  }

  /** Clicks the lightbulb on the cursor's line and returns the menu of code actions it opens. */
  async openLightbulb(): Promise<Locator> {
    const bulb = this.page.locator('.lightBulbWidget');
    // The bulb shows once the code actions at the cursor are computed: slow on a busy machine.
    await bulb.waitFor({ timeout: 45_000 });
    await bulb.click();
    const menu = this.page.locator('.action-widget');
    await menu.locator('.monaco-list-row').first().waitFor();
    return menu;
  }
}

/** Monaco renders spaces as no-break spaces. */
function normalize(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ').trim();
}
