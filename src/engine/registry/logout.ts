import { eraseCredentials } from '../credentials/eraseCredentials';
import { DOCKER_HUB_KEY } from '../credentials/registryKey';
import type { CredentialOptions } from '../credentials/types';

/**
 * Logs out of a registry (Docker Hub when none is given) as `docker logout` does:
 * the secret leaves the credential helper or config.json. No engine involved.
 * Returns whether there was a login to remove.
 */
export function logout(server: string | undefined, options: CredentialOptions = {}): Promise<boolean> {
  return eraseCredentials(server?.trim() || DOCKER_HUB_KEY, options);
}
