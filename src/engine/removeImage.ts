import type { Engine } from './Engine';
import { familiarName } from './familiarName';

export interface RemovalResult {
  readonly untagged: string[];
  readonly deleted: string[];
}

/**
 * DELETE /images/{name}. Given a tag of an image that has other tags, the engine
 * only untags it; given the last tag (or an ID), it deletes the image. The answer
 * says which happened.
 */
export async function removeImage(engine: Engine, reference: string, opts: { force?: boolean } = {}): Promise<RemovalResult> {
  const raw = (await engine.call(`remove image ${reference}`, (d) => d.getImage(reference).remove({ force: !!opts.force, noprune: false }))) as
    | Array<{ Untagged?: string; Deleted?: string }>
    | null;
  const result: RemovalResult = { untagged: [], deleted: [] };
  for (const r of raw ?? []) {
    // Podman names what it untagged in full (docker.io/…); Docker in the familiar form.
    if (r.Untagged) result.untagged.push(familiarName(r.Untagged));
    // Podman names what it deleted by bare hex; Docker as `sha256:…`, like every image ID.
    if (r.Deleted) result.deleted.push(/^[0-9a-f]{64}$/.test(r.Deleted) ? `sha256:${r.Deleted}` : r.Deleted);
  }
  return result;
}
