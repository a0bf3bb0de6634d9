import type { Engine } from '../../src/engine/Engine';
import { listContainers } from '../../src/engine/listContainers';
import { listImages } from '../../src/engine/listImages';
import { watchEvents } from '../../src/engine/watchEvents';
import { kindsForEvent, type ChangeKind } from '../../src/session/kindsForEvent';
import { DEFAULT_TIMINGS, RefreshScheduler } from '../../src/session/RefreshScheduler';
import { SingleFlight } from '../../src/session/SingleFlight';
import { eachBounded } from './manyTags';
import { buildBusyboxImage, ensureBaseImage, runTestContainer, uniqueName } from './testEngine';

export interface StormResult {
  /** Events of our own storm that the event stream delivered. */
  events: number;
  /** From the first storm request to the last answer. */
  stormMs: number;
  /** Listings each view started, from the storm's start until everything settled. */
  listings: Record<ChangeKind, number>;
  /** When each event of the storm arrived, in ms from the storm's start (for replaying it elsewhere). */
  eventTimes: number[];
  /** The most listings of one view that ever ran at once. */
  maxConcurrent: Record<ChangeKind, number>;
}

/**
 * A real event storm from the real engine, through the pipeline the extension uses:
 * the engine's event stream (watchEvents), the views' kinds (kindsForEvent), the
 * scheduler (RefreshScheduler, real clock) and one single-flight listing per view,
 * asked for again whenever the view is told to refresh, as VS Code asks the tree.
 * Only VS Code's tree itself is absent. `tags` tag events on one image and `signals`
 * `kill` events of one running container (SIGWINCH, which its program ignores: cheap, and
 * an event the Containers view lists on; a resize is a read it now passes over) are the storm.
 */
export async function runEventStorm(engine: Engine, options: { tags: number; signals: number; concurrency?: number }): Promise<StormResult> {
  const name = uniqueName('stowage-test/storm');
  await ensureBaseImage(engine);
  const imageId = await buildBusyboxImage(engine, `${name}:base`, { base: 'stowage-test/busybox:latest', extra: [`LABEL storm=${name}`] });
  const container = await runTestContainer(engine, `${name}:base`, name.replace(/[/]/g, '-'));
  const listings: Record<ChangeKind, number> = { images: 0, containers: 0 };
  const running: Record<ChangeKind, number> = { images: 0, containers: 0 };
  const maxConcurrent: Record<ChangeKind, number> = { images: 0, containers: 0 };
  const lastStart: Record<ChangeKind, number> = { images: 0, containers: 0 };
  // Per view: a storm that ends on tags leaves the Containers view rightly untouched after its last kill.
  const lastOwnEvent: Record<ChangeKind, number> = { images: 0, containers: 0 };
  const counted = (kind: ChangeKind, list: () => Promise<unknown>) => async () => {
    listings[kind]++;
    lastStart[kind] = performance.now();
    maxConcurrent[kind] = Math.max(maxConcurrent[kind], ++running[kind]);
    try {
      return await list();
    } finally {
      running[kind]--;
    }
  };
  const views: Record<ChangeKind, SingleFlight<unknown>> = {
    images: new SingleFlight(counted('images', () => listImages(engine))),
    containers: new SingleFlight(counted('containers', () => listContainers(engine))),
  };
  const scheduler = new RefreshScheduler<ChangeKind>((kinds) => {
    for (const k of kinds) {
      views[k].invalidate();
      void views[k].get().catch(() => {});
    }
  }, DEFAULT_TIMINGS);
  let events = 0;
  let started = 0;
  const eventTimes: number[] = [];
  let up!: () => void;
  const connected = new Promise<void>((resolve) => (up = resolve));
  const watch = watchEvents(
    engine,
    (e) => {
      const kinds = kindsForEvent(e);
      if (started && (e.id === imageId || e.id === container.id)) {
        events++;
        const at = performance.now();
        for (const k of kinds) lastOwnEvent[k] = at;
        eventTimes.push(at - started);
      }
      for (const k of kinds) scheduler.request(k);
    },
    (s) => s.up && up(),
  );
  const expected = options.tags + options.signals;
  try {
    await connected;
    // Counting starts here: what the setup's own events caused is not the storm's.
    await waitUntil(() => !scheduler.waiting && !views.images.busy && !views.containers.busy, 10_000, 'the setup to settle');
    listings.images = listings.containers = 0;
    started = performance.now();
    const work: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < Math.max(options.tags, options.signals); i++) {
      if (i < options.tags) work.push(() => engine.api.getImage(imageId).tag({ repo: name, tag: `t${i}` }));
      if (i < options.signals) work.push(() => container.kill({ signal: 'SIGWINCH' }));
    }
    await eachBounded(work, options.concurrency ?? 16, async (w) => void (await w()));
    const stormMs = performance.now() - started;
    await waitUntil(() => events >= expected, 30_000, `all ${expected} events (seen ${events})`);
    // Caught up: each view has finished a listing that started after the storm's last event
    // for that view. (Other users of a shared engine may go on making events; they are not waited for.)
    const caughtUp = (k: ChangeKind) => lastStart[k] > lastOwnEvent[k] && !views[k].busy;
    const state = () =>
      (['images', 'containers'] as const)
        .map((k) => `${k}: last event ${(lastOwnEvent[k] - started).toFixed(0)} ms, last listing started ${(lastStart[k] - started).toFixed(0)} ms, ${views[k].busy ? 'listing' : 'idle'}, ${listings[k]} listings`)
        .join('; ');
    await waitUntil(() => caughtUp('images') && caughtUp('containers'), 90_000, 'the views to catch up with the storm', state);
    return { events, stormMs, listings: { ...listings }, eventTimes, maxConcurrent };
  } finally {
    watch.dispose();
    scheduler.dispose();
    await container.remove({ force: true }).catch(() => {});
    // One call removes the image and every name the storm gave it.
    await engine.api.getImage(imageId).remove({ force: true }).catch(() => {});
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string, state?: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}${state ? ` (${state()})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
