import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/Engine';
import { buildScratchImage, type SecondEngine } from '../support/secondEngine';
import { uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import { pinEngines } from './support/pinEngines';
import type { TreeRow } from './support/TreeRow';

// Issue 13, several engines at once: two engines pinned from the Engines view, and the
// Images and Containers views group by engine, each engine following its own event
// stream. Both are real dockerds of the test's own (the shared engine's pace depends on
// what other sessions do to it); the second is frozen (SIGSTOP) and then stopped, and the
// first one's rows keep coming at once all the while. The engine Stowage uses (the
// shared one) is not pinned: its own session stays apart.

describe('Pinned engines side by side in VS Code', { timeout: 12 * 60_000 }, () => {
  const ns = `e2e-pin/${uniqueName('pin')}`;
  const mainTag = `${ns}/main:1.0`;
  const secondTag = `${ns}/second:1.0`;
  const firstName = 'e2e-pin-first';
  const contextName = 'e2e-pin-second';
  let engine: Engine;
  let second: SecondEngine | undefined;
  const isGroup = (name: string) => (r: TreeRow) => r.level === 1 && r.label === name;
  const under = async (view: string, group: string, repository: string, timeoutMs = 60_000) =>
    s.wb.childRows(view, isGroup(group), (rows) => rows.some((r) => r.label === repository), timeoutMs);

  const s = useE2eSession({
    prefix: 'pinned-engines',
    setup: async ({ atEnd, startEngine }) => {
      // The frozen engine is thawed before the engines are removed (a stopped dockerd heeds no SIGTERM).
      atEnd(() => {
        if (second?.pid !== undefined) process.kill(second.pid, 'SIGCONT');
      });
      const first = await startEngine('e2epina', { name: firstName, description: 'a dockerd of the test' });
      engine = first.engine();
      await buildScratchImage(engine, mainTag);
      second = await startEngine('e2epinb', { name: contextName, description: 'another dockerd of the test' });
      await buildScratchImage(second.engine(), secondTag);
    },
  });

  it('pins two engines from the Engines view, and Images and Containers group by engine', async () => {
    await s.check('pin', async () => {
      const { wb } = s;
      await pinEngines(wb, [firstName, contextName]);
      await wb.focusSection('Images');
      await wb.revealRow('Images', isGroup(firstName), 60_000);
      await under('Images', contextName, `${ns}/second`);
      await under('Images', firstName, `${ns}/main`, 240_000);
      const secondRows = await wb.childRows('Images', isGroup(contextName));
      assert.ok(!secondRows.some((r) => r.label === `${ns}/main`), `the second engine's rows: ${secondRows.map((r) => r.label).join(', ')}`);
      await wb.setSectionExpanded('Containers', true);
      await wb.revealRow('Containers', isGroup(contextName), 60_000);
      await wb.revealRow('Containers', isGroup(firstName), 60_000);
    });
  });

  it('with the second engine frozen, the first still lists at once, and the frozen one says so on its own row', async () => {
    await s.check('frozen', async () => {
      const { wb } = s;
      process.kill(second!.pid!, 'SIGSTOP');
      // Every engine lists again; the frozen one's listing hangs until its answer limit (30 s).
      await wb.focusSection('Images');
      await wb.runCommand('Stowage: Refresh');
      const askedAt = Date.now();
      await engine.api.getImage(mainTag).tag({ repo: `${ns}/fresh`, tag: '1.0' });
      await under('Images', firstName, `${ns}/fresh`, 25_000);
      const ms = Date.now() - askedAt;
      // Seen before the frozen engine's listing could even have failed: nothing waited for it.
      assert.ok(ms < 25_000, `the first engine's new tag showed after ${ms} ms`);
      const frozen = await wb.childRows('Images', isGroup(contextName), (rows) => rows.some((r) => /did not answer/.test(r.label)), 90_000);
      assert.ok(frozen.some((r) => r.label === 'Retry'), frozen.map((r) => r.label).join(', '));
      process.kill(second!.pid!, 'SIGCONT');
      const retry = await wb.revealRow('Images', (r: TreeRow) => r.level === 2 && r.label === 'Retry');
      const pane = await wb.section('Images');
      await wb.rowElement(pane, retry).click();
      await under('Images', contextName, `${ns}/second`);
      // Answering again, it is no longer said to be unreachable.
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && !/not reachable/.test(r.description), 30_000);
    });
  });

  it('with the second engine stopped, its row says it is not reachable, the first goes on, and it comes back by itself', async () => {
    await s.check('stopped', async () => {
      const { wb } = s;
      await second!.stop();
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && /not reachable/.test(r.description), 60_000);
      await engine.api.getImage(mainTag).tag({ repo: `${ns}/later`, tag: '1.0' });
      await under('Images', firstName, `${ns}/later`, 30_000);
      await second!.start();
      // Its event stream reconnects (backoff at most 10 s), and its row lists again.
      await wb.revealRow('Images', (r: TreeRow) => isGroup(contextName)(r) && !/not reachable/.test(r.description), 60_000);
      await under('Images', contextName, `${ns}/second`);
    });
  });
});
