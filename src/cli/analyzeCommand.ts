import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as EngineModule from '../engine/index';
import type { ImageLayers } from '../engine/layers/LayerEntry';
import { analysisReport, type AnalysisReport } from '../model/layers/analysisReport';
import { DEFAULT_RULES, evaluateCi, parseCiConfig, type CiRule } from '../model/layers/ciRules';
import { stackLayers } from '../model/layers/stackLayers';
import { formatBytes } from '../shared/formatBytes';
import { printable } from './printable';
import type { Output } from './refCommand';

export const ANALYZE_USAGE = `Usage: stowage analyze [--json] [--ci [--ci-config FILE]] IMAGE
       stowage analyze [--json] [--ci [--ci-config FILE]] --archive FILE

What each layer of an image adds, changes and removes, and the space it wastes:
bytes stored in a layer but overwritten or removed above. Reads the engine's
image export as a stream (the engine Stowage resolves: DOCKER_HOST, the docker
context, the default socket), or an image archive file (.tar or .tar.gz) with
no engine.

  --json            print one JSON object
  --archive FILE    analyse an image archive (docker save output) instead
  --ci              pass or fail against rules: exit 1 when one fails
  --ci-config FILE  the rules (default: .dive-ci in this folder if there is
                    one, else dive's defaults: lowestEfficiency 0.9,
                    highestUserWastedPercent 0.1); dive's keys under rules:,
                    Stowage's (lowestEfficiency, highestHiddenBytes) under stowage:
  -h, --help        show this help

Exit status: 0 analysed (and, with --ci, every rule passed), 1 a rule failed,
2 bad usage, an unreadable archive or an engine error.
`;

/**
 * The engine layer: dist/engine.js beside the bundled CLI (its own bundle, so `stowage
 * ref` and `lint` never parse dockerode), else the compiled modules (tests). Computed
 * paths, so esbuild leaves both alone.
 */
function engineModule(): typeof EngineModule {
  const bundled = join(__dirname, 'engine.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(existsSync(bundled) ? bundled : join(__dirname, '..', 'engine', 'index')) as typeof EngineModule;
}

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

interface Options {
  image?: string;
  archive?: string;
  json: boolean;
  ci: boolean;
  ciConfig?: string;
  help: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const o: Options = { json: false, ci: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string): string | undefined => (arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : args[++i]);
    if (arg === '-h' || arg === '--help') o.help = true;
    else if (arg === '--json') o.json = true;
    else if (arg === '--ci') o.ci = true;
    else if (arg === '--ci-config' || arg.startsWith('--ci-config=')) {
      o.ciConfig = value('--ci-config');
      if (!o.ciConfig) return '--ci-config needs a file';
    } else if (arg === '--archive' || arg.startsWith('--archive=')) {
      o.archive = value('--archive');
      if (!o.archive) return '--archive needs a file';
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option '${arg}'`;
    else if (o.image !== undefined) return `one image at a time ('${o.image}' and '${arg}' given)`;
    else o.image = arg;
  }
  if (o.help) return o;
  if (o.image === undefined && o.archive === undefined) return 'no image given';
  if (o.image !== undefined && o.archive !== undefined) return `give an image or --archive, not both`;
  if (o.ciConfig !== undefined && !o.ci) return '--ci-config goes with --ci';
  return o;
}

export async function runAnalyze(args: readonly string[], io: Output = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    io.err(`stowage analyze: ${o}\n\n${ANALYZE_USAGE}`);
    return 2;
  }
  if (o.help) {
    io.out(ANALYZE_USAGE);
    return 0;
  }
  // The rules are read before the image, so a bad config costs no engine call.
  let rules: readonly CiRule[] = [];
  if (o.ci) {
    const file = o.ciConfig ?? (existsSync('.dive-ci') ? '.dive-ci' : undefined);
    try {
      rules = file === undefined ? DEFAULT_RULES : parseCiConfig(readFileSync(file, 'utf8'), file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      io.err(`stowage analyze: ${e.code === 'ENOENT' ? `${file} does not exist` : e.code ? `${file} cannot be read (${e.code})` : e.message}\n`);
      return 2;
    }
  }
  let read: ImageLayers;
  try {
    const mod = engineModule();
    read = o.archive !== undefined ? await mod.readArchiveFile(o.archive) : await mod.readImageExport(new mod.Engine(mod.resolveEndpoint({ env })), o.image!);
  } catch (err) {
    io.err(`stowage analyze: ${(err as Error).message}\n`);
    return 2;
  }
  const report = analysisReport(o.image ?? o.archive!, read, stackLayers(read.layers.map((l) => l.index)));
  const results = evaluateCi(report, rules);
  if (o.json) io.out(`${JSON.stringify(o.ci ? { ...report, ci: results } : report)}\n`);
  else io.out(describeReport(report));
  if (!o.ci) return 0;
  const failed = results.filter((r) => !r.passed);
  for (const r of results) {
    const show = (n: number) => (RULE_IS_BYTES.has(r.key) ? `${n} bytes (${formatBytes(n)})` : String(Number(n.toFixed(4))));
    const where = r.section === 'rules' ? 'dive' : 'stowage';
    (r.passed ? io.out : io.err)(`${r.passed ? 'PASS' : 'FAIL'} ${where} ${r.key}: ${show(r.value)}, threshold ${show(r.threshold)}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

const RULE_IS_BYTES = new Set(['highestWastedBytes', 'highestHiddenBytes']);

function describeReport(r: AnalysisReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${printable(r.image)}  ${r.id}`,
    `size ${formatBytes(r.sizeBytes)}, visible ${formatBytes(r.visibleBytes)}, hidden (wasted) ${formatBytes(r.hiddenBytes)}, efficiency ${pct(r.efficiency)}`,
    `dive: efficiency ${pct(r.dive.efficiency)}, wasted ${formatBytes(r.dive.wastedBytes)}, user wasted ${pct(r.dive.userWastedPercent)}`,
    '',
    'layer  size      added  modified  removed  command',
  ];
  r.layers.forEach((l, i) => {
    const command = printable((l.command ?? '').replace(/^\/bin\/sh -c (#\(nop\) )?/, '')).slice(0, 80);
    lines.push(`${String(i).padStart(5)}  ${formatBytes(l.sizeBytes).padEnd(8)}  ${String(l.added).padStart(5)}  ${String(l.modified).padStart(8)}  ${String(l.removed).padStart(7)}  ${command}`);
  });
  if (r.largestHidden.length > 0) {
    lines.push('', 'largest hidden files (layers from 0 = bottom):');
    for (const h of r.largestHidden) lines.push(`  ${formatBytes(h.bytes).padEnd(8)}  ${printable(h.path)}  layers ${h.layers.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
