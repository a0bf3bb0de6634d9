import { parseReference } from '../../reference/parseReference';
import { convertToHostname } from '../credentials/convertToHostname';
import { registryKey, DOCKER_HUB_KEY } from '../credentials/registryKey';

/**
 * The name an image must carry to be pushed to `registry`: a registry takes only
 * repositories named after it, so `app:v1` becomes `127.0.0.1:5000/app:v1`, with
 * the namespace kept (`team/app:v1` → `127.0.0.1:5000/team/app:v1`) and Docker Hub's
 * implied `library/` dropped. A name of another registry moves over. A digest names
 * content, not a place, so it is dropped (a push needs a tag). Pure; throws on an
 * invalid reference or registry.
 */
export function retagForRegistry(repository: string, registry: string): string {
  const ref = parseReference(repository.trim(), 'normalized');
  if (!ref.valid) throw new Error(`"${repository}" is not a valid image reference: ${ref.error.message}.`);
  // familiarName drops docker.io/ and library/; for other registries it keeps the domain, which we replace.
  const path = ref.domain === 'docker.io' ? (ref.familiarName ?? ref.path) : ref.path;
  const target = registryKey(registry) === DOCKER_HUB_KEY ? '' : convertToHostname(registry);
  const name = `${target ? `${target}/` : ''}${path}${ref.tag ? `:${ref.tag}` : ''}`;
  const check = parseReference(name, 'normalized');
  if (!check.valid) throw new Error(`"${name}" would not be a valid image reference: ${check.error.message}.`);
  return name;
}
