/**
 * parseReference (hand-written scanner, with error spans) against a faithful
 * port of the Go regular expressions (referenceRegexp.ts, no error positions),
 * in one process: throughput over a realistic mixed corpus, and the time each
 * takes on pathological lines. Warm-up first, then medians of interleaved
 * rounds. Run: bash scripts/bench.sh reference (it bundles this file, as the
 * grammar ships, and runs it on the system Node and the editor's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReference } from '../../src/reference';
import type { ReferenceMode } from '../../src/reference';
import { parseWithRegexp } from './referenceRegexp';
import { repoRoot } from '../../test/support/repoRoot';

type Parser = (input: string, mode: ReferenceMode) => { valid: boolean };

/**
 * The same parse, then every part read, as a reader that shows the whole
 * reference would. parseReference's results hold offsets and cut their parts
 * on demand, so this is the figure for a reader that wants all of them; the
 * regexp port has already cut everything, and reading costs it nothing more.
 */
function readingAll(parse: typeof parseReference | typeof parseWithRegexp): Parser {
  return (input, mode) => {
    const r = parse(input, mode);
    if (r.valid) {
      sink += (r.domain?.length ?? 0) + r.path.length + (r.namespace?.length ?? 0) + r.name.length + (r.tag?.length ?? 0) + (r.digest?.length ?? 0) + r.string.length;
      if (mode === 'normalized') sink += (r.fullName?.length ?? 0) + (r.familiar?.length ?? 0);
    } else {
      sink += 'error' in r ? r.error.message.length + r.error.start : r.message.length;
    }
    return r;
  };
}

const HEX = 'e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

/** What an editor sees: Dockerfile FROM lines, compose `image:` values, CLI arguments, typos among them. */
const EVERYDAY = [
  'ubuntu', 'ubuntu:22.04', 'nginx:1.25-alpine', 'node:20-bookworm-slim', 'python:3.12', 'postgres:16', 'redis',
  'busybox:latest', 'alpine:3.19', 'library/debian:bookworm', 'docker.io/library/golang:1.22', 'docker/whalesay',
  'bitnami/kafka:3.6', 'grafana/grafana:10.2.3', 'ghcr.io/owner/app:1.2.3', 'ghcr.io/org/team/service:sha-1a2b3c',
  'registry.k8s.io/pause:3.9', 'registry.k8s.io/kube-apiserver:v1.29.0', 'quay.io/prometheus/node-exporter:v1.7.0',
  'mcr.microsoft.com/dotnet/sdk:8.0', 'public.ecr.aws/lambda/nodejs:20', 'gcr.io/distroless/static-debian12:nonroot',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend/api:2024.01.15', 'localhost:5000/app', 'localhost:5000/team/app:dev',
  '127.0.0.1:5000/test', '[::1]:5000/ipv6/app:v1', 'myregistry.azurecr.io/samples/hello-world:v2',
  `nginx@sha256:${HEX}`, `ghcr.io/owner/app:1.0@sha256:${HEX}`, `alpine@sha512:${HEX}${HEX}`,
  'Ubuntu:22.04', 'nginx:', 'node:20 ', 'my_registry:5000/app', 'ghcr.io/Owner/app', 'app:${TAG}', '${REGISTRY}/app:1',
  'redis:7.2@sha256:abc', 'https://ghcr.io/owner/app', 'team//app', 'app:-rc1',
];


interface Corpora {
  mixed: string[];
  everyday: string[];
  vectors: string[];
}

function corpora(): Corpora {
  const vectors = (JSON.parse(readFileSync(join(repoRoot(), 'test/fixtures/reference/refvectors.json'), 'utf8')) as Array<{ input: string }>).map((v) => v.input);
  // Everyday references weigh more than the vectors' corner cases, as they do in real files.
  return { mixed: [...EVERYDAY, ...EVERYDAY, ...EVERYDAY, ...vectors], everyday: EVERYDAY, vectors };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let sink = 0;

/** Passes of each parser before timing: about half a second each, so both run optimized code, not code still being compiled. */
const WARMUP_PASSES = 100;

/**
 * CPU time of this process, not wall time: the benchmark shares the machine
 * with builds and test runs, and time spent descheduled is not the parser's.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function pass(parse: Parser, inputs: string[], mode: ReferenceMode, repeat: number): number {
  const start = cpuMs();
  for (let r = 0; r < repeat; r++) {
    for (let i = 0; i < inputs.length; i++) if (parse(inputs[i], mode).valid) sink++;
  }
  return cpuMs() - start;
}

interface Throughput {
  corpus: string;
  mode: ReferenceMode;
  scannerPerSecond: number;
  regexpPerSecond: number;
  /** Median of the per-round ratios: each round times both back to back, so they share the machine's state. */
  ratio: number;
  inputs: number;
  valid: number;
}

function throughput(corpusName: string, inputs: string[], mode: ReferenceMode, rounds: number, ours: Parser = parseReference, theirs: Parser = parseWithRegexp): Throughput {
  // About 5 ms of work per timed pass, whatever the corpus size.
  const repeat = Math.max(1, Math.round(20_000 / inputs.length));
  for (let i = 0; i < WARMUP_PASSES; i++) {
    pass(ours, inputs, mode, repeat);
    pass(theirs, inputs, mode, repeat);
  }
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternating order, so neither parser always runs right after the other's garbage.
    let a: number;
    let b: number;
    if (i % 2) {
      a = pass(ours, inputs, mode, repeat);
      b = pass(theirs, inputs, mode, repeat);
    } else {
      b = pass(theirs, inputs, mode, repeat);
      a = pass(ours, inputs, mode, repeat);
    }
    oursMs.push(a);
    theirsMs.push(b);
    if (a > 0) ratios.push(b / a);
  }
  const perSecond = (ms: number): number => (inputs.length * repeat) / (ms / 1000);
  const valid = inputs.filter((s) => parseReference(s, mode).valid).length;
  return {
    corpus: corpusName,
    mode,
    scannerPerSecond: perSecond(median(oursMs)),
    regexpPerSecond: perSecond(median(theirsMs)),
    ratio: median(ratios),
    inputs: inputs.length,
    valid,
  };
}

interface Pathological {
  name: string;
  length: number;
  scannerMs: number;
  regexpMs: number;
  error: string;
}

function timeOnce(parse: Parser, input: string, mode: ReferenceMode, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    if (parse(input, mode).valid) sink++;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function pathological(rounds: number): Pathological[] {
  const MB = 1 << 20;
  const cases: Array<[string, string]> = [
    ['1 MB line of a', 'a'.repeat(MB)],
    ['1 MB line, bad last char', `${'a'.repeat(MB)}!`],
    ['100k -', '-'.repeat(100_000)],
    ['a + 100k - + !', `a${'-'.repeat(100_000)}!`],
    ['100k :', ':'.repeat(100_000)],
    ['a + 100k :', `a${':'.repeat(100_000)}`],
    ['a.a.a… 1 MB, bad last char', `${'a.'.repeat(MB / 2)}a!`],
    ['a.a.a… 1 MB host + /b!', `${'a.'.repeat(MB / 2)}a/b!`],
    ['a/a/a… 1 MB + !', `${'a/'.repeat(MB / 2)}!`],
    ['[ + 1 MB of :', `[${':'.repeat(MB)}`],
  ];
  const warm = (s: string): void => {
    parseReference(s, 'normalized');
    parseWithRegexp(s, 'normalized');
  };
  return cases.map(([name, input]) => {
    warm(input);
    const r = parseReference(input, 'normalized');
    return {
      name,
      length: input.length,
      scannerMs: timeOnce(parseReference, input, 'normalized', rounds),
      regexpMs: timeOnce(parseWithRegexp, input, 'normalized', rounds),
      error: r.valid ? 'valid' : `${r.error.code} [${r.error.start},${r.error.end})`,
    };
  });
}

function main(): void {
  const { mixed, everyday, vectors } = corpora();
  const rounds = 31;
  const results: Throughput[] = [];
  for (const mode of ['normalized', 'strict'] as const) {
    results.push(throughput('mixed', mixed, mode, rounds));
    results.push(throughput('everyday', everyday, mode, rounds));
    results.push(throughput('vectors', vectors, mode, rounds));
    results.push(throughput('mixed+read', mixed, mode, rounds, readingAll(parseReference), readingAll(parseWithRegexp)));
  }
  const slow = pathological(7);

  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`Reference grammar: scanner (with error spans) vs Go regexp port (node ${process.version})`);
  console.log(`Throughput in CPU time, median of ${rounds} paired rounds after warm-up; ratio = median of per-round ratios.`);
  console.log(`mixed = ${EVERYDAY.length} everyday references x3 + ${vectors.length} test vectors (valid and invalid)`);
  console.log(`mixed+read = the mixed corpus, every part of each result then read (every field of a valid one, the message and span of an error)\n`);
  console.log(`${'mode'.padEnd(12)}${'corpus'.padEnd(12)}${'valid'.padStart(9)}${'scanner refs/s'.padStart(17)}${'regexp refs/s'.padStart(16)}${'ratio'.padStart(8)}`);
  for (const r of results) {
    console.log(
      `${r.mode.padEnd(12)}${r.corpus.padEnd(12)}${`${r.valid}/${r.inputs}`.padStart(9)}${fmt(r.scannerPerSecond).padStart(17)}${fmt(r.regexpPerSecond).padStart(16)}${`${r.ratio.toFixed(2)}x`.padStart(8)}`,
    );
  }
  console.log(`\npathological inputs (normalized, wall time, median of 7, ms)`);
  console.log(`${'input'.padEnd(30)}${'chars'.padStart(10)}${'scanner'.padStart(10)}${'regexp'.padStart(10)}  scanner's error`);
  for (const p of slow) {
    console.log(`${p.name.padEnd(30)}${String(p.length).padStart(10)}${p.scannerMs.toFixed(2).padStart(10)}${p.regexpMs.toFixed(2).padStart(10)}  ${p.error}`);
  }
  const mixedResults = results.filter((r) => r.corpus === 'mixed');
  const bench = {
    name: 'reference',
    node: process.version,
    rounds,
    corpus: mixed.length,
    throughput: Object.fromEntries(
      results.map((r) => [`${r.mode}/${r.corpus}`, { scannerPerSecond: Math.round(r.scannerPerSecond), regexpPerSecond: Math.round(r.regexpPerSecond), ratio: Number(r.ratio.toFixed(3)) }]),
    ),
    targetRatio: 2,
    meetsTarget: Object.fromEntries(mixedResults.map((r) => [r.mode, r.ratio >= 2])),
    pathologicalMs: Object.fromEntries(slow.map((p) => [p.name, { scanner: Number(p.scannerMs.toFixed(3)), regexp: Number(p.regexpMs.toFixed(3)) }])),
  };
  console.log(`\nBENCH ${JSON.stringify(bench)}`);
  if (sink < 0) console.log(sink);
}

main();
