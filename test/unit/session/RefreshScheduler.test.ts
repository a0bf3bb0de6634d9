import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshScheduler } from '../../../src/session/RefreshScheduler';
import { ManualClock } from './ManualClock';

type Kind = 'images' | 'containers';

function setup(quietMs = 300, maxWaitMs = 1500) {
  const clock = new ManualClock();
  const fired: Array<{ at: number; kinds: Kind[] }> = [];
  const s = new RefreshScheduler<Kind>((kinds) => fired.push({ at: clock.now(), kinds: [...kinds].sort() }), { quietMs, maxWaitMs }, clock);
  return { clock, fired, s };
}

test('one event refreshes once, after the quiet period', () => {
  const { clock, fired, s } = setup();
  s.request('images');
  clock.advance(299);
  assert.deepEqual(fired, []);
  clock.advance(1);
  assert.deepEqual(fired, [{ at: 300, kinds: ['images'] }]);
  clock.advance(5000);
  assert.equal(fired.length, 1);
});

test('a storm of 600 events over 2 s settles into two refreshes: at the maximum wait, and after the storm', () => {
  const { clock, fired, s } = setup();
  for (let i = 0; i < 600; i++) {
    s.request(i % 2 ? 'images' : 'containers');
    clock.advance(2000 / 600);
  }
  clock.advance(1000);
  assert.deepEqual(
    fired.map((f) => f.kinds),
    [['containers', 'images'], ['containers', 'images']],
  );
  assert.equal(fired[0].at, 1500);
  // The second batch began just after 1,500 ms and went quiet at 2,000 ms.
  assert.ok(Math.abs(fired[1].at - 2300) < 5, `second refresh at ${fired[1].at}`);
});

test('a long storm refreshes once per maximum wait, not four times a second', () => {
  const { clock, fired, s } = setup();
  for (let i = 0; i < 10_000; i++) {
    s.request('containers');
    clock.advance(1);
  }
  clock.advance(1000);
  // 10 s of events every millisecond: every 1.5 s, plus the one after the storm.
  assert.equal(fired.length, 7);
});

test('a refresh after our own action is immediate and covers what was waiting', () => {
  const { clock, fired, s } = setup();
  s.request('images');
  clock.advance(100);
  s.now(['images']);
  assert.deepEqual(fired, [{ at: 100, kinds: ['images'] }]);
  assert.equal(clock.pendingTimers, 0);
  clock.advance(1000);
  assert.equal(fired.length, 1);
});

test('an immediate refresh of one kind leaves the other kind waiting', () => {
  const { clock, fired, s } = setup();
  s.request('images');
  s.request('containers');
  clock.advance(50);
  s.now(['images']);
  assert.ok(s.waiting);
  clock.advance(250);
  assert.deepEqual(fired, [
    { at: 50, kinds: ['images'] },
    { at: 300, kinds: ['containers'] },
  ]);
});

test('after dispose nothing fires', () => {
  const { clock, fired, s } = setup();
  s.request('images');
  s.dispose();
  clock.advance(5000);
  s.request('images');
  s.now(['images']);
  assert.deepEqual(fired, []);
});
