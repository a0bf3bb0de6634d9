import { createHash } from 'node:crypto';
import type { Engine } from '../../Engine';
import { listImages } from '../../listImages';
import { mapLimited } from '../../../model/mapLimited';
import { compareLayers, type LayerComparison, type LocalLayers, type RemoteLayer } from '../../../model/compareLayers';
import type { RegistryClient } from './RegistryClient';
import { checkAnswer } from './checkAnswer';
import { ACCEPT_MANIFESTS, isIndex } from './manifestTypes';
import { choosePlatform } from '../../../model/registries/choosePlatform';

export interface LocalComparison extends LayerComparison {
  readonly reference: string;
  /** The manifest compared: the tag's own, or for an index the engine's platform's. */
  readonly digest: string;
  readonly platform: { readonly os: string; readonly architecture: string; readonly variant?: string };
  /** When the tag is an image index: its digest, the platforms it offers (`linux/arm64/v8`), and the one compared. */
  readonly index?: { readonly digest: string; readonly offered: readonly string[]; readonly chosen: string };
  /** The local image named like the remote tag, if any; `same` when the registry's digest is one of its RepoDigests. */
  readonly localImage?: { readonly id: string; readonly same: boolean };
}

interface Descriptor {
  digest?: string;
  size?: number;
}

/** How many local images are inspected at once for their layers. */
const INSPECT_BOUND = 8;

/**
 * Which layers of a remote tag the engine already holds. The manifest gives the
 * compressed blobs, the config blob their diff IDs (`rootfs.diff_ids`, what the
 * engine keys layers by), and each local image's `RootFS.Layers` what is here.
 * For an index, the entry for the engine's own OS and architecture is compared,
 * as a pull would pick it.
 */
export async function compareWithLocal(engine: Engine, client: RegistryClient, path: string, tag: string): Promise<LocalComparison> {
  const repository = `${client.host.domain}/${path}`;
  const reference = `${repository}:${tag}`;
  const scope = `repository:${path}:pull`;
  const req = { what: `compare ${reference} with the local engine`, scope, accept: ACCEPT_MANIFESTS };
  const get = async (url: string, subject: string) => (await checkAnswer(client, await client.request(url, req), req, { repository: path, tag: subject })).body;
  const [top, version] = await Promise.all([
    client.request(`/v2/${path}/manifests/${tag}`, req).then((res) => checkAnswer(client, res, req, { repository: path, tag })),
    engine.call('read the engine version', (d) => d.version()),
  ]);
  let manifest = parse<{ mediaType?: string; config?: Descriptor; layers?: Descriptor[]; manifests?: unknown }>(client, top.body, req.what, 'manifest');
  const topDigest = typeof top.headers['docker-content-digest'] === 'string' ? top.headers['docker-content-digest'] : `sha256:${createHash('sha256').update(top.body).digest('hex')}`;
  let digest = topDigest;
  let index: LocalComparison['index'];
  const mediaType = manifest.mediaType ?? String(top.headers['content-type'] ?? '').split(';')[0];
  if (isIndex(mediaType) || Array.isArray(manifest.manifests)) {
    // The engine's version says its OS and architecture (Go's names, as indexes use), not a variant.
    const engine = { os: version.Os, architecture: version.Arch };
    const choice = choosePlatform(manifest.manifests, engine);
    if (!choice.ok) throw client.fail(req, 'other', 'engine', `${reference} has no image for this engine's platform ${engine.os}/${engine.architecture} (it offers ${choice.offered.join(', ') || 'none'}).`);
    digest = choice.digest;
    index = { digest: topDigest, offered: choice.offered, chosen: [choice.platform.os, choice.platform.architecture, choice.platform.variant].filter(Boolean).join('/') };
    manifest = parse(client, await get(`/v2/${path}/manifests/${choice.digest}`, choice.digest), req.what, 'manifest');
  }
  if (!manifest.config?.digest || !Array.isArray(manifest.layers)) throw client.fail(req, 'other', 'engine', `${reference}'s manifest names no config or no layers.`);
  const config = parse<{ os?: string; architecture?: string; variant?: string; rootfs?: { diff_ids?: unknown } }>(client, await get(`/v2/${path}/blobs/${manifest.config.digest}`, tag), req.what, 'image config');
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || diffIds.length !== manifest.layers.length || diffIds.some((d) => typeof d !== 'string')) {
    throw client.fail(req, 'other', 'engine', `${reference}'s config lists ${Array.isArray(diffIds) ? diffIds.length : 'no'} diff IDs for ${manifest.layers.length} layers, so its layers cannot be matched.`);
  }
  const remote: RemoteLayer[] = manifest.layers.map((l, i) => ({ digest: l.digest ?? '', size: l.size ?? 0, diffId: diffIds[i] as string }));

  const summaries = await listImages(engine);
  const local = await mapLimited(summaries, INSPECT_BOUND, async (s): Promise<LocalLayers> => {
    // An image removed since the listing holds nothing.
    const inspected = await engine.call(`inspect image ${s.id}`, (d) => d.getImage(s.id).inspect()).catch(() => undefined);
    return { id: s.id, names: s.repoTags, diffIds: inspected?.RootFS?.Layers ?? [] };
  });
  const familiarTag = summaries.find((s) => s.repoTags.includes(reference) || s.repoTags.includes(`${repository.replace(/^docker\.io\/(library\/)?/, '')}:${tag}`));
  const localImage = familiarTag ? { id: familiarTag.id, same: familiarTag.repoDigests.some((d) => d.endsWith(`@${digest}`) || d.endsWith(`@${topDigest}`)) } : undefined;
  return {
    reference,
    digest,
    platform: { os: config.os ?? '', architecture: config.architecture ?? '', ...(config.variant ? { variant: config.variant } : {}) },
    ...(localImage ? { localImage } : {}),
    ...(index ? { index } : {}),
    ...compareLayers(remote, local),
  };
}

function parse<T>(client: RegistryClient, body: Buffer, what: string, kind: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw client.fail({ what }, 'other', 'engine', `${client.host.domain} sent a ${kind} that is not JSON.`);
  }
}
