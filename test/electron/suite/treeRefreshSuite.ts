import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EngineSession } from '../../../src/session/EngineSession';
import { MessageNode } from '../../../src/views/MessageNode';
import { EngineGroupNode } from '../../../src/views/pinned/EngineGroupNode';
import { StowageTreeProvider } from '../../../src/views/StowageTreeProvider';
import type { TreeNode } from '../../../src/views/TreeNode';
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
    private readonly lister: () => Promise<TreeNode[]>,
  ) {
    super(session, 'test rows');
  }

  protected listEngine(): Promise<TreeNode[]> {
    return this.lister();
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
];
