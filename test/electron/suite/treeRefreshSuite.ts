import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EngineSession } from '../../../src/session/EngineSession';
import { MessageNode } from '../../../src/views/MessageNode';
import { EngineGroupNode } from '../../../src/views/pinned/EngineGroupNode';
import { StowageTreeProvider } from '../../../src/views/StowageTreeProvider';
import type { TreeNode } from '../../../src/views/TreeNode';
import type { PinnedEngines } from '../../../src/session/PinnedEngines';
import type { SuiteCase } from './SuiteCase';

/**
 * The tree data providers in a real extension host, refreshed while a listing is under
 * way. VS Code forgets every row of a view from the change event until getChildren
 * answers, and a context-menu command run then gets no row: so a refresh must list
 * first, fire after, and getChildren must never wait on the engine once rows are shown.
 * The listings are finished by hand (the engine's own slowness is the e2e test's part).
 */

/** Listings the test finishes by hand, one row each, named after their number. */
function listings() {
  const runs: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const lister = () =>
    new Promise<TreeNode[]>((resolve, reject) => {
      const n = runs.length + 1;
      runs.push({ resolve: () => resolve([new MessageNode(`row-${n}`, `listing ${n}`)]), reject });
    });
  return { runs, lister };
}

/** A view whose roots come from the hand-finished listings. */
class HandListedProvider extends StowageTreeProvider {
  constructor(
    session: EngineSession,
    private readonly lister: (session: EngineSession) => Promise<TreeNode[]>,
    pins?: PinnedEngines,
  ) {
    super(session, 'test rows', pins);
  }

  protected listEngine(session: EngineSession): Promise<TreeNode[]> {
    return this.lister(session);
  }
}

/** Every change event, and a promise of the next one. */
function events(provider: vscode.TreeDataProvider<TreeNode>) {
  let count = 0;
  let wake: (() => void) | undefined;
  provider.onDidChangeTreeData!(() => {
    count++;
    wake?.();
  });
  return {
    count: () => count,
    next: () => new Promise<void>((resolve) => (wake = resolve)),
  };
}

/** Lets every pending promise reaction run: an answer "at once" is in by then, one waiting on a listing is not. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** `p`'s value if it is in once everything pending has run, else undefined (it waited on something). */
async function answeredAtOnce<T>(p: Promise<T>): Promise<T | undefined> {
  let value: T | undefined;
  void p.then((v) => (value = v));
  await settled();
  return value;
}

const labels = (nodes: TreeNode[] | undefined) => nodes?.map((n) => String(n.treeItem().label));

/** A provider with its first listing in (as a view that has shown its rows), and its listings and events. */
async function shownProvider(session: EngineSession) {
  const l = listings();
  const provider = new HandListedProvider(session, l.lister);
  const first = provider.getChildren();
  await settled();
  l.runs[0].resolve();
  assert.deepEqual(labels(await first), ['listing 1']);
  return { provider, l, e: events(provider) };
}

function withSession(work: (session: EngineSession) => Promise<void>): () => Promise<void> {
  return async () => {
    const log = vscode.window.createOutputChannel('Stowage tree refresh checks', { log: true });
    const session = new EngineSession(log);
    try {
      await work(session);
    } finally {
      session.dispose();
      log.dispose();
    }
  };
}

export const suite: SuiteCase[] = [
  {
    name: 'during a refresh, getChildren of the root answers at once with the rows shown, not waiting on the listing',
    run: withSession(async (session) => {
      const { provider, l } = await shownProvider(session);
      provider.refresh();
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 1'], 'getChildren waited for the running listing');
      assert.equal(l.runs.length, 2, 'not one listing for the refresh');
      l.runs[1].resolve();
      provider.dispose();
    }),
  },
  {
    name: 'the change event fires once the new listing is in, and getChildren then gives its rows',
    run: withSession(async (session) => {
      const { provider, l, e } = await shownProvider(session);
      provider.refresh();
      await settled();
      assert.equal(e.count(), 0, 'the change event fired before the listing was in');
      const fired = e.next();
      l.runs[1].resolve();
      await fired;
      assert.equal(e.count(), 1);
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 2']);
      provider.dispose();
    }),
  },
  {
    name: 'a storm of refreshes during a listing: one follow-up listing, one change event, never two listings at once',
    run: withSession(async (session) => {
      const { provider, l, e } = await shownProvider(session);
      for (let i = 0; i < 50; i++) provider.refresh();
      await settled();
      assert.equal(l.runs.length, 2);
      for (let i = 0; i < 50; i++) provider.refresh();
      l.runs[1].resolve();
      await settled();
      assert.equal(l.runs.length, 3, 'the refreshes during the listing did not give one follow-up');
      assert.equal(e.count(), 0, 'a listing older than the last refresh was drawn');
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 1']);
      const fired = e.next();
      l.runs[2].resolve();
      await fired;
      await settled();
      assert.equal(e.count(), 1);
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 3']);
      provider.dispose();
    }),
  },
  {
    name: 'a failed listing keeps the old rows until it ends, then shows its error with a Retry',
    run: withSession(async (session) => {
      const { provider, l, e } = await shownProvider(session);
      provider.refresh();
      await settled();
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 1']);
      const fired = e.next();
      l.runs[1].reject(new Error('the engine said no'));
      await fired;
      assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['Could not list test rows: the engine said no', 'Retry']);
      provider.dispose();
    }),
  },
  {
    name: 'a hidden view lists nothing on refresh; shown again, it answers with its rows at once and lists behind them',
    run: withSession(async (session) => {
      const { provider, l, e } = await shownProvider(session);
      // Contributed by the probe with `when: false`: a real view that is never visible.
      const view = vscode.window.createTreeView('stowageProbe.hidden', { treeDataProvider: provider });
      try {
        provider.view = view;
        assert.equal(view.visible, false);
        provider.refresh();
        await settled();
        assert.equal(l.runs.length, 1, 'a hidden view listed on refresh');
        assert.ok(e.count() >= 1, 'VS Code was not told, so it would not ask when the view shows');
        // What VS Code does when the view shows again.
        const before = e.count();
        assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 1']);
        assert.equal(l.runs.length, 2, 'the view shown again did not list');
        const fired = e.next();
        l.runs[1].resolve();
        await fired;
        assert.equal(e.count(), before + 1);
        assert.deepEqual(labels(await answeredAtOnce(provider.getChildren())), ['listing 2']);
      } finally {
        view.dispose();
        provider.dispose();
      }
    }),
  },
  {
    name: "a pinned engine's row answers at once with its rows while its engine lists again, and is redrawn after",
    run: withSession(async (session) => {
      const l = listings();
      const redraws: EngineGroupNode[] = [];
      let wake: (() => void) | undefined;
      const group = new EngineGroupNode({ name: 'slow', session }, 'test rows', l.lister, (node) => {
        redraws.push(node);
        wake?.();
      });
      const first = group.children();
      await settled();
      l.runs[0].resolve();
      assert.deepEqual(labels(await first), ['listing 1']);
      redraws.length = 0;
      group.invalidate();
      assert.deepEqual(labels(await answeredAtOnce(group.children())), ['listing 1'], "the row waited for its engine's listing");
      assert.equal(l.runs.length, 2);
      assert.equal(redraws.length, 0, 'the row was redrawn before its listing was in');
      const redrawn = new Promise<void>((resolve) => (wake = resolve));
      l.runs[1].resolve();
      await redrawn;
      assert.deepEqual(labels(await answeredAtOnce(group.children())), ['listing 2']);

      // Its engine changed while the view is shown: listed first, redrawn when in.
      redraws.length = 0;
      group.invalidate();
      group.relist();
      assert.equal(l.runs.length, 3, 'relist did not list');
      await settled();
      assert.equal(redraws.length, 0, 'the row was redrawn before its listing was in');
      const relisted = new Promise<void>((resolve) => (wake = resolve));
      l.runs[2].resolve();
      await relisted;
      assert.equal(redraws.length, 1);
      assert.deepEqual(labels(await answeredAtOnce(group.children())), ['listing 3']);
    }),
  },
  {
    name: "two pinned engines: one's change lists its shown row first and redraws it when in; a row never listed, or a hidden view, is redrawn at once and lists nothing",
    run: withSession(async (main) => {
      const log = vscode.window.createOutputChannel('Stowage tree refresh checks (pinned)', { log: true });
      const endpoint = (name: string) => ({ url: `unix:///nonexistent/${name}.sock`, kind: 'unix' as const, socketPath: `/nonexistent/${name}.sock`, source: 'test' });
      const a = new EngineSession(log, { name: 'a', endpoint: endpoint('a') });
      const b = new EngineSession(log, { name: 'b', endpoint: endpoint('b') });
      const perEngine = new Map([
        [a, listings()],
        [b, listings()],
      ]);
      // What the Engines view's setting resolves to (PinnedEngines reads it and asks the engine layer): these two engines.
      const pins = { engines: async () => [{ name: 'a', session: a }, { name: 'b', session: b }] } as unknown as PinnedEngines;
      const provider = new HandListedProvider(main, (session) => perEngine.get(session)!.lister(), pins);
      const view = vscode.window.createTreeView('stowageProbe.hidden', { treeDataProvider: provider });
      try {
        const roots = (await provider.getChildren()) as EngineGroupNode[];
        assert.deepEqual(roots.map((r) => r.engine.name), ['a', 'b']);
        const [rowA] = roots;
        const la = perEngine.get(a)!;
        const lb = perEngine.get(b)!;
        const first = provider.getChildren(rowA);
        await settled();
        la.runs[0].resolve();
        assert.deepEqual(labels(await first), ['listing 1']);
        const e = events(provider);

        a.refresh();
        await settled();
        assert.equal(la.runs.length, 2, "a's change did not list its row");
        assert.equal(e.count(), 0, "a's row was redrawn before its listing was in");
        assert.deepEqual(labels(await answeredAtOnce(provider.getChildren(rowA))), ['listing 1']);
        const fired = e.next();
        la.runs[1].resolve();
        await fired;
        assert.deepEqual(labels(await answeredAtOnce(provider.getChildren(rowA))), ['listing 2']);

        // b's row was never expanded: nothing to keep, so it is only told (VS Code asks if it shows it).
        const before = e.count();
        b.refresh();
        await settled();
        assert.equal(lb.runs.length, 0, "b's row, never listed, listed on its change");
        assert.equal(e.count(), before + 1);

        provider.view = view;
        assert.equal(view.visible, false);
        a.refresh();
        await settled();
        assert.equal(la.runs.length, 2, 'a hidden view listed on an engine change');
        assert.equal(e.count(), before + 2, 'a hidden view was not told');
      } finally {
        view.dispose();
        provider.dispose();
        a.dispose();
        b.dispose();
        log.dispose();
      }
    }),
  },
];
