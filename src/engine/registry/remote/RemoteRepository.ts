import { parseReference } from '../../../reference/parseReference';
import { InputError } from '../../images/InputError';

/** A repository in a registry: `domain` as references name it, `path` as the API does (`library/busybox`). */
export interface RemoteRepository {
  readonly domain: string;
  readonly path: string;
  /** The familiar name, for messages: `busybox`, `127.0.0.1:5000/team/app`. */
  readonly name: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/**
 * Reads a repository (optionally with a tag or digest) as `docker pull` does:
 * no registry part means Docker Hub, one component there means `library/`.
 * Refuses what is not a reference, saying where, before any request.
 */
export function remoteRepository(text: string): RemoteRepository {
  const ref = parseReference(text, 'normalized');
  if (!ref.valid) throw new InputError('repository', text, ref.error.message, ref.error.start, ref.error.end);
  return { domain: ref.domain ?? 'docker.io', path: ref.path, name: ref.familiarName ?? `${ref.domain}/${ref.path}`, tag: ref.tag, digest: ref.digest };
}
