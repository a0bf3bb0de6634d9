import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Dockerode from 'dockerode';
import { containerAction } from '../../src/engine/containerAction';
import type { Engine } from '../../src/engine/Engine';
import { execShell } from '../../src/engine/execShell';
import { shellEndedWithContainer } from '../../src/engine/shellEndedWithContainer';
import { BASE_IMAGE, cleanup, ensureBaseImage, TEST_LABEL, testEngine, uniqueName } from '../support/testEngine';

// Issue 9, defect 11, at the engine layer, against the real engine: a container that ignores
// SIGTERM keeps a stop waiting for its whole stop timeout. Kill must end it (and that stop)
// at once, and a shell open in it must be known to have ended with its container, not as a
// failure of its own (its exec exit code is 137). The UI half is test/e2e/containerStop.

// Far beyond every wait here: only the kill can end the container in time.
const STOP_TIMEOUT_S = 300;

describe('fault: stopping a container that ignores SIGTERM', { timeout: 120_000 }, () => {
  const engine: Engine = testEngine();
  const name = uniqueName('fault-stop');
  let container: Dockerode.Container;

  before(async () => {
    await ensureBaseImage(engine);
    container = await engine.api.createContainer({
      Image: BASE_IMAGE,
      name,
      Cmd: ['/bin/sh', '-c', 'trap "" TERM; while :; do sleep 1; done'],
      StopTimeout: STOP_TIMEOUT_S,
      Labels: { [TEST_LABEL]: '1' },
    });
    await container.start();
  });

  after(() => cleanup(engine, { containers: [name] }));

  it('Kill ends a stop that is waiting out the stop timeout, and the open shell is known to have ended with the container', async () => {
    const shell = await execShell(engine, container.id, ['/bin/sh']);
    const shellEnded = new Promise<void>((resolve) => {
      shell.stream.on('end', resolve);
      shell.stream.on('close', resolve);
      shell.stream.resume();
    });
    // The engine's own word that it sent SIGTERM: its "kill" event with signal 15.
    const events = (await engine.api.getEvents({ filters: { container: [container.id], event: ['kill'] } })) as NodeJS.ReadableStream & { destroy(): void };
    const sigterm = new Promise<void>((resolve) => {
      events.on('data', (chunk: Buffer) => {
        if (/"signal":"15"/.test(chunk.toString('utf8'))) resolve();
      });
    });
    let stopSettled = false;
    const stop = containerAction(engine, container.id, 'stop').finally(() => (stopSettled = true));
    await sigterm;
    events.destroy();
    assert.equal(stopSettled, false, 'the stop is still waiting for the container');
    assert.equal((await container.inspect()).State.Running, true, 'SIGTERM did not end it');

    await containerAction(engine, container.id, 'kill');
    await stop;
    const state = (await container.inspect()).State;
    assert.equal(state.Running, false);
    assert.equal(state.ExitCode, 137, 'ended by SIGKILL, long before the 300 s stop timeout');

    await shellEnded;
    const code = await shell.exitCode();
    assert.ok(code === null || code >= 128, `the shell was killed with its container (exit code ${code})`);
    assert.equal(await shellEndedWithContainer(engine, container.id, code), 'stopped');
  });

  it('a shell whose container is gone is said to have ended with it ("removed"); a running container\'s shell is not', async () => {
    const other = uniqueName('fault-stop-live');
    try {
      const live = await engine.api.createContainer({ Image: BASE_IMAGE, name: other, Cmd: ['/bin/sleep', '3600'], Labels: { [TEST_LABEL]: '1' } });
      await live.start();
      // A shell that exited by itself (exit 0) in a running container: its own end.
      assert.equal(await shellEndedWithContainer(engine, live.id, 0), undefined);
      await live.remove({ force: true });
      assert.equal(await shellEndedWithContainer(engine, live.id, 137), 'removed');
    } finally {
      await cleanup(engine, { containers: [other] });
    }
  });
});
