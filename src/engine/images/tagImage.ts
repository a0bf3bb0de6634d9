import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { dialEngine } from './dialEngine';
import { requireReference } from './requireReference';

export interface TagResult {
  /** The new name, as given. */
  readonly reference: string;
  readonly imageId: string;
  /** False when the name was already on this image, so nothing changed. */
  readonly changed: boolean;
}

/**
 * `docker tag`: gives `image` (a name or ID) the name `newReference`. Both are
 * checked with the grammar before any engine call. Unlike `docker tag`, a name that
 * already belongs to another image is not silently moved (that image would lose
 * it) unless `replace` is set.
 */
export async function tagImage(engine: Engine, image: string, newReference: string, options: { replace?: boolean } = {}): Promise<TagResult> {
  requireReference(image, 'image', { allowId: true });
  const target = requireReference(newReference, 'new reference', { allowDigest: false });
  const repo = target.tag === null ? newReference : newReference.slice(0, newReference.length - target.tag.length - 1);
  const operation = `tag ${image} as ${newReference}`;

  const imageId = await engine.call(operation, async (docker) => (await docker.getImage(image).inspect()).Id);
  const current = await engine.call(operation, (docker) => inspectIfPresent(docker.getImage(newReference)));
  if (current === imageId) return { reference: newReference, imageId, changed: false };
  if (current && !options.replace) {
    throw new EngineError(
      `Could not ${operation}: ${newReference} already names another image (${current.slice(7, 19)}); tagging would take the name from it. Remove or rename that tag first.`,
      'conflict',
      operation,
    );
  }
  await engine.call(operation, (docker) =>
    dialEngine(docker, { method: 'POST', path: `/images/${image}/tag`, query: { repo, ...(target.tag === null ? {} : { tag: target.tag }) }, ok: [200, 201] }),
  );
  return { reference: newReference, imageId, changed: true };
}

async function inspectIfPresent(image: { inspect(): Promise<{ Id: string }> }): Promise<string | undefined> {
  try {
    return (await image.inspect()).Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}
