import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerConfigDir } from '../credentials/dockerConfigDir';
import { readDockerConfig } from '../credentials/readDockerConfig';
import type { CredentialOptions } from '../credentials/types';
import { updateDockerConfig } from '../credentials/updateDockerConfig';
import { InputError } from '../images/InputError';
import { contextId } from './contextId';
import { readContext } from './readContext';
import { validateContextName } from './validateContextName';

/**
 * `docker context rm [-f]`: the context's meta and TLS folders. The current context
 * is kept unless `force`, as the CLI does ("in use, set -f flag to force remove");
 * forced, config.json's currentContext is cleared too, keeping every other key.
 */
export async function removeContext(name: string, options: CredentialOptions & { readonly force?: boolean } = {}): Promise<void> {
  validateContextName(name);
  const configDir = dockerConfigDir(options);
  const id = contextId(name);
  if (!(await readContext(configDir, id))) throw new InputError('context name', name, `there is no context named "${name}"`, 0, name.length);
  const { config } = await readDockerConfig(options);
  const current = config.currentContext === name;
  if (current && !options.force) {
    throw new Error(`The docker context "${name}" is the docker CLI's current one; make another current first, or remove it anyway (the CLI then goes back to "default").`);
  }
  // meta.json first: once it is gone the context no longer exists for anyone, whatever is left.
  await rm(join(configDir, 'contexts', 'meta', id), { recursive: true, force: true });
  await rm(join(configDir, 'contexts', 'tls', id), { recursive: true, force: true });
  if (current) {
    await updateDockerConfig(options, (c) => {
      if (c.currentContext !== name) return false;
      delete c.currentContext;
      return true;
    });
  }
}
