import type Dockerode from 'dockerode';
import { getCredentials } from '../credentials/getCredentials';
import { registryKey } from '../credentials/registryKey';
import type { CredentialOptions } from '../credentials/types';

export interface RegistryAuth {
  /** The X-Registry-Auth to send; none when we are not logged in there (the engine then goes anonymously). */
  readonly authconfig?: Dockerode.AuthConfig;
  /** Why the stored login could not be read (a helper's failure), to tell if the registry then wants one. */
  readonly problem?: string;
}

/**
 * The X-Registry-Auth the engine needs for a registry (a reference's domain),
 * from the credentials stored for it where the docker CLI stores them. Like the
 * CLI, a store that cannot be read means going without; unlike it, we remember why.
 */
export async function authConfigFor(registry: string, options: CredentialOptions = {}): Promise<RegistryAuth> {
  let creds;
  try {
    creds = await getCredentials(registry, options);
  } catch (err) {
    return { problem: (err as Error).message };
  }
  if (!creds) return {};
  const serveraddress = registryKey(registry);
  if (creds.identityToken) return { authconfig: { identitytoken: creds.identityToken, serveraddress } as unknown as Dockerode.AuthConfig };
  return { authconfig: { username: creds.username ?? '', password: creds.password ?? '', serveraddress } };
}
