import { createHash } from 'node:crypto';
import type { RegistryClient } from './RegistryClient';
import { checkAnswer } from './checkAnswer';
import { ACCEPT_MANIFESTS, isIndex } from './manifestTypes';
import { indexPlatforms } from '../../../model/registries/indexPlatforms';

export interface RemotePlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  /** The platform's own manifest (an index's entry), or the tag's digest for a single-platform image. */
  readonly digest: string;
  /** Config plus layers, when the platform's manifest was read. */
  readonly size?: number;
}

/** What a tag is in the registry: the manifest it points to, and what that describes. */
export interface RemoteTag {
  /** `127.0.0.1:5000/team/app:1.4` */
  readonly reference: string;
  readonly tag: string;
  readonly digest: string;
  readonly mediaType: string;
  /** One per platform: an index's entries (attestations left out), or the image's own platform. */
  readonly platforms: RemotePlatform[];
  /** Config plus layers of a single image; for an index, the sum over its platforms. */
  readonly size?: number;
  /** The image config's `created`, for a single image. */
  readonly created?: string;
  /** The manifest as the registry sent it, and the config blob for a single image: for Inspect. */
  readonly manifest: unknown;
  readonly config?: unknown;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

interface ManifestBody {
  mediaType?: string;
  schemaVersion?: number;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: unknown;
}

/**
 * Reads a tag's manifest and, for a single image, its config (created time,
 * platform); for an index, each platform's manifest (its size), `concurrency`
 * at a time. `platformSizes: false` leaves an index's per-platform manifests unread.
 */
export async function inspectTag(client: RegistryClient, path: string, tag: string, options: { platformSizes?: boolean } = {}): Promise<RemoteTag> {
  const repository = `${client.host.domain}/${path}`;
  const reference = tag.startsWith('sha256:') ? `${repository}@${tag}` : `${repository}:${tag}`;
  const scope = `repository:${path}:pull`;
  const req = { what: `inspect ${reference}`, scope, accept: ACCEPT_MANIFESTS };
  const res = await checkAnswer(client, await client.request(`/v2/${path}/manifests/${tag}`, req), req, { repository: path, tag });
  const manifest = parse<ManifestBody>(client, res.body, req.what, 'manifest');
  const header = res.headers['docker-content-digest'];
  const digest = typeof header === 'string' ? header : `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
  const mediaType = manifest.mediaType ?? (res.headers['content-type'] ?? '').split(';')[0].trim();
  if (isIndex(mediaType) || Array.isArray(manifest.manifests)) {
    // The registry's JSON, unchecked: entries that name no image for a platform are left out.
    const entries = indexPlatforms(manifest.manifests);
    const platforms = await Promise.all(
      entries.map(async (m): Promise<RemotePlatform> => {
        const base = { os: m.platform.os, architecture: m.platform.architecture, ...(m.platform.variant ? { variant: m.platform.variant } : {}), digest: m.digest };
        if (options.platformSizes === false) return base;
        const child = await checkAnswer(client, await client.request(`/v2/${path}/manifests/${m.digest}`, req), req, { repository: path, tag: m.digest });
        return { ...base, size: imageSize(parse<ManifestBody>(client, child.body, req.what, 'manifest')) };
      }),
    );
    const sizes = platforms.map((p) => p.size);
    const size = sizes.every((s) => typeof s === 'number') && sizes.length ? (sizes as number[]).reduce((a, b) => a + b, 0) : undefined;
    return { reference, tag, digest, mediaType, platforms, size, manifest };
  }
  let config: { created?: string; os?: string; architecture?: string; variant?: string } | undefined;
  if (manifest.config?.digest) {
    const blob = await checkAnswer(client, await client.request(`/v2/${path}/blobs/${manifest.config.digest}`, { what: req.what, scope }), req, { repository: path, tag });
    config = parse(client, blob.body, req.what, 'image config');
  }
  const platform: RemotePlatform = { os: config?.os ?? '', architecture: config?.architecture ?? '', ...(config?.variant ? { variant: config.variant } : {}), digest };
  return { reference, tag, digest, mediaType, platforms: config ? [platform] : [], size: imageSize(manifest), created: config?.created, manifest, config };
}

function imageSize(m: ManifestBody): number | undefined {
  if (!m.config || !Array.isArray(m.layers)) return undefined;
  return (m.config.size ?? 0) + m.layers.reduce((sum, l) => sum + (l.size ?? 0), 0);
}

function parse<T>(client: RegistryClient, body: Buffer, what: string, kind: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw client.fail({ what }, 'other', 'engine', `${client.host.domain} sent a ${kind} that is not JSON.`);
  }
}
