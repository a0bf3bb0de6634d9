import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repoRoot';

/** The plain string values a file's rows take as contextValue (template strings left out). */
function contextValues(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/contextValue = ([^;]+);/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((q) => q[1]));
}

/** Whether a menu's `when` admits a row of `view` with `value`: its view and viewItem terms (joined by &&), the rest taken as true. */
function admits(when: string, view: string, value: string): boolean {
  return when.split('&&').every((term) => {
    const t = term.trim();
    let m = /^view == (\S+)$/.exec(t);
    if (m) return m[1] === view;
    m = /^viewItem == (\S+)$/.exec(t);
    if (m) return m[1] === value;
    m = /^viewItem =~ \/(.+)\/$/.exec(t);
    if (m) return new RegExp(m[1].replace(/\\\\/g, '\\')).test(value);
    return true;
  });
}

test("the Containers view offers a container's commands on container rows only (never on a row of its changes or files)", () => {
  const root = repoRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
  const items = pkg.contributes.menus['view/item/context'];
  const view = 'stowage.containers';
  const dir = join(root, 'src/views/containers');
  // ContainerNode's four states (its file compares with other strings too, so they are named here).
  const containerRows = ['container.paused', 'container.running', 'container.stopped', 'container.stopping'];
  assert.deepEqual(contextValues(join(dir, 'ContainerNode.ts')).filter((v) => v.startsWith('container.')).sort(), containerRows);
  const containerCommands = new Set(items.filter((i) => containerRows.some((v) => admits(i.when ?? '', view, v))).map((i) => i.command));
  assert.ok(containerCommands.has('stowage.removeContainer') && containerCommands.has('stowage.inspectContainer'), [...containerCommands].join(', '));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'ContainerNode.ts')) {
    for (const value of contextValues(join(dir, file))) {
      const offered = items.filter((i) => containerCommands.has(i.command) && admits(i.when ?? '', view, value)).map((i) => i.command);
      assert.deepEqual(offered, [], `${file}'s rows (${value}) are offered ${offered.join(', ')}`);
    }
  }
});
