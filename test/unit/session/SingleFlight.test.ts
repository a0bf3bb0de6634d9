import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SingleFlight } from '../../../src/session/SingleFlight';

/** A listing the test finishes by hand, so overlaps can be seen. */
function listings() {
  const runs: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  let running = 0;
  let maxRunning = 0;
  const produce = () =>
    new Promise<number>((resolve, reject) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const n = runs.length + 1;
      runs.push({
        resolve: () => {
          running--;
          resolve(n);
        },
        reject: (e) => {
          running--;
          reject(e);
        },
      });
    });
  return { runs, produce, maxRunning: () => maxRunning };
}

const settle = () => new Promise((r) => setImmediate(r));

test('the result is reused until the engine changes', async () => {
  const l = listings();
  const f = new SingleFlight(l.produce);
  const a = f.get();
  l.runs[0].resolve(0);
  assert.equal(await a, 1);
  assert.equal(await f.get(), 1);
  f.invalidate();
  const b = f.get();
  l.runs[1].resolve(0);
  assert.equal(await b, 2);
  assert.equal(f.started, 2);
});

test('changes during a listing give one follow-up, after it, shared by every caller', async () => {
  const l = listings();
  const f = new SingleFlight(l.produce);
  const first = f.get();
  const same = f.get();
  f.invalidate();
  const later = [f.get(), f.get()];
  f.invalidate();
  later.push(f.get());
  await settle();
  assert.equal(l.runs.length, 1, 'the follow-up waits for the running listing');
  l.runs[0].resolve(0);
  assert.equal(await first, 1);
  assert.equal(await same, 1);
  await settle();
  assert.equal(l.runs.length, 2);
  l.runs[1].resolve(0);
  assert.deepEqual(await Promise.all(later), [2, 2, 2]);
  assert.equal(l.maxRunning(), 1);
});

test('a change after the follow-up started gets another follow-up', async () => {
  const l = listings();
  const f = new SingleFlight(l.produce);
  void f.get();
  f.invalidate();
  const second = f.get();
  l.runs[0].resolve(0);
  await settle();
  assert.equal(l.runs.length, 2);
  f.invalidate();
  const third = f.get();
  l.runs[1].resolve(0);
  assert.equal(await second, 2);
  await settle();
  l.runs[2].resolve(0);
  assert.equal(await third, 3);
  assert.equal(l.maxRunning(), 1);
});

test('a failed listing is not kept', async () => {
  const l = listings();
  const f = new SingleFlight(l.produce);
  const a = f.get();
  l.runs[0].reject(new Error('engine gone'));
  await assert.rejects(a, /engine gone/);
  const b = f.get();
  l.runs[1].resolve(0);
  assert.equal(await b, 2);
});
