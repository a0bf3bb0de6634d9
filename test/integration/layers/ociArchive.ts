import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readTar } from '../../e2e/support/readTar';
import { END, entry } from '../../unit/images/tarFixture';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Turns a `docker save` archive (Docker's classic layout) into an OCI-layout archive
 * as engines with the containerd image store export: gzip-compressed layer blobs under
 * blobs/sha256, a manifest and the config as blobs, index.json written last (after the
 * layers, so a reader must wait for it). skopeo is not on these machines.
 */
export function ociArchiveFrom(dockerArchive: Buffer, name: string): Buffer {
  const files = readTar(dockerArchive);
  const [manifest] = JSON.parse(files.get('manifest.json')!.toString()) as Array<{ Config: string; Layers: string[] }>;
  const config = files.get(manifest.Config)!;
  const blobs: Buffer[] = [];
  const layers = manifest.Layers.map((path) => {
    const gz = gzipSync(files.get(path)!);
    blobs.push(entry(`blobs/sha256/${sha(gz)}`, gz));
    return { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha(gz)}`, size: gz.length };
  });
  const ociManifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
      layers,
    }),
  );
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(ociManifest)}`, size: ociManifest.length, annotations: { 'io.containerd.image.name': name } }],
    }),
  );
  return Buffer.concat([
    entry('oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
    ...blobs,
    entry(`blobs/sha256/${sha(config)}`, config),
    entry(`blobs/sha256/${sha(ociManifest)}`, ociManifest),
    entry('index.json', index),
    END,
  ]);
}
