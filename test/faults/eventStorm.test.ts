import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runEventStorm } from '../support/eventStorm';
import { testEngine } from '../support/testEngine';

/**
 * Issue 9, defect 4: a throttle, not a debounce. 600 events in 2.1 s caused 9 image
 * and 9 container listings. Now the views settle first (trailing debounce, maximum
 * wait) and never list twice at once: a storm like that costs at most 3 per view.
 */
test('a real storm of 300 tags and 300 container events lists each view at most 3 times, never two at once', async (t) => {
  const engine = testEngine();
  const r = await runEventStorm(engine, { tags: 300, signals: 300 });
  const seen = `${r.events} events in ${r.stormMs.toFixed(0)} ms; listings ${JSON.stringify(r.listings)}`;
  t.diagnostic(seen);
  assert.equal(r.events, 600, seen);
  assert.ok(r.listings.images >= 1 && r.listings.containers >= 1, `the views must catch up with the storm: ${seen}`);
  // A storm that ran longer than planned (a busy engine) may earn one refresh per maximum wait.
  const allowed = Math.max(3, Math.ceil(r.stormMs / 1500) + 1);
  assert.ok(r.listings.images <= allowed, seen);
  assert.ok(r.listings.containers <= allowed, seen);
  assert.deepEqual(r.maxConcurrent, { images: 1, containers: 1 }, seen);
});
