import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_IMAGE, ensureBaseImage, runTestContainer, testEngine, uniqueName, cleanup } from '../support/testEngine';

test('the test engine builds a busybox image from scratch and runs a container from it', async () => {
  const engine = testEngine();
  const id = await ensureBaseImage(engine);
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  const name = uniqueName('support');
  try {
    const c = await runTestContainer(engine, BASE_IMAGE, name);
    const exec = await c.exec({ Cmd: ['/bin/sh', '-c', 'echo hello-from-busybox'], AttachStdout: true });
    const stream = await exec.start({});
    const out = await new Promise<string>((res) => { let s = ''; stream.on('data', (d: Buffer) => (s += d.toString('latin1'))); stream.on('end', () => res(s)); });
    assert.match(out, /hello-from-busybox/);
  } finally {
    await cleanup(engine, { containers: [name] });
  }
});
