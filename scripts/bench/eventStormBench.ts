import { DEFAULT_TIMINGS } from '../../src/session/RefreshScheduler';
import { runEventStorm } from '../../test/support/eventStorm';
import { testEngine } from '../../test/support/testEngine';

/**
 * Issue 9, defect 4: an event storm of 600 image and container events from the real
 * engine (300 tags, 300 SIGWINCH signals to a container), through the extension's own pipeline
 * (event stream, scheduler, single-flight listings). Target: at most 3 listings per
 * view. Beside it, the same events, at the times they arrived, replayed through the
 * throttle Stowage had before (a refresh 250 ms after the first event of each batch).
 */
function throttledRefreshes(times: readonly number[], windowMs = 250): number {
  let refreshes = 0;
  let dueAt = -Infinity;
  for (const t of times) {
    if (t >= dueAt) {
      refreshes++;
      dueAt = t + windowMs;
    }
  }
  return refreshes;
}

async function main(): Promise<void> {
  const engine = testEngine();
  const r = await runEventStorm(engine, { tags: 300, signals: 300 });
  const before = throttledRefreshes(r.eventTimes);
  console.log(`Event storm: ${r.events} events in ${r.stormMs.toFixed(0)} ms (the engine's own pace on this machine)`);
  console.log(`  listings, settled (debounce ${DEFAULT_TIMINGS.quietMs} ms, max wait ${DEFAULT_TIMINGS.maxWaitMs} ms): images ${r.listings.images}, containers ${r.listings.containers}; most at once: ${r.maxConcurrent.images}/${r.maxConcurrent.containers}`);
  console.log(`  the same events through the old 250 ms throttle: ${before} listings per view`);
  const result = {
    bench: 'event-storm',
    events: r.events,
    stormMs: Math.round(r.stormMs),
    imageListings: r.listings.images,
    containerListings: r.listings.containers,
    maxConcurrent: r.maxConcurrent,
    oldThrottleListings: before,
    targets: { listingsPerView: 3, whenStormMs: 2000 },
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
