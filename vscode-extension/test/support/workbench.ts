/** What a person does in the code-server workbench, expressed with playwright-core. */
import type { Frame, Locator, Page } from 'playwright-core';

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
}

/** Opens a file by clicking it in the Explorer (top-level files of the opened folder). */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
}

export async function showProblems(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor();
  return panel;
}

/** The count badge on the Problems tab (0 while it has none). */
export async function problemCount(page: Page): Promise<number> {
  const badge = page.locator('.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
  if (!(await badge.isVisible())) return 0;
  return Number((await badge.innerText()).trim());
}

export interface ProblemRow {
  message: string;
  source: string;
  code: string;
  line: string;
}

/** The marker rows the Problems panel renders (related-information rows left out). */
export async function problemRows(panel: Locator): Promise<ProblemRow[]> {
  return panel.locator('.monaco-list-row:has(.marker-message)').evaluateAll((elements) =>
    elements.map((row) => ({
      message: row.querySelector('.marker-message')?.textContent ?? '',
      source: row.querySelector('.marker-source')?.textContent ?? '',
      code: row.querySelector('.marker-code')?.textContent ?? '',
      line: row.querySelector('.marker-line')?.textContent ?? '',
    })),
  );
}

/** A status-bar entry's text by its id (an extension's entries are `<publisher>.<name>.<id>`); '' while hidden. */
export async function statusBarText(page: Page, id: string): Promise<string> {
  const item = page.locator(`.part.statusbar .statusbar-item[id="${id}"]`);
  if (!(await item.isVisible())) return '';
  return (await item.innerText()).trim();
}

/** The code lenses the active editor draws, by their text (VS Code draws each lens's title as a link or a label). */
export async function codeLensTitles(page: Page): Promise<string[]> {
  const titles = await page.locator('.editor-instance .monaco-editor .codelens-decoration > *').allInnerTexts();
  return titles.map((title) => title.trim()).filter(Boolean);
}

/** Runs a command from the Command Palette (F1), as a person would, by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette lists the commands known when it opens; while extensions are still being scanned
  // it may not list this one yet, so close it and ask again.
  for (let attempt = 1; ; attempt++) {
    // Keys go to a focused webview's iframe, not the workbench: take the focus back first.
    await page.locator('.part.titlebar').click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    try {
      await item.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 12) throw error;
    }
  }
  await page.keyboard.press('Enter');
}

/** Picks an entry of an open Quick Pick by its label. */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
}

/** The frame of a webview whose document has `selector` (webviews are nested iframes in the workbench). */
export async function webviewFrame(page: Page, selector: string): Promise<Frame> {
  for (let attempt = 0; attempt < 120; attempt++) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no webview shows ${selector}`);
}
