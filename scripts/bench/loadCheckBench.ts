import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type * as EngineModule from '../../src/engine';
import { gnuLongNameBomb, paxHeaderBomb, paxRecordFlood, writeBuffer, writeDeepNesting } from '../../test/faults/support/hostileArchives';
import { peakGrowth } from '../../test/faults/support/peakGrowth';
import { repoRoot } from '../../test/support/repoRoot';
import { median, table } from './benchStats';

/**
 * The load pre-check (checkImageArchive, as shipped in dist/engine.js) on the
 * hostile archives of issue 9: a 3 GiB PAX header in a ~3 MB .tar.gz, a 1 GiB GNU
 * long name, a flood of small PAX headers, deep nesting. Each beside two
 * references on the same file in the same run: the engine refusing it (raw
 * `POST /images/load`, until its answer ends) and `tar -tzf`. Targets: the check
 * grows the process by at most 64 MiB and takes at most 2 s.
 */
const shipped = require(join(repoRoot(), 'dist', 'engine.js')) as typeof EngineModule;
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 3);
const MIB = 1024 * 1024;
const SOCKET = '/var/run/docker.sock';
const TAR_LIMIT_MS = 60_000;
const ENGINE_LIMIT_MS = 120_000;

function engineLoad(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: SOCKET, method: 'POST', path: '/images/load?quiet=1', headers: { 'Content-Type': 'application/x-tar' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(`${res.statusCode} ${body.trim()}`));
    });
    req.on('error', reject);
    // The engine unpacks a deeply nested archive for many minutes (370 s here before it was
    // stopped): the reference is cut at the limit, which then stands as its time.
    req.setTimeout(ENGINE_LIMIT_MS, () => req.destroy(new Error(`no answer in ${ENGINE_LIMIT_MS} ms`)));
    createReadStream(path).on('error', reject).pipe(req);
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await run().catch(() => {});
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-loadcheck-bench-'));
  try {
    const archives: Array<[string, string]> = [];
    const add = async (name: string, bytes: Buffer) => {
      const path = join(dir, name);
      await writeBuffer(path, bytes);
      archives.push([name, path]);
    };
    await add('pax-header-3GiB.tar.gz', paxHeaderBomb(3 * 1024 * MIB));
    await add('gnu-long-name-1GiB.tar.gz', gnuLongNameBomb(1024 * MIB));
    await add('pax-record-flood.tar.gz', paxRecordFlood(3000));
    const deep = join(dir, 'deep-nesting.tar.gz');
    await writeDeepNesting(deep, 6, 2000);
    archives.push(['deep-nesting.tar.gz', deep]);

    const rows: Array<Record<string, string | number>> = [];
    const summary: Record<string, unknown>[] = [];
    let met = true;
    for (const [name, path] of archives) {
      const times: number[] = [];
      const heap: number[] = [];
      const rss: number[] = [];
      let verdict = '';
      for (let r = 0; r < ROUNDS; r++) {
        const t = process.hrtime.bigint();
        const g = await peakGrowth(() => shipped.checkImageArchive(path));
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        heap.push(g.heapMiB);
        rss.push(g.rssMiB);
        verdict = g.error instanceof Error ? g.error.message.slice(path.length + 1, path.length + 90) : 'accepted';
      }
      let engineSaid = '';
      const engineMs = median(await Promise.all([0].map(() => timed(async () => (engineSaid = await engineLoad(path))))));
      // GNU tar reads a 3 GiB header whole: minutes and gigabytes. It is stopped at the limit.
      const tarMs = await timed(() => promisify(execFile)('tar', ['-tzf', path], { maxBuffer: 64 * MIB, timeout: TAR_LIMIT_MS }));
      const ms = median(times);
      const growth = Math.max(...heap, ...rss);
      met &&= ms <= 2000 && growth <= 64;
      rows.push({
        archive: `${name} (${(statSync(path).size / MIB).toFixed(1)} MB)`,
        'check ms (median)': ms.toFixed(0),
        'heap+buffers / RSS growth MiB (max)': `${Math.max(...heap).toFixed(1)} / ${Math.max(...rss).toFixed(1)}`,
        'engine refuses, ms': engineMs >= ENGINE_LIMIT_MS ? `> ${ENGINE_LIMIT_MS} (stopped)` : engineMs.toFixed(0),
        'tar -tzf, ms': tarMs >= TAR_LIMIT_MS ? `> ${TAR_LIMIT_MS} (stopped)` : tarMs.toFixed(0),
        'check / engine': (ms / engineMs).toFixed(3),
      });
      summary.push({ archive: name, checkMs: ms, heapMiB: Math.max(...heap), rssMiB: Math.max(...rss), engineMs, tarMs, verdict, engine: engineSaid.slice(0, 160) });
      console.log(`${name}: Stowage: ${verdict}\n  engine: ${engineSaid.slice(0, 200)}`);
    }
    console.log(table(rows));
    console.log(`targets (<= 64 MiB growth, <= 2 s): ${met ? 'met' : 'NOT met'}`);
    console.log(`BENCH ${JSON.stringify({ bench: 'loadCheck', rounds: ROUNDS, results: summary, targetsMet: met })}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
