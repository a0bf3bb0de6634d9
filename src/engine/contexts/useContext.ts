import { dockerConfigDir } from '../credentials/dockerConfigDir';
import type { CredentialOptions } from '../credentials/types';
import { updateDockerConfig } from '../credentials/updateDockerConfig';
import { InputError } from '../images/InputError';
import { contextId } from './contextId';
import { readContext } from './readContext';

/**
 * `docker context use NAME`: config.json's currentContext, written atomically with
 * every other key kept (updateDockerConfig, which also redoes it when a concurrent
 * docker CLI undid it). `default` removes the key, as the CLI does. Says when
 * DOCKER_CONTEXT or DOCKER_HOST in `env` will still win over it.
 */
export async function useContext(name: string, options: CredentialOptions = {}): Promise<{ readonly overriddenBy?: 'DOCKER_CONTEXT' | 'DOCKER_HOST' }> {
  if (name !== 'default') {
    const context = await readContext(dockerConfigDir(options), contextId(name));
    if (!context) throw new InputError('context name', name, `there is no context named "${name}"`, 0, name.length);
    if (context.error) throw new Error(`The docker context "${name}" cannot be used: ${context.error}.`);
  }
  await updateDockerConfig(options, (config) => {
    if (name === 'default') {
      if (config.currentContext === undefined) return false;
      delete config.currentContext;
      return true;
    }
    if (config.currentContext === name) return false;
    config.currentContext = name;
    return true;
  });
  const env = options.env ?? process.env;
  if (env.DOCKER_CONTEXT) return { overriddenBy: 'DOCKER_CONTEXT' };
  if (env.DOCKER_HOST) return { overriddenBy: 'DOCKER_HOST' };
  return {};
}
