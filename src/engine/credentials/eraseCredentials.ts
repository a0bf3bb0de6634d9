import { convertToHostname } from './convertToHostname';
import { credentialHelperFor } from './credentialHelperFor';
import { readDockerConfig } from './readDockerConfig';
import { registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import { updateDockerConfig } from './updateDockerConfig';
import type { CredentialOptions } from './types';

/**
 * Logs out of a registry as `docker logout` does: erases the secret from the
 * credential helper that applies, then the registry's `auths` entries (including
 * ones filed with a scheme). Returns whether there was anything to remove.
 */
export async function eraseCredentials(registry: string, options: CredentialOptions = {}): Promise<boolean> {
  const key = registryKey(registry);
  const { config } = await readDockerConfig(options);
  const fileKeys = Object.keys(config.auths ?? {}).filter((k) => registryKey(convertToHostname(k)) === key);
  const helper = credentialHelperFor(config, key);
  let erased = false;
  if (helper) {
    for (const serverUrl of new Set([key, ...fileKeys])) {
      try {
        await runCredentialHelper(helper, 'erase', serverUrl, { env: options.env });
        erased = true;
      } catch (err) {
        if (!(err as { notFound?: boolean }).notFound) throw err;
      }
    }
  }
  if (fileKeys.length === 0) return erased;
  await updateDockerConfig(options, (current) => {
    let changed = false;
    for (const k of Object.keys(current.auths ?? {})) {
      if (registryKey(convertToHostname(k)) === key) {
        delete current.auths![k];
        changed = true;
      }
    }
    return changed;
  });
  return true;
}
