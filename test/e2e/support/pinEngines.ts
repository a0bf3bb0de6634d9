import assert from 'node:assert/strict';
import type { TreeRow } from './TreeRow';
import type { Workbench } from './Workbench';

/**
 * Pins the engines `names` from their rows' menus in the Engines view, as a person does:
 * once the last one answers (its row shows the engine's version), each in turn, waiting
 * until its row says it is pinned.
 */
export async function pinEngines(wb: Workbench, names: string[]): Promise<void> {
  const row = (name: string) => (r: TreeRow) => r.label === name;
  await wb.setSectionExpanded('Engines', true);
  await wb.revealRow('Engines', (r) => row(names[names.length - 1])(r) && /20\.10/.test(r.description), 120_000);
  for (const name of names) {
    const items = await wb.openContextMenu('Engines', row(name));
    assert.ok(items.includes('Pin in Stowage'), `the menu of ${name}: ${items.join(', ')}`);
    await wb.clickMenuItem('Pin in Stowage');
    await wb.revealRow('Engines', (r) => row(name)(r) && /pinned/.test(r.description), 30_000);
  }
}
