import { resolveEngineName } from '../engine/contexts/resolveEngineName';
import { Engine } from '../engine/Engine';
import { resolveEndpoint } from '../engine/resolveEndpoint';
import { transferImage, type TransferResult } from '../engine/transfer/transferImage';
import { formatBytes } from '../shared/formatBytes';
import type { Output } from './refCommand';

export const TRANSFER_USAGE = `Usage: stowage transfer IMAGE... --to ENGINE [--from ENGINE] [--json] [--full] [--replace]

Copy images from one Docker engine to another through the engines' own API,
sending only the layers the target does not hold already (Docker's classic
image store); Podman and containerd-store targets get the whole archive.

  ENGINE      a docker context name (see docker context ls) or an endpoint URL
              as DOCKER_HOST writes it: unix:///path, tcp://host:2376, ssh://user@host
  --to        the engine to copy to (required)
  --from      the engine to copy from; default: the one the docker CLI uses
              (DOCKER_HOST, the current context, the default socket)
  --json      print one JSON object per image, one per line
  --full      send every layer
  --replace   let an image take a name the target gives to another image
  -h, --help  show this help

IMAGE is a name (a name without a tag means :latest) or an image ID.
Exit status: 0 when every image arrived, 1 when one did not, 2 on bad usage.
`;

interface Options {
  images: string[];
  to?: string;
  from?: string;
  json: boolean;
  full: boolean;
  replace: boolean;
  help: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { images: [], json: false, full: false, replace: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = /^(--to|--from)=(.*)$/.exec(arg);
    if (eq) (o as unknown as Record<string, string>)[eq[1].slice(2)] = eq[2];
    else if (arg === '--to' || arg === '--from') {
      const value = args[++i];
      if (value === undefined || value === '') return `${arg} needs an engine`;
      o[arg === '--to' ? 'to' : 'from'] = value;
    } else if (arg === '--json') o.json = true;
    else if (arg === '--full') o.full = true;
    else if (arg === '--replace') o.replace = true;
    else if (arg === '--help' || arg === '-h') o.help = true;
    else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else o.images.push(arg);
  }
  if (o.help) return o;
  if (o.images.length === 0) return 'no image given';
  if (!o.to) return 'no target engine given (--to ENGINE)';
  return o;
}

function toJson(r: TransferResult): string {
  return JSON.stringify({
    image: r.image,
    id: r.id,
    layers: r.layers.map((l) => ({ diffId: l.diffId, bytes: l.bytes, sent: l.sent })),
    bytesSent: r.bytesSent,
    bytesSkipped: r.bytesSkipped,
    seconds: Math.round(r.seconds * 1000) / 1000,
    mode: r.mode,
  });
}

export async function runTransfer(args: string[], output: Output = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    output.err(`stowage transfer: ${parsed}\n\n${TRANSFER_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    output.out(TRANSFER_USAGE);
    return 0;
  }
  let source: Engine;
  let target: Engine;
  try {
    const from = parsed.from ? await resolveEngineName(parsed.from, '--from', { env }) : resolveEndpoint({ env });
    const to = await resolveEngineName(parsed.to!, '--to', { env });
    source = new Engine(from, () => {}, env);
    target = new Engine(to, () => {}, env);
  } catch (err) {
    output.err(`stowage transfer: ${(err as Error).message}\n`);
    return 2;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let failed = 0;
  try {
    for (const image of parsed.images) {
      try {
        const r = await transferImage(source, target, image, { signal: controller.signal, full: parsed.full, replaceNames: parsed.replace });
        if (parsed.json) output.out(`${toJson(r)}\n`);
        else {
          const skipped = r.layers.filter((l) => !l.sent).length;
          output.out(
            `${r.image} (${r.id.replace(/^sha256:/, '').slice(0, 12)}) → ${target.endpoint.url}: ${r.layers.length - skipped} of ${r.layers.length} layers sent (${formatBytes(r.bytesSent)}), ${skipped} already there (${formatBytes(r.bytesSkipped)} skipped), ${r.mode}, ${r.seconds.toFixed(1)} s\n`,
          );
        }
      } catch (err) {
        failed++;
        output.err(`stowage transfer: ${(err as Error).message}\n`);
        if (controller.signal.aborted) break;
      }
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  return failed > 0 ? 1 : 0;
}
