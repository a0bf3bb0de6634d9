import type { Engine } from '../Engine';
import { familiarName } from '../familiarName';
import { requireReference } from './requireReference';

/** An image that holds a name now, with every name it has. */
export interface NameOwner {
  /** The name as it was asked about. */
  readonly name: string;
  readonly imageId: string;
  /** All the image's names, in the familiar form the engine lists. */
  readonly repoTags: readonly string[];
}

/**
 * Which image each name belongs to now (`GET /images/{name}/json`), so tagging or
 * committing to a name can say beforehand which image would lose it. Names that
 * belong to no image are left out. Names are checked with the grammar first.
 */
export async function findNameOwners(engine: Engine, names: readonly string[]): Promise<NameOwner[]> {
  names.forEach((n, i) => requireReference(n, names.length > 1 ? `name ${i + 1}` : 'name', { allowDigest: false }));
  const owners: NameOwner[] = [];
  for (const name of names) {
    const info = await engine.call(`look up which image is named ${name}`, async (docker) => {
      try {
        return await docker.getImage(name).inspect();
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    });
    if (info) owners.push({ name, imageId: info.Id, repoTags: (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiarName) });
  }
  return owners;
}
