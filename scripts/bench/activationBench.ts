import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVsix } from '../../test/e2e/support/buildVsix';
import { e2eTools } from '../../test/e2e/support/e2eTools';
import { launchBrowser } from '../../test/e2e/support/launchBrowser';
import { startCodeServer } from '../../test/e2e/support/startCodeServer';
import { waitFor } from '../../test/e2e/support/waitFor';
import { fmt, median, table } from './benchStats';

/**
 * Activation cost and idle traffic, measured in a real VS Code (code-server) with a
 * bench-only probe extension: time to load dist/extension.js and run activate(),
 * whether that loaded the engine client, and Engine API requests while the views are
 * open and the engine is quiet for IDLE_SECONDS. Beside it, in this same process, the
 * cost activation avoids: requiring the engine bundle (dockerode) in plain Node.
 * Targets: activation < 30 ms; no request but the open event stream while idle.
 */
const IDLE_SECONDS = Number(process.env.STOWAGE_BENCH_IDLE_SECONDS ?? 60);
const ROUNDS = 3;

function requireCostMs(file: string, rounds = 5): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // A fresh child each round, so module caching does not hide the load.
    const r = require('node:child_process').spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { encoding: 'utf8' });
    times.push(Number(r.stdout));
  }
  return median(times);
}

async function main(): Promise<void> {
  const tools = e2eTools();
  const vsix = await buildVsix(tools.root);
  // Sizes and load cost of what ships: the production build.
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: tools.root, stdio: 'pipe' });
  const extensionBytes = statSync(join(tools.root, 'dist/extension.js')).size;
  const engineBytes = statSync(join(tools.root, 'dist/engine.js')).size;
  const engineRequireMs = requireCostMs(join(tools.root, 'dist/engine.js'));
  const resultDir = mkdtempSync(join(tmpdir(), 'stowage-bench-'));
  // code-server only runs extensions it installed itself, so the probe and the do-nothing
  // reference extension go in as .vsix files too.
  const helperVsix = (name: string) => {
    cpSync(join(tools.root, 'scripts/bench', name), join(resultDir, name), { recursive: true });
    const out = join(resultDir, `${name}.vsix`);
    execFileSync(join(tools.root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: join(resultDir, name), stdio: 'pipe' });
    return out;
  };
  const vsixes = [vsix, helperVsix('probe'), helperVsix('nullext')];
  // Activation happens once per window, so each round is a fresh code-server; the idle
  // window is measured in the first round only.
  const runs: Array<Record<string, number | boolean | string>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const resultPath = join(resultDir, `result-${round}.json`);
    const idleSeconds = round === 0 ? IDLE_SECONDS : 0;
    const server = await startCodeServer(tools, { vsixes, files: { '.stowage-bench.json': JSON.stringify({ resultPath, idleSeconds }) } });
    const browser = await launchBrowser(tools.chromium);
    try {
      await browser.page.goto(server.url);
      await waitFor('the probe to write its result', async () => existsSync(resultPath), { timeoutMs: (idleSeconds + 180) * 1000 });
    } catch (err) {
      console.error(server.diagnostics());
      throw err;
    } finally {
      await browser.close();
      await server.stop();
    }
    const one = JSON.parse(readFileSync(resultPath, 'utf8')) as Record<string, number | boolean | string>;
    if (one.error) throw new Error(`probe failed: ${one.error}`);
    runs.push(one);
  }
  rmSync(resultDir, { recursive: true, force: true });
  const med = (k: string) => median(runs.map((x) => x[k] as number));
  const r = {
    activateMs: med('activateMs'),
    nullActivateMs: med('nullActivateMs'),
    activateBodyMs: med('activateBodyMs'),
    wasActiveBefore: runs.some((x) => x.wasActiveBefore),
    engineLoadedByActivation: runs.some((x) => x.engineLoadedByActivation),
    engineBundleInRequireCache: runs.some((x) => x.engineBundleInRequireCache),
    requestsToLoadViews: runs[0].requestsToLoadViews,
    idleRequests: runs[0].idleRequests,
  };
  const own = r.activateMs - r.nullActivateMs;
  console.log(`Activation (median of ${ROUNDS} fresh code-servers) and idle, beside a do-nothing extension and the cost activation avoids`);
  console.log(
    table([
      { measure: 'dist/extension.js size', value: `${(extensionBytes / 1024).toFixed(1)} KiB`, target: '' },
      { measure: 'ext.activate(): an extension that does nothing', value: fmt(r.nullActivateMs as number), target: '(reference)' },
      { measure: 'ext.activate(): Stowage (load + activate)', value: fmt(r.activateMs as number), target: '' },
      { measure: 'Stowage minus the reference', value: fmt(own), target: '< 30 ms' },
      { measure: "Stowage's activate() body alone", value: fmt(r.activateBodyMs as number), target: '' },
      { measure: 'engine client loaded by activation', value: String(r.engineLoadedByActivation || r.engineBundleInRequireCache), target: 'false' },
      { measure: 'dist/engine.js size (loaded on first view)', value: `${(engineBytes / 1024).toFixed(1)} KiB`, target: '' },
      { measure: 'require(dist/engine.js) in plain Node', value: fmt(engineRequireMs), target: '(avoided)' },
      { measure: 'activation ÷ engine require', value: `${((r.activateMs as number) / engineRequireMs).toFixed(2)}×`, target: '' },
      { measure: 'requests to load the views', value: String(r.requestsToLoadViews), target: '' },
      { measure: `requests while idle ${IDLE_SECONDS} s`, value: String(r.idleRequests), target: '0' },
    ]),
  );
  console.log(
    `BENCH ${JSON.stringify({
      bench: 'activation-idle',
      extensionBytes,
      engineBytes,
      activateMs: r.activateMs,
      nullActivateMs: r.nullActivateMs,
      ownActivateMs: own,
      activateBodyMs: r.activateBodyMs,
      ratioToNullExtension: (r.activateMs as number) / (r.nullActivateMs as number),
      wasActiveBefore: r.wasActiveBefore,
      rounds: runs.map((x) => ({ activateMs: x.activateMs, nullActivateMs: x.nullActivateMs, activateBodyMs: x.activateBodyMs })),
      engineLoadedByActivation: r.engineLoadedByActivation || r.engineBundleInRequireCache,
      engineRequireMs,
      ratioActivationToEngineRequire: (r.activateMs as number) / engineRequireMs,
      requestsToLoadViews: r.requestsToLoadViews,
      idleSeconds: IDLE_SECONDS,
      idleRequests: r.idleRequests,
      targets: { ownActivateMs: 30, idleRequests: 0 },
    })}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
