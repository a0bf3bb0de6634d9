import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { EngineError } from '../../src/engine/EngineError';
import { describeEngine } from '../../src/engine/describeEngine';
import { listImages } from '../../src/engine/listImages';
import type { EngineEvent } from '../../src/engine/types';
import { watchEvents, type ConnectionState } from '../../src/engine/watchEvents';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../support/secondEngine';

/**
 * A real dockerd stopped (as `systemctl stop docker` does) or killed, then started
 * again, under a Stowage that keeps watching it. test/integration/engine/reconnect.test.ts
 * drops the socket with a relay in front of the shared engine; here the engine
 * itself goes away and comes back, with the socket file it leaves behind.
 */
const REF = 'faults/restart:v1';
let second: SecondEngine;
let id = '';

before(async () => {
  second = await startSecondEngine('restart');
  id = await buildScratchImage(second.engine(), REF);
});
after(async () => {
  await second?.remove();
});

for (const how of ['stop', 'kill'] as const) {
  test(`engine ${how === 'stop' ? 'stopped (SIGTERM)' : 'killed (SIGKILL)'} and started again: the watch says down with why, requests say the engine is not reachable, and both recover by themselves`, async () => {
    const engine = second.engine();
    const states: ConnectionState[] = [];
    const events: EngineEvent[] = [];
    const watch = watchEvents(engine, (e) => events.push(e), (s) => states.push(s));
    try {
      await waitFor(() => states.at(-1)?.up === true, 'the watch to connect');
      assert.ok((await listImages(engine)).some((i) => i.id === id));

      await (how === 'stop' ? second.stop() : second.kill());
      await waitFor(() => states.some((s) => !s.up), 'the watch to notice');
      const url = `unix://${second.socketPath}`;
      // A stopped dockerd removes its socket; a killed one leaves it, and nothing listens.
      const why = how === 'stop' ? `Docker engine not reachable at ${url}: there is no socket there. Is the engine running?` : `Docker engine not reachable at ${url}: connection refused. Is the engine running?`;
      assert.equal(existsSync(second.socketPath), how === 'kill');
      await assert.rejects(listImages(engine), (err: unknown) => err instanceof EngineError && err.kind === 'unreachable' && err.message === why);
      await assert.rejects(describeEngine(engine), (err: unknown) => err instanceof EngineError && err.message === why);
      await waitFor(() => states.filter((s) => !s.up).some((s) => !s.up && s.error.message === why), `the watch to report "${why}"`, 15_000);

      await second.start();
      await waitFor(() => states.at(-1)?.up === true, 'the watch to reconnect by itself', 30_000);
      assert.ok((await listImages(engine)).some((i) => i.id === id), 'the same Engine object answers again, image intact');

      // The reopened stream delivers what happens after the restart.
      const tag = `t${Date.now()}`;
      await engine.api.getImage(REF).tag({ repo: 'faults/restart', tag });
      await waitFor(() => events.some((e) => e.type === 'image' && e.action === 'tag'), 'the tag event through the reopened stream');
      await engine.api.getImage(`faults/restart:${tag}`).remove();
    } finally {
      watch.dispose();
    }
  });
}

async function waitFor(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
