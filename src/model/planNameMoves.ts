import { parseReference } from '../reference/parseReference';

/** What findNameOwners found: the image that holds a name now. */
export interface CurrentOwner {
  readonly name: string;
  readonly imageId: string;
  readonly repoTags: readonly string[];
}

/** A name that leaves another image. */
export interface NameMove {
  readonly name: string;
  readonly fromImage: string;
  /** The names that image keeps once every listed name has moved: none means it becomes `<none>`. */
  readonly keeps: readonly string[];
}

export interface NamePlan {
  /** Names no image has yet. */
  readonly fresh: readonly string[];
  /** Names the target already has: nothing to do. */
  readonly already: readonly string[];
  /** Names that belong to another image now. */
  readonly moves: readonly NameMove[];
}

/**
 * Sorts the names about to be given to an image (`targetId`; empty for an image a
 * commit has yet to make) into new ones, ones it has, and ones another image
 * would lose, with what that image keeps. Names are compared however they were
 * written (`walk/app` is `docker.io/walk/app:latest`). Pure.
 */
export function planNameMoves(targetId: string, names: readonly string[], owners: readonly CurrentOwner[]): NamePlan {
  const moving = new Set(names.map(canonical));
  const fresh: string[] = [];
  const already: string[] = [];
  const moves: NameMove[] = [];
  for (const name of names) {
    const owner = owners.find((o) => canonical(o.name) === canonical(name));
    if (!owner) fresh.push(name);
    else if (owner.imageId === targetId) already.push(name);
    else moves.push({ name, fromImage: owner.imageId, keeps: owner.repoTags.filter((t) => !moving.has(canonical(t))) });
  }
  return { fresh, already, moves };
}

function canonical(name: string): string {
  const parsed = parseReference(name, 'normalized');
  return parsed.valid ? `${parsed.fullName}:${parsed.tag ?? 'latest'}` : name;
}
