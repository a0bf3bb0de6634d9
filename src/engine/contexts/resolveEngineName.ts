import type { CredentialOptions } from '../credentials/types';
import type { Endpoint } from '../Endpoint';
import { InputError } from '../images/InputError';
import { parseHost } from '../resolveEndpoint';
import { contextEndpoint } from './contextEndpoint';
import { listContexts } from './listContexts';

/**
 * An engine named as the user names one: an endpoint URL as DOCKER_HOST writes it
 * (`unix:///…`, `tcp://…`, `ssh://…`), or a docker CLI context name (`default`
 * being DOCKER_HOST or the default socket, as for the CLI).
 */
export async function resolveEngineName(name: string, field: string, options: CredentialOptions = {}): Promise<Endpoint> {
  if (name.includes('://')) {
    try {
      return parseHost(name, field);
    } catch (err) {
      throw new InputError(field, name, (err as Error).message.replace(/^.*?"[^"]*":?\s*/, ''), 0, name.length);
    }
  }
  const { contexts } = await listContexts(options);
  const context = contexts.find((c) => c.name === name);
  if (!context) {
    const known = contexts.map((c) => c.name).join(', ');
    throw new InputError(field, name, `no docker context has that name (known: ${known}), and it is not an endpoint URL such as unix:///var/run/docker.sock`, 0, name.length);
  }
  return { ...contextEndpoint(context), source: `context "${name}"` };
}
