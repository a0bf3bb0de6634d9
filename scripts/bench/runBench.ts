import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runContainer } from '../../src/engine/run/runContainer';
import { parseRunChoices } from '../../src/model/run/parseRunChoices';
import { BASE_IMAGE, TEST_LABEL, ensureBaseImage, testEngine, uniqueName } from '../../test/support/testEngine';
import { alternate, fmt, median, table } from './benchStats';

/**
 * Run of a small image (the busybox test image, detached, `sleep`) until the
 * container is running, beside `docker run -d` of the same in the same run.
 * Target: at most 1.1× the CLI's time.
 */
const ROUNDS = 15;

async function main(): Promise<void> {
  const engine = testEngine();
  await ensureBaseImage(engine);
  const made: string[] = [];
  const run = promisify(execFile);
  const contenders = {
    stowage: async () => {
      const spec = parseRunChoices(BASE_IMAGE, { name: uniqueName('bench-run'), command: '/bin/sleep 3600', env: '', ports: '', volumes: '', network: '', restart: 'no', autoRemove: false, interactive: false }, { [TEST_LABEL]: '1' });
      made.push((await runContainer(engine, spec)).id);
    },
    cli: async () => {
      const { stdout } = await run('docker', ['run', '-d', '--name', uniqueName('bench-run'), '--label', `${TEST_LABEL}=1`, BASE_IMAGE, '/bin/sleep', '3600']);
      made.push(stdout.trim());
    },
  };
  try {
    await alternate(2, contenders);
    const times = await alternate(ROUNDS, contenders);
    const m = { stowage: median(times.stowage), cli: median(times.cli) };
    for (const id of made) {
      const state = (await engine.api.getContainer(id).inspect()).State;
      if (!state.Running) throw new Error(`container ${id} is not running after its run`);
    }
    console.log(`Run until running (${BASE_IMAGE}, detached), ${ROUNDS} alternating rounds, medians; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
    console.log(table([
      { contender: 'stowage runContainer', median: fmt(m.stowage), 'vs cli': (m.stowage / m.cli).toFixed(2) + '×' },
      { contender: 'docker run -d', median: fmt(m.cli), 'vs cli': '1.00×' },
    ]));
    console.log(`BENCH ${JSON.stringify({ bench: 'run', stowageMs: m.stowage, cliMs: m.cli, ratio: m.stowage / m.cli, target: 1.1 })}`);
  } finally {
    for (const id of made) await engine.api.getContainer(id).remove({ force: true }).catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
