import { ArchiveError } from '../images/ArchiveError';

export interface ArchiveImageLayers {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly layout: 'docker' | 'oci';
  /** Bottom-up: where each layer's blob is in the export, its diff ID and command. */
  readonly layers: ReadonlyArray<{ path: string; diffId: string; command?: string }>;
}

interface ImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: Array<{ created_by?: string; empty_layer?: boolean }>;
}

const OCI_INDEX = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/**
 * Which blobs of an export are the image's layers, in order, from its JSON files:
 * Docker's manifest.json (`Config`, `Layers`, `RepoTags`) when there is one, else
 * the OCI layout's index.json and the manifest and config blobs it points to.
 */
export function resolveArchiveImage(json: ReadonlyMap<string, Buffer>, label: string): ArchiveImageLayers {
  const read = <T>(path: string, what: string): T => {
    const bytes = json.get(path);
    if (!bytes) throw new ArchiveError(label, `${label} is not a complete image export: it has no ${what} (${path})`);
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch (err) {
      throw new ArchiveError(label, `${label}: ${path} is not valid JSON (${(err as Error).message})`);
    }
  };
  const blob = (digest: string) => {
    const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
    if (!m) throw new ArchiveError(label, `${label}: ${JSON.stringify(digest)} is not a sha256 digest`);
    return `blobs/sha256/${m[1]}`;
  };

  if (json.has('manifest.json')) {
    const manifest = read<Array<{ Config?: string; RepoTags?: string[] | null; Layers?: string[] }>>('manifest.json', 'manifest.json');
    const first = Array.isArray(manifest) ? manifest[0] : undefined;
    if (!first?.Config || !Array.isArray(first.Layers)) throw new ArchiveError(label, `${label}: manifest.json names no image (Config and Layers)`);
    const config = read<ImageConfig>(first.Config, 'image config');
    const hex = /([0-9a-f]{64})(\.json)?$/.exec(first.Config)?.[1];
    return {
      id: hex ? `sha256:${hex}` : first.Config,
      repoTags: first.RepoTags ?? [],
      layout: first.Layers.some((l) => l.startsWith('blobs/')) ? 'oci' : 'docker',
      layers: withHistory(first.Layers, config, label),
    };
  }
  if (json.has('index.json')) {
    const index = read<{ manifests?: Array<{ digest: string; mediaType?: string; annotations?: Record<string, string> }> }>('index.json', 'index.json');
    let entry = index.manifests?.[0];
    const names = (index.manifests ?? []).map((m) => m.annotations?.['io.containerd.image.name'] ?? m.annotations?.['org.opencontainers.image.ref.name']).filter((n): n is string => !!n);
    for (let depth = 0; entry && (OCI_INDEX.has(entry.mediaType ?? '') || depth === 0) && depth < 4; depth++) {
      const doc = read<{ mediaType?: string; manifests?: typeof index.manifests }>(blob(entry.digest), 'manifest');
      if (!doc.manifests) break;
      entry = doc.manifests.find((m) => !(m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')) ?? doc.manifests[0];
    }
    if (!entry) throw new ArchiveError(label, `${label}: index.json names no image`);
    const manifest = read<{ config?: { digest: string }; layers?: Array<{ digest: string }> }>(blob(entry.digest), 'image manifest');
    if (!manifest.config || !Array.isArray(manifest.layers)) throw new ArchiveError(label, `${label}: the manifest ${entry.digest} names no config and layers`);
    const config = read<ImageConfig>(blob(manifest.config.digest), 'image config');
    return { id: manifest.config.digest, repoTags: names, layout: 'oci', layers: withHistory(manifest.layers.map((l) => blob(l.digest)), config, label) };
  }
  throw new ArchiveError(label, `${label} is not an image export: it has neither manifest.json nor index.json`);
}

function withHistory(paths: readonly string[], config: ImageConfig, label: string): ArchiveImageLayers['layers'] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== paths.length) {
    throw new ArchiveError(label, `${label}: the image config lists ${diffIds.length} layers but the manifest ${paths.length}`);
  }
  const commands = (config.history ?? []).filter((h) => !h.empty_layer).map((h) => h.created_by);
  // History is optional; it lines up with the layers only when it has one entry per layer.
  const aligned = commands.length === paths.length;
  return paths.map((path, i) => (aligned && commands[i] !== undefined ? { path, diffId: diffIds[i], command: commands[i] } : { path, diffId: diffIds[i] }));
}
