import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../../src/engine/contexts/createContext';
import { repoRoot } from '../../support/repoRoot';
import { buildScratchImage, startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { run, tempDockerConfig } from '../registry/registryTestKit';

const CLI = join(repoRoot(), 'dist', 'cli.js');
let second: SecondEngine;
const main = testEngine();
const tag = `stowage-test/${uniqueName('xfer-cli')}:v1`;

before(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node esbuild.mjs`);
  second = await startSecondEngine('xfercli');
});
after(async () => {
  await cleanup(main, { images: [tag] });
  await second?.remove();
});

test('stowage transfer --to a context name --json prints what the issue asks, and a second run sends nothing again', async () => {
  const cfg = tempDockerConfig();
  delete cfg.env.DOCKER_HOST;
  delete cfg.env.DOCKER_CONTEXT;
  try {
    const id = await buildScratchImage(main, tag, 256 * 1024);
    await createContext({ name: 'second-engine', host: `unix://${second.socketPath}` }, cfg.options);
    const first = await run(process.execPath, [CLI, 'transfer', tag, '--to', 'second-engine', '--json'], cfg.env);
    assert.equal(first.code, 0, first.stderr);
    const result = JSON.parse(first.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(result), ['image', 'id', 'layers', 'bytesSent', 'bytesSkipped', 'seconds', 'mode']);
    assert.equal(result.image, tag);
    assert.equal(result.id, id);
    assert.equal(result.mode, 'missing-layers');
    const layers = result.layers as { diffId: string; bytes: number; sent: boolean }[];
    assert.equal(layers.length, 2);
    assert.ok(layers.every((l) => /^sha256:[0-9a-f]{64}$/.test(l.diffId) && l.bytes > 0 && l.sent));
    assert.equal((await second.engine().api.getImage(tag).inspect()).Id, id);

    // Again, by URL and in text: the target has every layer now.
    const again = await run(process.execPath, [CLI, 'transfer', tag, '--to', `unix://${second.socketPath}`], cfg.env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /: 0 of 2 layers sent \(0 B\), 2 already there \(.+ skipped\), missing-layers, /);
  } finally {
    cfg.remove();
  }
});

test('stowage transfer: bad usage exits 2 with the reason, an unknown image exits 1', async () => {
  const env = { ...process.env };
  let out = await run(process.execPath, [CLI, 'transfer', tag], env);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /no target engine given \(--to ENGINE\)/);
  out = await run(process.execPath, [CLI, 'transfer', tag, '--to', 'no-such-context'], env);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /Invalid --to "no-such-context": no docker context has that name/);
  out = await run(process.execPath, [CLI, 'transfer', `${tag}-missing`, '--to', `unix://${second.socketPath}`], env);
  assert.equal(out.code, 1);
  assert.match(out.stderr, /No such image/i);
});
