import type { Locator, Page } from 'playwright-core';
import type { RowMatch, TreeRow } from './TreeRow';
import { waitFor } from './waitFor';

const TIMEOUT = 30_000;

/**
 * The VS Code web workbench as a page object. It speaks in what a person sees (view
 * containers, sections, rows, menus, the command palette, editors, the Problems panel)
 * and hides the DOM behind it. Every wait is bounded and says what it waited for.
 */

/** A row of a tree's list itself, not of its sticky-scroll header (which repeats parents). */
const LIST_ROW = '.monaco-list-rows > .monaco-list-row';

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads the workbench at `url` and waits until its activity bar is up. */
  async open(url: string, timeoutMs = 90_000): Promise<void> {
    await this.page.goto(url, { timeout: timeoutMs });
    await this.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
  }

  /** Opens the workbench on Stowage's views, the side bar wide enough for the views' descriptions (and the screenshots). */
  async openStowage(url: string): Promise<void> {
    await this.open(url);
    await this.openViewContainer('Stowage');
    await this.setSideBarWidth(620);
  }

  /** Shows the view container whose activity bar item is titled `title`, unless it already shows. */
  async openViewContainer(title: string, timeoutMs = 60_000): Promise<void> {
    const item = this.page
      .locator('.part.activitybar .action-item')
      .filter({ has: this.page.locator(`.action-label[aria-label="${title}"], .action-label[aria-label^="${title} ("]`) });
    await item.first().waitFor({ state: 'visible', timeout: timeoutMs }).catch(async () => {
      throw new Error(`no activity bar item titled "${title}" within ${timeoutMs} ms; items: ${(await this.activityBarTitles()).join(', ')}`);
    });
    // Clicking the item of the container already showing would close the side bar.
    if (!(await item.first().evaluate((el) => el.classList.contains('checked')))) await item.first().click();
    await waitFor(
      `the side bar to show "${title}"`,
      async () => (await this.sideBarTitle()).toLowerCase() === title.toLowerCase(),
      { timeoutMs: TIMEOUT, lastSeen: () => this.sideBarTitle() },
    );
    await this.moveMouseAway();
  }

  async activityBarTitles(): Promise<string[]> {
    return this.page.locator('.part.activitybar .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  async sideBarTitle(): Promise<string> {
    const h2 = this.page.locator('.part.sidebar .composite.title h2');
    return (await h2.count()) ? ((await h2.first().textContent()) ?? '').trim() : '';
  }

  /** Titles of the sections (views) in the side bar, in order. */
  async sectionTitles(): Promise<string[]> {
    return this.page.locator('.part.sidebar .pane-header .title').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** The section (view pane) titled `title`; fails when the side bar has none. */
  async section(title: string): Promise<Locator> {
    const pane = this.page
      .locator('.part.sidebar .pane')
      .filter({ has: this.page.locator('.pane-header .title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, 'i') }) });
    await waitFor(`a side bar section titled "${title}"`, async () => (await pane.count()) === 1, {
      timeoutMs: TIMEOUT,
      lastSeen: async () => `sections ${JSON.stringify(await this.sectionTitles())}`,
    });
    return pane;
  }

  /** Expands the section `title` and collapses every other one, so its tree gets the whole height. */
  async focusSection(title: string): Promise<void> {
    for (const other of await this.sectionTitles()) {
      if (other.toLowerCase() !== title.toLowerCase()) await this.setSectionExpanded(other, false);
    }
    await this.setSectionExpanded(title, true);
  }

  async setSectionExpanded(title: string, expanded: boolean): Promise<void> {
    const header = (await this.section(title)).locator('.pane-header');
    const isExpanded = async () => (await header.getAttribute('aria-expanded')) === 'true';
    if ((await isExpanded()) !== expanded) await header.click();
    await waitFor(`section "${title}" to be ${expanded ? 'expanded' : 'collapsed'}`, async () => (await isExpanded()) === expanded, {
      timeoutMs: TIMEOUT,
    });
  }

  /**
   * The tree rows the section renders now (only those in view: lists are virtual), in tree order.
   * Rows of the sticky-scroll header are left out: they repeat a parent already counted, and
   * with them counted the top row never seems to move as the list scrolls (a long registry
   * catalog scrolled under its sticky registry row, and revealRow gave up half way).
   */
  async treeRows(title: string): Promise<TreeRow[]> {
    const pane = await this.section(title);
    const rows = await pane.locator(LIST_ROW).evaluateAll((els) =>
      els.map((el) => {
        const text = (sel: string) => (el.querySelector(sel)?.textContent ?? '').trim();
        const expanded = el.getAttribute('aria-expanded');
        return {
          index: Number(el.getAttribute('data-index')),
          level: Number(el.getAttribute('aria-level') ?? '1'),
          label: text('.label-name'),
          description: text('.label-description'),
          ariaLabel: el.getAttribute('aria-label') ?? '',
          expanded: expanded === null ? undefined : expanded === 'true',
        };
      }),
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  /**
   * Scrolls the section's tree until a row matching `match` is in view, and returns it.
   * Fails with the labels it saw once the whole list has been scrolled through.
   */
  async revealRow(title: string, match: RowMatch, timeoutMs = TIMEOUT): Promise<TreeRow> {
    const test = toPredicate(match);
    const pane = await this.section(title);
    const list = pane.locator('.monaco-list').first();
    const seen = new Set<string>();
    let scrolledToTop = false;
    let lastFirst = -1;
    let stuck = 0;
    return waitFor(
      `a row matching ${describe(match)} in "${title}"`,
      async () => {
        const rows = await this.stableRows(title);
        rows.forEach((r) => seen.add(r.label));
        const hit = rows.find(test);
        if (hit) return hit;
        const box = await list.boundingBox();
        if (!box || rows.length === 0) return undefined; // still loading
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const first = rows[0].index;
        if (!scrolledToTop) {
          // Start from the top so every row is passed exactly once. One wheel turn does not
          // always get there (a long list stopped a few rows short): turn until row 0 is in view
          // or the list stops moving.
          stuck = first === lastFirst ? stuck + 1 : 0;
          lastFirst = first;
          if (first === 0 || stuck >= 2) {
            scrolledToTop = true;
            stuck = 0;
          } else {
            await this.page.mouse.wheel(0, -1_000_000);
            return undefined;
          }
        }
        // At the bottom the first row stops moving; then start over (rows may still be loading).
        stuck = first === lastFirst ? stuck + 1 : 0;
        lastFirst = first;
        if (stuck >= 2) {
          scrolledToTop = false;
          stuck = 0;
          return undefined;
        }
        await this.page.mouse.wheel(0, Math.max(22, box.height - 44));
        return undefined;
      },
      { timeoutMs, intervalMs: 150, lastSeen: () => `${seen.size} labels: ${[...seen].slice(0, 60).join(' | ')}` },
    );
  }

  /**
   * The row's element, by its tree position (see TreeRow.index) and its accessible label:
   * rows shift when the tree changes (an image appears or goes as the engine reports it), and
   * an index alone would then name another row. A row that moved matches nothing.
   */
  rowElement(pane: Locator, row: TreeRow): Locator {
    const label = row.ariaLabel ? `[aria-label="${row.ariaLabel.replace(/["\\]/g, '\\$&')}"]` : '';
    return pane.locator(`${LIST_ROW}[data-index="${row.index}"]${label}`);
  }

  /** Expands the row matching `match` (if it is not already) and waits until it shows as expanded. */
  async expandRow(title: string, match: RowMatch, timeoutMs = TIMEOUT): Promise<TreeRow> {
    const first = await this.revealRow(title, match, timeoutMs);
    if (first.expanded === undefined) throw new Error(`row "${first.label}" in "${title}" cannot expand`);
    const pane = await this.section(title);
    let clickedAt = 0;
    return waitFor(`row ${describe(match)} in "${title}" to expand`, async () => {
      const row = await this.revealRow(title, match, timeoutMs);
      if (row.expanded) return row;
      // One click at a time: a second one while the first takes effect would collapse it again.
      if (Date.now() - clickedAt < 2_000) return undefined;
      // A row that moved since it was found is not clicked (see rowElement): it is found again.
      await this.rowElement(pane, row).locator('.monaco-tl-twistie').click({ timeout: 2_000 }).then(() => (clickedAt = Date.now()), () => {});
      return undefined;
    }, { timeoutMs, intervalMs: 100 });
  }

  /**
   * Waits until the row matching `parent` shows children for which `ready` holds (the
   * extension loads them from the engine), and returns those children.
   */
  async childRows(title: string, parent: RowMatch, ready: (children: TreeRow[]) => boolean = (c) => c.length > 0, timeoutMs = TIMEOUT): Promise<TreeRow[]> {
    let last: TreeRow[] = [];
    return waitFor(
      `children of ${describe(parent)} in "${title}"`,
      async () => {
        const p = await this.revealRow(title, parent);
        const rows = await this.stableRows(title);
        const children: TreeRow[] = [];
        for (const r of rows.filter((r) => r.index > p.index)) {
          if (r.level <= p.level) break;
          if (r.level === p.level + 1) children.push(r);
        }
        last = children;
        if (ready(children)) return children;
        // The parent's rows run past the bottom of the view (the parent was revealed at the bottom
        // edge): scroll a few rows down so the rest come into view; the parent stays in view.
        const bottom = rows[rows.length - 1];
        if (bottom && (bottom.index === p.index || (bottom.index > p.index && children.length && bottom.level > p.level && !rows.some((r) => r.index > p.index && r.level <= p.level)))) {
          const box = await (await this.section(title)).locator('.monaco-list').first().boundingBox();
          if (box) {
            await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await this.page.mouse.wheel(0, 66);
          }
        }
        return undefined;
      },
      { timeoutMs, lastSeen: () => last.map((c) => `${c.label} (${c.description})`).join(' | ') || 'none' },
    );
  }

  /**
   * Right-clicks the row and returns the labels of its context menu's items. A busy engine
   * reorders the tree between finding a row and the click landing (a container another
   * program starts enters at the top), and the click then opens the menu of whichever row
   * moved under the pointer: the menu is only kept once the row it opened on (the focused
   * one, as a right-click focuses its row) is the row asked for.
   */
  async openContextMenu(title: string, match: RowMatch, timeoutMs = TIMEOUT): Promise<string[]> {
    const pane = await this.section(title);
    const menu = this.page.locator('.context-view .monaco-menu');
    let openedOn = '';
    await waitFor(`a right-click on ${describe(match)} in "${title}"`, async () => {
      const row = await this.revealRow(title, match, timeoutMs);
      // A row that moved since it was found is not clicked (see rowElement): it is found again.
      if (!(await this.rowElement(pane, row).click({ button: 'right', timeout: 2_000 }).then(() => true, () => false))) return false;
      if (!(await menu.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) return false;
      openedOn = (await pane.locator(`${LIST_ROW}.focused`).first().getAttribute('aria-label').catch(() => null)) ?? '';
      if (!row.ariaLabel || openedOn === row.ariaLabel) return true;
      await this.closeMenu();
      return false;
    }, { timeoutMs, intervalMs: 100, lastSeen: () => `a menu opened on "${openedOn}"` });
    return this.menuItems();
  }

  /**
   * Points at the row matching `match` until its tooltip shows text matching `expected`,
   * and returns that text (line breaks as the hover renders them).
   */
  async rowTooltip(title: string, match: RowMatch, expected: RegExp = /\S/, timeoutMs = TIMEOUT): Promise<string> {
    const pane = await this.section(title);
    const hover = this.page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: expected });
    let last = '';
    return waitFor(`the tooltip of ${describe(match)} in "${title}" to match ${expected}`, async () => {
      if (await hover.first().isVisible().catch(() => false)) return ((await hover.first().innerText()) ?? '').trim();
      last = (await this.page.locator('.workbench-hover, .monaco-hover:not(.hidden)').allInnerTexts().catch(() => [])).join(' / ');
      const row = await this.revealRow(title, match);
      const box = await this.rowElement(pane, row).locator('.label-name').first().boundingBox({ timeout: 2_000 }).catch(() => null);
      if (!box) return undefined;
      // Off and back on, so the workbench sees a fresh hover even if the pointer was already there.
      await this.moveMouseAway();
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await hover.first().waitFor({ state: 'visible', timeout: 4_000 }).catch(() => {});
      return undefined;
    }, { timeoutMs, intervalMs: 100, lastSeen: () => last || 'no hover' });
  }

  /** Labels of the items of the open menu (separators left out). */
  async menuItems(): Promise<string[]> {
    // The menu lives in a shadow root; Playwright's CSS locators pierce open ones.
    const labels = await this.page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label').allTextContents();
    return labels.map((l) => l.trim()).filter(Boolean);
  }

  async clickMenuItem(label: string): Promise<void> {
    const item = this.page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) });
    await waitFor(`menu item "${label}"`, async () => (await item.count()) > 0, { timeoutMs: TIMEOUT, lastSeen: async () => (await this.menuItems()).join(', ') });
    const menu = this.page.locator('.context-view .monaco-menu').first();
    // A click that lands while the menu is still settling in is sometimes ignored (the item
    // only highlights): click again until the menu closes, which it does once the item runs.
    await waitFor(`menu item "${label}" to run`, async () => {
      if (!(await menu.isVisible())) return true;
      await item.first().click({ timeout: 2_000 }).catch(() => {});
      return menu.waitFor({ state: 'hidden', timeout: 1_500 }).then(() => true, () => false);
    }, { timeoutMs: TIMEOUT, intervalMs: 0 });
  }

  async closeMenu(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Runs a command through the command palette: F1, its title, Enter on that exact entry. */
  async runCommand(commandTitle: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await this.page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: TIMEOUT });
    const input = widget.locator('.quick-input-box input');
    await input.fill(`>${commandTitle}`);
    const focused = widget.locator('.quick-input-list .monaco-list-row.focused');
    await waitFor(
      `the command palette to offer "${commandTitle}"`,
      async () => (await focused.count()) > 0 && ((await focused.first().getAttribute('aria-label')) ?? '').toLowerCase().startsWith(commandTitle.toLowerCase()),
      {
        timeoutMs: TIMEOUT,
        lastSeen: async () => JSON.stringify(await widget.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))),
      },
    );
    await input.press('Enter');
    // The palette closes, or (for commands that open a quick pick of their own) moves on.
    await waitFor(`the command palette to run "${commandTitle}"`, async () =>
      !(await widget.isVisible()) || (await input.inputValue().catch(() => '')) !== `>${commandTitle}`,
    { timeoutMs: TIMEOUT });
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a person would, and waits for its tab. */
  async openFile(relativePath: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await this.page.keyboard.press('Control+P');
    await widget.waitFor({ state: 'visible', timeout: TIMEOUT });
    const input = widget.locator('.quick-input-box input');
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    const focused = widget.locator('.quick-input-list .monaco-list-row.focused');
    await waitFor(`Quick Open to offer ${relativePath}`, async () => (await focused.count()) > 0 && ((await focused.first().getAttribute('aria-label')) ?? '').includes(name), {
      timeoutMs: TIMEOUT,
    });
    await input.press('Enter');
    await this.waitForActiveEditor(name);
  }

  /** The title of the active editor's tab, or '' when no editor is open. */
  async activeEditorTitle(): Promise<string> {
    // Name and extension are separate spans (label-name, label-suffix); the container holds both.
    const tab = this.page.locator('.part.editor .editor-group-container.active .tab.active .monaco-icon-label-container');
    return (await tab.count()) ? ((await tab.first().textContent()) ?? '').trim() : '';
  }

  async waitForActiveEditor(match: string | RegExp, timeoutMs = TIMEOUT): Promise<string> {
    return waitFor(`an editor titled ${describe(match)}`, async () => {
      const title = await this.activeEditorTitle();
      return (typeof match === 'string' ? title === match : match.test(title)) ? title : undefined;
    }, { timeoutMs, lastSeen: () => this.activeEditorTitle() });
  }

  /** The text of the active editor's lines in view (editors render only those), top to bottom. */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line');
    const rendered = await lines.evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat(/top:\s*([-\d.]+)px/.exec(e.getAttribute('style') ?? '')?.[1] ?? '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') })),
    );
    return rendered.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n');
  }

  async waitForEditorText(match: RegExp, timeoutMs = TIMEOUT): Promise<string> {
    let last = '';
    return waitFor(`editor text matching ${match}`, async () => {
      last = await this.editorText();
      return match.test(last) ? last : undefined;
    }, { timeoutMs, lastSeen: () => last.slice(0, 500) });
  }

  /** Opens the Problems panel (if closed) and returns its rows' accessible labels. */
  async problems(): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    return panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? (e.textContent ?? '').trim()));
  }

  /** Waits until a Problems panel row's accessible label matches `match` (diagnostics arrive late). */
  async waitForProblem(match: RegExp, timeoutMs = TIMEOUT): Promise<string> {
    let last: string[] = [];
    return waitFor(`a problem matching ${match}`, async () => {
      last = await this.problems();
      return last.find((p) => match.test(p));
    }, { timeoutMs, lastSeen: () => JSON.stringify(last) });
  }

  /**
   * Hovers the first place `text` shows in the active editor and returns the hover's text.
   * Retried as a whole: the editor re-renders its tokens (e.g. when semantic colouring
   * arrives), which can replace the element between finding it and pointing at it.
   */
  async hoverText(text: string, expected: RegExp = /\S/, timeoutMs = TIMEOUT): Promise<string> {
    const token = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines span span', { hasText: text });
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
    return waitFor(`a hover over "${text}" matching ${expected}`, async () => {
      if (await hover.first().isVisible()) {
        // Language servers answer after a moment; until then the hover says "Loading...".
        const shown = ((await hover.first().textContent()) ?? '').trim();
        return !/^Loading/.test(shown) && expected.test(shown) ? shown : undefined;
      }
      const box = await token.first().boundingBox({ timeout: 1_000 }).catch(() => null);
      if (!box) return undefined;
      // Off and back on, so the editor sees a fresh hover even if the pointer was already there.
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 8), box.y - 30);
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 8), box.y + box.height / 2, { steps: 2 });
      await hover.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
      return undefined;
    }, { timeoutMs, intervalMs: 100 });
  }

  /** The quick input's title while it shows (quick pick, input box, simple file dialog), else undefined. */
  async quickInputTitle(): Promise<string | undefined> {
    const widget = this.page.locator('.quick-input-widget');
    if (!(await widget.isVisible().catch(() => false))) return undefined;
    return ((await widget.locator('.quick-input-title').textContent().catch(() => '')) ?? '').trim();
  }

  /** What the quick input shows now, for failure messages: title, value, validation message, items. */
  async describeQuickInput(): Promise<string> {
    const title = await this.quickInputTitle();
    if (title === undefined) return 'no quick input showing';
    const widget = this.page.locator('.quick-input-widget');
    const value = await widget.locator('.quick-input-box input').inputValue().catch(() => '');
    const message = ((await widget.locator('.quick-input-message').textContent().catch(() => '')) ?? '').trim();
    const items = await this.quickPickItems();
    return `title "${title}", value "${value}", message "${message}", items ${JSON.stringify(items.slice(0, 12))}`;
  }

  /** Waits until the quick input shows with a title matching `title`, and returns that title. */
  async waitForQuickInput(title: string | RegExp, timeoutMs = TIMEOUT): Promise<string> {
    return waitFor(`a quick input titled ${describe(title)}`, async () => {
      const shown = await this.quickInputTitle();
      return shown !== undefined && matches(title, shown) ? shown : undefined;
    }, { timeoutMs, lastSeen: () => this.describeQuickInput() });
  }

  /** The labels of the quick pick's items in view, icons left out. */
  async quickPickItems(): Promise<string[]> {
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .evaluateAll((els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? '').trim()));
  }

  /**
   * Types `text` into the input box titled `title` (replacing what it held) and presses
   * Enter, then waits until that input box is gone: the extension accepted the value and
   * moved on. A value the extension's validation refuses fails here, with its message.
   */
  async submitInput(title: string | RegExp, text: string): Promise<void> {
    const shown = await this.waitForQuickInput(title);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // code-server's own file dialog is a quick pick of a folder's entries. It lists the folder,
    // puts in its default path, and only then takes an Enter: an Enter pressed before that waits,
    // and then accepts the default over anything typed (a save went to images.tar, not the .tar.gz
    // typed, on a loaded machine). So with a list showing, type only once its rows are in and its
    // value has stayed put for half a second.
    const list = this.page.locator('.quick-input-widget .quick-input-list');
    if (await list.isVisible().catch(() => false)) {
      let before: string | undefined;
      let settled = 0;
      await waitFor(`"${shown}" to list its folder and put in its default`, async () => {
        const value = await input.inputValue();
        settled = value === before ? settled + 1 : 0;
        before = value;
        return settled >= 5 && (await list.locator('.monaco-list-row').count()) > 0;
      }, { timeoutMs: TIMEOUT, intervalMs: 100, lastSeen: async () => JSON.stringify(await input.inputValue()) });
    }
    // Type until the text stays put, then accept.
    let steady = 0;
    await waitFor(`"${shown}" to hold the text typed`, async () => {
      if ((await input.inputValue()) !== text) {
        await input.fill(text);
        steady = 0;
        return false;
      }
      return ++steady >= 3;
    }, { timeoutMs: TIMEOUT, intervalMs: 100, lastSeen: async () => JSON.stringify(await input.inputValue()) });
    await input.press('Enter');
    await this.waitForQuickInputToLeave(shown);
  }

  /** Clicks the quick pick item labelled `label` in the quick pick titled `title`, and waits until that pick is gone. */
  async pickQuickItem(title: string | RegExp, label: string | RegExp): Promise<void> {
    const shown = await this.waitForQuickInput(title);
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const index = await waitFor(`an item ${describe(label)} in "${shown}"`, async () => {
      const i = (await this.quickPickItems()).findIndex((l) => matches(label, l));
      return i >= 0 ? i : undefined;
    }, { timeoutMs: TIMEOUT, lastSeen: () => this.describeQuickInput() });
    await rows.nth(index).click();
    await this.waitForQuickInputToLeave(shown);
  }

  /**
   * What the quick input asks now, for dialogs whose steps share one title: an input box's
   * placeholder and prompt (the message under the field), a quick pick's placeholder.
   */
  async quickInputAsks(): Promise<string> {
    const widget = this.page.locator('.quick-input-widget');
    if (!(await widget.isVisible().catch(() => false))) return '';
    const placeholder = (await widget.locator('.quick-input-box input').getAttribute('placeholder').catch(() => null)) ?? '';
    const message = ((await widget.locator('.quick-input-message').textContent().catch(() => '')) ?? '').trim();
    return [placeholder, message].filter(Boolean).join(' | ');
  }

  /**
   * One step of a dialog whose steps share the title `title`: waits until the step asking
   * `asks` (its placeholder or prompt, see quickInputAsks) shows, does `act`, and waits until
   * that step is gone (the dialog moved on or closed).
   */
  private async dialogStep(title: string | RegExp, asks: RegExp | undefined, act: () => Promise<void>): Promise<void> {
    const showing = async () => {
      const t = await this.quickInputTitle();
      return t !== undefined && matches(title, t) && (!asks || asks.test(await this.quickInputAsks()));
    };
    await waitFor(`a quick input titled ${describe(title)}${asks ? ` asking ${asks}` : ''}`, showing, { timeoutMs: TIMEOUT, lastSeen: async () => `${await this.describeQuickInput()}, asks "${await this.quickInputAsks()}"` });
    await act();
    await waitFor(`the step ${describe(title)}${asks ? ` asking ${asks}` : ''} to accept`, async () => !(await showing()), { timeoutMs: TIMEOUT, lastSeen: () => this.describeQuickInput() });
  }

  /** Types `text` into the input box titled `title` that asks `asks` (see dialogStep), and presses Enter. */
  async answerInput(title: string | RegExp, asks: RegExp, text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.dialogStep(title, asks, async () => {
      await waitFor(`the input asking ${asks} to hold the text typed`, async () => {
        if ((await input.inputValue()) === text) return true;
        await input.fill(text);
        return false;
      }, { timeoutMs: TIMEOUT, intervalMs: 100 });
      await input.press('Enter');
    });
  }

  /** Clicks the item `label` of the quick pick titled `title` that asks `asks` (see dialogStep). */
  async answerPick(title: string | RegExp, asks: RegExp, label: string | RegExp): Promise<void> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await this.dialogStep(title, asks, async () => {
      const index = await waitFor(`an item ${describe(label)}`, async () => {
        const i = (await this.quickPickItems()).findIndex((l) => matches(label, l));
        return i >= 0 ? i : undefined;
      }, { timeoutMs: TIMEOUT, lastSeen: () => this.describeQuickInput() });
      await rows.nth(index).click();
    });
  }

  /**
   * In the many-choice quick pick titled `title` that asks `asks`, checks exactly the items
   * whose labels are in `checked` (clicking a row toggles it), then accepts with Enter.
   */
  async answerChecks(title: string | RegExp, asks: RegExp | undefined, checked: string[]): Promise<void> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const states = () => rows.evaluateAll((els) => els.map((e) => ({
      label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
      checked: e.getAttribute('aria-checked') === 'true' || !!e.querySelector('.monaco-custom-toggle.checked, input[type=checkbox]:checked'),
    })));
    await this.dialogStep(title, asks, async () => {
      await waitFor(`the checks to be exactly ${JSON.stringify(checked)}`, async () => {
        const now = await states();
        const wrong = now.findIndex((s) => s.label && s.checked !== checked.includes(s.label));
        if (now.length && wrong < 0) return true;
        if (wrong >= 0) await rows.nth(wrong).locator('.quick-input-list-label').click({ timeout: 2_000 }).catch(() => {});
        return false;
      }, { timeoutMs: TIMEOUT, intervalMs: 200, lastSeen: async () => JSON.stringify(await states()) });
      await this.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    });
  }

  /**
   * In the quick pick titled `title`, types `label` into its filter and accepts the one item
   * left with that label (Enter, or checked then Enter where the pick takes many).
   */
  async filterAndPick(title: string | RegExp, label: string, timeoutMs = 60_000): Promise<void> {
    const shown = await this.waitForQuickInput(title, timeoutMs);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(label);
    await waitFor(`"${shown}" to list only ${label}`, async () => {
      const items = await this.quickPickItems();
      return items.length > 0 && items.every((i) => i === label);
    }, { timeoutMs, lastSeen: () => this.describeQuickInput() });
    // A pick that takes many shows a checkbox on each row (the widget's other parts outlive a pick, so the row is asked).
    const many = await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().locator('.monaco-custom-toggle, input[type=checkbox]').first().isVisible().catch(() => false);
    if (many) return this.answerChecks(title, undefined, [label]);
    await input.press('Enter');
    await this.waitForQuickInputToLeave(shown);
  }

  /**
   * After a right-click menu item ran: when the tree refreshed between the right-click and
   * the click (the engine is shared, and its events refresh the views), the command got no
   * row and asks which one, in a pick titled `pickTitle`; there the one meant is picked by
   * `label`, as a person would. Returns whether it had to. Ends when `next` (the command's
   * own next step) shows.
   */
  async pickIfAsked(pickTitle: string, label: string, next: () => Promise<boolean>, timeoutMs = 60_000): Promise<boolean> {
    const asked = await waitFor(`"${pickTitle}" or the command's next step`, async () => {
      if ((await this.quickInputTitle()) === pickTitle) return 'asked';
      return (await next()) ? 'not asked' : undefined;
    }, { timeoutMs, lastSeen: () => this.describeQuickInput() });
    if (asked === 'not asked') return false;
    await this.filterAndPick(pickTitle, label, timeoutMs);
    return true;
  }

  /** Waits until the quick input no longer shows the title `shown`: it closed, or the next step replaced it. */
  private async waitForQuickInputToLeave(shown: string): Promise<void> {
    await waitFor(`the quick input "${shown}" to accept`, async () => (await this.quickInputTitle()) !== shown, {
      timeoutMs: TIMEOUT,
      lastSeen: () => this.describeQuickInput(),
    });
  }

  /** Whether the panel shows a terminal named `name` (its tab, or the panel's title with one terminal). */
  async hasTerminal(name: string): Promise<boolean> {
    const panel = this.page.locator('.part.panel');
    return (await panel.isVisible().catch(() => false)) && ((await panel.textContent().catch(() => '')) ?? '').includes(name);
  }

  /** Waits until the panel shows a terminal named `name` (see hasTerminal). */
  async waitForActiveTerminal(name: string, timeoutMs = TIMEOUT): Promise<void> {
    const panel = this.page.locator('.part.panel');
    await waitFor(`a terminal named "${name}"`, () => this.hasTerminal(name), {
      timeoutMs,
      lastSeen: async () => ((await panel.textContent().catch(() => '')) ?? '').slice(0, 300),
    });
  }

  /**
   * The active terminal's text, row by row as shown (the DOM renderer puts each row in the
   * page: start code-server with terminal.integrated.gpuAcceleration off).
   */
  async terminalText(): Promise<string> {
    return this.page.locator('.part.panel .terminal-wrapper.active .xterm-rows > div').evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
  }

  /** Clicks into the active terminal and types `text` there, then Enter. */
  async typeInTerminal(text: string): Promise<void> {
    await this.page.locator('.part.panel .terminal-wrapper.active .xterm').first().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The notification toasts showing now: message, buttons, and whether a progress bar runs. */
  async notifications(): Promise<{ message: string; buttons: string[]; progress: boolean }[]> {
    return this.page.locator('.notifications-toasts .notification-toast').evaluateAll((els) =>
      els
        .filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null)
        .map((e) => ({
          message: (e.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
          buttons: [...e.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => (b.textContent ?? '').trim()),
          progress: !!e.querySelector('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete:not(.done)'),
        })),
    );
  }

  /**
   * Waits until a notification toast's message matches `message`, and returns that message.
   * On a timeout the error also lists the notification center, which holds every notification.
   */
  async waitForNotification(message: RegExp, timeoutMs = TIMEOUT): Promise<string> {
    let last: string[] = [];
    return waitFor(`a notification matching ${message}`, async () => {
      last = (await this.notifications()).map((n) => n.message);
      return last.find((m) => message.test(m));
    }, { timeoutMs, lastSeen: async () => `toasts ${JSON.stringify(last)}, notification center ${JSON.stringify(await this.notificationCenterMessages())}` });
  }

  /** Clicks a button (e.g. a progress notification's Cancel) of the toast whose message matches `message`. */
  async clickNotificationButton(message: RegExp, label: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ has: this.page.locator('.notification-list-item-message', { hasText: message }) });
    await toast.first().locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first().click({ timeout: TIMEOUT });
  }

  /** Every message in the notification center (opened for the reading, closed after). */
  async notificationCenterMessages(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    const wasOpen = await center.isVisible().catch(() => false);
    if (!wasOpen) await this.runCommand('Notifications: Show Notifications');
    await center.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    const messages = await center.locator('.notification-list-item-message').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    // Opened by the command, the center has the focus, and Escape closes it.
    if (!wasOpen) await this.page.keyboard.press('Escape');
    return messages;
  }

  /**
   * Puts the cursor on the first place `at` shows in the active editor, opens the quick fix
   * menu (Ctrl+.) and runs the action titled `title`. The menu lists what the language
   * server offers, which can arrive a moment after the diagnostic: retried until it does.
   */
  async applyQuickFix(at: string, title: string | RegExp, timeoutMs = TIMEOUT): Promise<void> {
    const token = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines span span', { hasText: at });
    // The menu's outer element; a submenu panel inside it has the same class.
    const widget = this.page.locator('.context-view .action-widget:has(> .actionList)').first();
    const rows = widget.locator('> .actionList > .monaco-list .monaco-list-row');
    // Group headers ("Quick Fix") are rows too, without a title: they read as ''.
    const offered = async () => rows.evaluateAll((els) => els.map((e) => (e.querySelector('.title')?.textContent ?? '').trim()));
    let seen: string[] = [];
    const index = await waitFor(`a quick fix ${describe(title)} at "${at}"`, async () => {
      if (!(await widget.isVisible().catch(() => false))) {
        await token.first().click({ timeout: 2_000 });
        await this.page.keyboard.press('Control+.');
        await widget.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
      }
      seen = await offered();
      const i = seen.findIndex((s) => matches(title, s));
      if (i >= 0) return i;
      await this.page.keyboard.press('Escape'); // ask again: the server may not have answered yet
      return undefined;
    }, { timeoutMs, lastSeen: () => JSON.stringify(seen) });
    await rows.nth(index).click();
    await widget.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Waits until no Problems panel row matches `match` (e.g. after a fix). */
  async waitForNoProblem(match: RegExp, timeoutMs = TIMEOUT): Promise<string[]> {
    let last: string[] = [];
    return waitFor(`no problem matching ${match}`, async () => {
      last = await this.problems();
      return last.some((p) => match.test(p)) ? undefined : last;
    }, { timeoutMs, lastSeen: () => JSON.stringify(last) });
  }

  /**
   * Where the active editor draws error squiggles, as 1-based line and columns (end
   * exclusive), worked out from the rendered line numbers and the font's character width:
   * what a person sees underlined. Lines must be in view (they are near the top).
   */
  async errorSquiggles(): Promise<{ line: number; startColumn: number; endColumn: number }[]> {
    const editor = this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    return editor.evaluate((el) => {
      // The test's tsconfig has no DOM library: the little of it used here, spelled out.
      type Node = { textContent: string | null; firstElementChild: Node | null; getBoundingClientRect(): { top: number; left: number; width: number }; querySelectorAll(s: string): Iterable<Node> };
      const root = el as unknown as Node;
      const box = (e: Node) => e.getBoundingClientRect();
      const lines = [...root.querySelectorAll('.view-lines .view-line')];
      const numbers = [...root.querySelectorAll('.margin-view-overlays .line-numbers')];
      const out: { line: number; startColumn: number; endColumn: number }[] = [];
      for (const squiggle of root.querySelectorAll('.squiggly-error')) {
        const s = box(squiggle);
        const view = lines.find((l) => Math.abs(box(l).top - s.top) < 2);
        const number = numbers.find((n) => Math.abs(box(n).top - s.top) < 2);
        if (!view || !number) continue;
        const text = view.textContent ?? '';
        const charWidth = box(view.firstElementChild ?? view).width / Math.max(1, text.length);
        const start = Math.round((s.left - box(view).left) / charWidth) + 1;
        out.push({ line: Number(number.textContent), startColumn: start, endColumn: start + Math.max(1, Math.round(s.width / charWidth)) });
      }
      return out;
    });
  }

  /** The rows of the tables in the hover showing now, each as its cells' text. */
  async hoverTableRows(): Promise<string[][]> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
    return hover.first().locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => (c.textContent ?? '').trim())));
  }

  /** Dismisses every notification toast, so they cover nothing. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** Drags the side bar's edge so its rows (and their descriptions) are not cut off. */
  async setSideBarWidth(width: number): Promise<void> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sidebar) throw new Error('the side bar is not showing');
    const edge = sidebar.x + sidebar.width;
    const y = sidebar.y + sidebar.height / 2;
    await this.page.mouse.move(edge + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sidebar.x + width, y, { steps: 8 });
    await this.page.mouse.up();
    await waitFor(`the side bar to be about ${width} px wide`, async () => {
      const box = await this.page.locator('.part.sidebar').boundingBox();
      return !!box && Math.abs(box.width - width) < 40;
    }, { timeoutMs: 5_000, lastSeen: async () => `${(await this.page.locator('.part.sidebar').boundingBox())?.width} px` });
    await this.moveMouseAway();
  }

  /** Moves the pointer where it opens no tooltip, so screenshots show no hover. */
  /**
   * Scrolls the section's list so the row matching `match` is near its top: the rows a
   * tree renders are those in view, and the children of a row at the bottom would not be.
   */
  async scrollRowToTop(title: string, match: RowMatch): Promise<TreeRow> {
    const pane = await this.section(title);
    const list = pane.locator('.monaco-list').first();
    let last = -1;
    return waitFor(`row ${describe(match)} in "${title}" near the top`, async () => {
      const row = await this.revealRow(title, match);
      const [listBox, rowBox] = await Promise.all([list.boundingBox(), this.rowElement(pane, row).boundingBox().catch(() => null)]);
      if (!listBox || !rowBox) return undefined;
      const offset = rowBox.y - listBox.y;
      // Near the top, or the list's end reached (what follows the row is all in view).
      if (offset < 2 * rowBox.height || offset === last) return row;
      last = offset;
      await this.page.mouse.move(listBox.x + listBox.width / 2, listBox.y + listBox.height / 2);
      await this.page.mouse.wheel(0, offset - rowBox.height);
      return undefined;
    }, { timeoutMs: TIMEOUT, intervalMs: 150 });
  }

  async moveMouseAway(): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1400, height: 900 };
    await this.page.mouse.move(size.width - 2, Math.round(size.height / 2));
  }

  async screenshot(path: string): Promise<void> {
    // Finishes fade-ins (menus, hovers) so the picture shows their final look.
    await this.page.screenshot({ path, animations: 'disabled' });
  }

  /** Waits for a modal dialog (showWarningMessage with modal) whose message matches, and returns what it says. */
  async waitForDialog(message: RegExp, timeoutMs = TIMEOUT): Promise<{ message: string; detail: string; buttons: string[] }> {
    const read = () =>
      this.page.locator('.monaco-dialog-box').evaluateAll((els) =>
        els.map((e) => ({
          message: (e.querySelector('.dialog-message-text')?.textContent ?? '').trim(),
          detail: (e.querySelector('.dialog-message-detail')?.textContent ?? '').trim(),
          buttons: [...e.querySelectorAll('.dialog-buttons .monaco-button')].map((b) => (b.textContent ?? '').trim()),
        })),
      );
    let last: unknown = [];
    return waitFor(`a dialog matching ${message}`, async () => {
      const dialogs = await read();
      last = dialogs;
      return dialogs.find((d) => message.test(d.message));
    }, { timeoutMs, lastSeen: async () => JSON.stringify(last) });
  }

  /** Clicks a button of the open modal dialog, by its label. */
  async clickDialogButton(label: string): Promise<void> {
    await this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
    await this.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Rows, read until two reads agree: smooth scrolling and lazy loading move them for a moment. */
  private async stableRows(title: string): Promise<TreeRow[]> {
    let previous = JSON.stringify(await this.treeRows(title));
    return waitFor(`the rows of "${title}" to settle`, async () => {
      const rows = await this.treeRows(title);
      const now = JSON.stringify(rows);
      const same = now === previous;
      previous = now;
      return same ? rows : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100 });
  }
}

function toPredicate(match: RowMatch): (row: TreeRow) => boolean {
  if (typeof match === 'string') return (r) => r.label === match;
  if (match instanceof RegExp) return (r) => match.test(r.label);
  return match;
}

function matches(expected: string | RegExp, actual: string): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

function describe(match: RowMatch | string | RegExp): string {
  return typeof match === 'function' ? 'the given condition' : typeof match === 'string' ? `"${match}"` : String(match);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
