import { pipeline, type Readable } from 'node:stream';
import type { ImageInspectInfo } from 'dockerode';
import type { Engine } from '../Engine';
import { EngineError, toEngineError } from '../EngineError';
import { dialEngine } from '../images/dialEngine';
import { InputError } from '../images/InputError';
import { readLoadAnswer } from '../images/readLoadAnswer';
import { requireReference } from '../images/requireReference';
import { chainIds } from './chainIds';
import { LayerFilter, type LayerPassage } from './LayerFilter';
import { presentChains } from './presentChains';
import { transferMode, type TransferMode } from './transferMode';

export interface TransferProgress {
  readonly image: string;
  /** The layer being passed, when identified. */
  readonly diffId?: string;
  readonly layerBytes: number;
  /** Whether this layer goes to the target (false: the target has it, it is skipped). */
  readonly sent: boolean;
  /** The layer has passed entirely. */
  readonly done: boolean;
  readonly bytesSent: number;
  readonly bytesSkipped: number;
}

export interface TransferOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (update: TransferProgress) => void;
  /** Send every layer even where the target could do without. */
  readonly full?: boolean;
  /** Let the image take a name the target gives to another image (as `docker load` does silently). */
  readonly replaceNames?: boolean;
}

export interface TransferLayer {
  readonly diffId: string;
  readonly bytes: number;
  readonly sent: boolean;
}

export interface TransferResult {
  readonly image: string;
  readonly id: string;
  /** The names the image has on the target now, checked there. */
  readonly tags: readonly string[];
  readonly layers: readonly TransferLayer[];
  /** Layer bytes that travelled, and those left out because the target had them. */
  readonly bytesSent: number;
  readonly bytesSkipped: number;
  /** Every byte of the archive the target received (layers plus configs, manifest, tar headers). */
  readonly archiveBytes: number;
  readonly seconds: number;
  readonly mode: TransferMode;
  /** Why that mode (what the target is), or why it fell back to the full archive. */
  readonly why: string;
}

/**
 * Copies one image from `source` to `target` engine through their own APIs: the
 * source's export (GET /images/get) streamed into the target's load (POST
 * /images/load), nothing stored on the way. Where the target's store allows it
 * (transferMode), the archive is rewritten as it passes to leave out the layers
 * the target already holds (LayerFilter), asked of the target beforehand by chain
 * ID (presentChains). Afterwards the image ID and every name are read back from the
 * target. A cancel or failure aborts the load, which then keeps nothing.
 * A name without a tag means `:latest`.
 */
export async function transferImage(source: Engine, target: Engine, reference: string, options: TransferOptions = {}): Promise<TransferResult> {
  const started = performance.now();
  const parsed = requireReference(reference, 'image', { allowId: true });
  const isId = 'id' in parsed;
  const name = isId || /[:@][^/]*$/.test(reference) ? reference : `${reference}:latest`;
  if (source.endpoint.url === target.endpoint.url) {
    throw new InputError('target engine', target.endpoint.url, 'it is the source engine itself', 0, target.endpoint.url.length);
  }
  const operation = `copy ${name} from ${source.endpoint.url} to ${target.endpoint.url}`;
  const { signal } = options;
  const cancelled = () => new EngineError(`Cancelled: ${operation}. The target is as it was.`, 'cancelled', operation);
  if (signal?.aborted) throw cancelled();

  // The source's export starts at once, beside the questions to both engines: the
  // engine prepares the whole archive before its first byte, the longest wait of a
  // copy, and nothing the answers decide (which layers to leave out) is needed before
  // that byte. A refusal or failure below aborts it; the target has had nothing.
  let exported = startExport(source, name, signal);
  const modeAsked = options.full ? Promise.resolve({ mode: 'full' as TransferMode, why: 'a full archive was asked for' }) : transferMode(target);
  const presentAsked = modeAsked.then((m) => (m.mode === 'missing-layers' ? presentChains(target, signal) : new Set<string>()));
  let info: ImageInspectInfo;
  let present: Set<string>;
  let { mode, why } = { mode: 'full' as TransferMode, why: '' };
  try {
    info = await source.call(`inspect ${name}`, (docker) => docker.getImage(name).inspect());
    if (!isId && !options.replaceNames) await refuseNameClash(target, name, info.Id);
    ({ mode, why } = await modeAsked);
    present = await presentAsked;
  } catch (err) {
    exported.abort();
    // The other questions still in flight are settled by nobody: their failures say nothing more.
    modeAsked.catch(() => {});
    presentAsked.catch(() => {});
    if (signal?.aborted) throw cancelled();
    throw err;
  }
  const diffIds = info.RootFS?.Layers ?? [];
  const chains = chainIds(diffIds);

  let attempt = await sendOnce(exported, target, name, chains, diffIds, present, operation, options).catch((err: unknown) => {
    if (signal?.aborted) throw cancelled();
    throw err;
  });
  if (attempt.error && mode === 'missing-layers' && /layer\.tar|no such file or directory/i.test(attempt.error)) {
    // A layer the target had when asked went away before the load used it: send everything.
    why = `the target no longer had a layer it reported (${attempt.error}), so the whole archive was sent`;
    mode = 'full';
    exported = startExport(source, name, signal);
    attempt = await sendOnce(exported, target, name, chains, diffIds, new Set(), operation, options).catch((err: unknown) => {
      if (signal?.aborted) throw cancelled();
      throw err;
    });
  }
  if (attempt.error) {
    const full = /no space left on device/i.test(attempt.error) ? `the target engine ran out of disk space (${attempt.error})` : `the target engine refused the archive: ${attempt.error}`;
    throw new EngineError(`Could not ${operation}: ${full}. Nothing was added to the target.`, 'engine', operation, undefined, attempt.error);
  }

  const tags = await verifyOnTarget(target, info.Id, attempt.manifest, operation);
  const byChain = new Map<string, LayerPassage>();
  for (const p of attempt.passages) if (p.chain) byChain.set(p.chain, p);
  const layers = diffIds.map((diffId, i) => {
    const p = byChain.get(chains[i]) ?? attempt.passages.find((q) => q.entry === `blobs/sha256/${diffId.replace(/^sha256:/, '')}`);
    return { diffId, bytes: p?.bytes ?? 0, sent: p?.sent ?? true };
  });
  return {
    image: name,
    id: info.Id,
    tags,
    layers,
    bytesSent: attempt.bytesSent,
    bytesSkipped: attempt.bytesSkipped,
    archiveBytes: attempt.archiveBytes,
    seconds: (performance.now() - started) / 1000,
    mode,
    why,
  };
}

interface Attempt {
  readonly error?: string;
  readonly manifest?: string;
  readonly passages: LayerPassage[];
  readonly bytesSent: number;
  readonly bytesSkipped: number;
  readonly archiveBytes: number;
}

/**
 * How far the copy reads the source ahead of the target when layers are left out.
 * While a kept layer crawls over a slow link the export would otherwise stall, and
 * the layers after it (left out, so free to read) would wait for the link too.
 * Full archives keep the stream's ordinary buffer: there every byte must cross.
 */
const READ_AHEAD = 64 * 1024 * 1024;
const STREAM_BUFFER = 1024 * 1024;

/** The source's export under way: its response once the engine answers, and a way to stop it. */
interface Export {
  readonly source: Engine;
  readonly archive: Promise<Readable>;
  /** Stops the export and, once the load is under way, the load too. */
  readonly controller: AbortController;
  abort(): void;
  /** The copy is over: the caller's cancel no longer concerns this export. */
  release(): void;
}

function startExport(source: Engine, name: string, signal: AbortSignal | undefined): Export {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  controller.signal.addEventListener('abort', () => signal?.removeEventListener('abort', onAbort), { once: true });
  const archive = source.call(`export ${name}`, (docker) =>
    dialEngine<Readable>(docker, { method: 'GET', path: '/images/get', query: { names: [name] }, stream: true, ok: [200], signal: controller.signal }),
  );
  // Awaited later, or never when a question before the copy fails: not an unhandled rejection.
  archive.catch(() => {});
  return {
    source,
    archive,
    controller,
    release: () => signal?.removeEventListener('abort', onAbort),
    abort() {
      controller.abort();
      archive.then(
        (a) => {
          a.on('error', () => {});
          a.destroy();
        },
        () => {},
      );
    },
  };
}

async function sendOnce(
  exported: Export,
  target: Engine,
  name: string,
  chains: readonly string[],
  diffIds: readonly string[],
  present: ReadonlySet<string>,
  operation: string,
  options: TransferOptions,
): Promise<Attempt> {
  // A blob named by its diff ID may be left out only if every place it sits in the image is present.
  const presentBlobs = new Set(diffIds.filter((d) => diffIds.every((e, i) => e !== d || present.has(chains[i]))));
  const chainToDiff = new Map(chains.map((c, i) => [c, diffIds[i]]));
  const passages: LayerPassage[] = [];
  const leavesOut = chains.some((c) => present.has(c));
  const filter = new LayerFilter(
    chains,
    present,
    presentBlobs,
    (p, done) => {
      if (done) passages.push(p);
      options.onProgress?.({
        image: name,
        diffId: p.chain ? chainToDiff.get(p.chain) : undefined,
        layerBytes: p.bytes,
        sent: p.sent,
        done,
        bytesSent: filter.bytesSent,
        bytesSkipped: filter.bytesSkipped,
      });
    },
    leavesOut ? READ_AHEAD : STREAM_BUFFER,
  );

  // One controller for both requests: whichever side fails or is cancelled, the other stops too.
  const { controller } = exported;
  const stop = () => exported.abort();
  let sourceError: Error | undefined;
  try {
    const archive = await exported.archive;
    pipeline(archive, filter, (err) => {
      if (err && !controller.signal.aborted) {
        sourceError = err;
        stop();
      }
    });
    const answer = await target
      .call(operation, async (docker) => {
        try {
          const response = await dialEngine<Readable>(docker, { method: 'POST', path: '/images/load', query: { quiet: '1' }, body: filter, stream: true, ok: [200], signal: controller.signal });
          return await readLoadAnswer(response, controller.signal);
        } catch (err) {
          throw describeTargetDrop(err, target, operation) ?? err;
        }
      })
      .catch((err: unknown) => {
        if (sourceError && !options.signal?.aborted) throw describeSourceFailure(sourceError, exported.source, operation);
        throw err;
      });
    if (sourceError) throw describeSourceFailure(sourceError, exported.source, operation);
    return { error: answer.error, manifest: filter.manifest, passages, bytesSent: filter.bytesSent, bytesSkipped: filter.bytesSkipped, archiveBytes: filter.archiveBytes };
  } catch (err) {
    stop();
    filter.destroy();
    if (err instanceof EngineError || options.signal?.aborted) throw err;
    throw toEngineError(err, operation, target.endpoint.url);
  } finally {
    exported.release();
  }
}

/**
 * A connection to the target that broke once the load was under way (an SSH link
 * that dropped, a target that went away): said as a drop in the middle of the
 * transfer, not as an engine that could not be reached. The target's load gets a
 * cut archive and keeps nothing of it.
 */
function describeTargetDrop(err: unknown, target: Engine, operation: string): EngineError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = (err as Error | undefined)?.message ?? '';
  if (code !== 'ECONNRESET' && code !== 'EPIPE' && !/socket hang up/i.test(message)) return undefined;
  return new EngineError(
    `Could not ${operation}: the connection to the target engine at ${target.endpoint.url} dropped in the middle of the transfer (${code ?? message}). Nothing was added to the target.`,
    'unreachable',
    operation,
  );
}

function describeSourceFailure(err: Error, source: Engine, operation: string): EngineError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code ? `the connection to the source engine at ${source.endpoint.url} dropped in the middle of the archive (${code})` : err.message;
  return new EngineError(`Could not ${operation}: ${why}. Nothing was added to the target.`, 'unreachable', operation);
}

async function refuseNameClash(target: Engine, name: string, id: string): Promise<void> {
  const existing = await target.api
    .getImage(name)
    .inspect()
    .then((i) => i.Id)
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) return undefined;
      throw toEngineError(err, `inspect ${name} on the target`, target.endpoint.url);
    });
  if (existing !== undefined && existing !== id) {
    throw new EngineError(
      `${name} on ${target.endpoint.url} is another image (${existing.replace(/^sha256:/, '').slice(0, 12)}); copying would move the name to ${id.replace(/^sha256:/, '').slice(0, 12)} and leave that one without it. Remove or rename it there first, or copy with replacing names allowed.`,
      'conflict',
      `copy ${name}`,
    );
  }
}

/** Reads back from the target the image ID and every name the archive gave, and returns the names. */
async function verifyOnTarget(target: Engine, id: string, manifestText: string | undefined, operation: string): Promise<string[]> {
  let names: string[] = [];
  try {
    const manifest = JSON.parse(manifestText ?? '[]') as { RepoTags?: string[] | null }[];
    names = manifest.flatMap((m) => m.RepoTags ?? []);
  } catch {
    throw new EngineError(`Could not ${operation}: the source's archive had no readable manifest.json.`, 'engine', operation);
  }
  // The ID and the names are asked at once; a failure is told in that order, the ID's first.
  const answers = await Promise.allSettled(
    [id, ...names].map((ref) => target.call(`inspect ${ref} on the target`, (docker) => docker.getImage(ref).inspect().then((i) => i.Id))),
  );
  const [idThere, ...namesThere] = answers.map((a) => {
    if (a.status === 'rejected') throw a.reason;
    return a.value;
  });
  if (idThere !== id) throw new EngineError(`Could not ${operation}: the target has ${idThere}, not ${id}, after loading.`, 'engine', operation);
  names.forEach((name, i) => {
    if (namesThere[i] !== id) throw new EngineError(`Could not ${operation}: on the target ${name} is ${namesThere[i]}, not ${id}.`, 'engine', operation);
  });
  return names;
}
