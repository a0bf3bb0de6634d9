import { ConfigContendedError } from './ConfigContendedError';
import { convertToHostname } from './convertToHostname';
import { credentialHelperFor } from './credentialHelperFor';
import { readDockerConfig } from './readDockerConfig';
import { DOCKER_HUB_KEY, registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import { updateDockerConfig } from './updateDockerConfig';
import type { CredentialOptions, DockerConfigFile } from './types';

/**
 * Logs out of a registry as `docker logout` does: erases the secret from the
 * credential helper that applies, then the registry's `auths` entries (including
 * ones filed with a scheme). Then checks, through the helper and the file, that
 * the login is really gone (a docker CLI writing its stale copy of config.json at
 * the same moment can put it back), and rejects, saying so, when it is not.
 * Returns whether there was anything to remove.
 */
export async function eraseCredentials(registry: string, options: CredentialOptions = {}): Promise<boolean> {
  const key = registryKey(registry);
  const shown = key === DOCKER_HUB_KEY ? 'Docker Hub' : key;
  const { config, path } = await readDockerConfig(options);
  const fileKeys = keysOf(config, key);
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
  if (fileKeys.length > 0) {
    erased = true;
    try {
      await updateDockerConfig(options, (current) => {
        const found = keysOf(current, key);
        for (const k of found) delete current.auths![k];
        return found.length > 0;
      });
    } catch (err) {
      if (!(err instanceof ConfigContendedError)) throw err;
      throw new Error(`Could not log out of ${shown} for good: another program kept writing the login back into ${path} (${err.attempts} tries). You may still be logged in there; let other docker logins and logouts finish, then log out again.`);
    }
  }
  const left = await whatIsLeft(key, helper, fileKeys, options);
  if (left) throw new Error(`Could not log out of ${shown}: ${left}. You may still be logged in there; log out again.`);
  return erased;
}

/** The registry's `auths` keys, the exact one and those an older CLI filed with a scheme or path. */
function keysOf(config: DockerConfigFile, key: string): string[] {
  return Object.keys(config.auths ?? {}).filter((k) => registryKey(convertToHostname(k)) === key);
}

/** Why the login is still there, if it is: read back from the file and asked of the helper. */
async function whatIsLeft(key: string, helper: string | undefined, erasedKeys: string[], options: CredentialOptions): Promise<string | undefined> {
  const { config, path } = await readDockerConfig(options);
  if (keysOf(config, key).length > 0) return `${path} still has a login for it (another program wrote it back)`;
  if (!helper) return undefined;
  for (const serverUrl of new Set([key, ...erasedKeys])) {
    let out: string;
    try {
      out = await runCredentialHelper(helper, 'get', serverUrl, { env: options.env });
    } catch (err) {
      if ((err as { notFound?: boolean }).notFound) continue;
      return `could not check that docker-credential-${helper} no longer holds it (${(err as Error).message})`;
    }
    // Some helpers answer a missing entry with an empty secret and exit 0; never quote the answer.
    const secret = safeSecret(out);
    if (secret) return `docker-credential-${helper} still holds it`;
  }
  return undefined;
}

function safeSecret(out: string): boolean {
  try {
    const parsed = JSON.parse(out) as { Secret?: unknown };
    return typeof parsed.Secret === 'string' && parsed.Secret !== '';
  } catch {
    return out.trim() !== '';
  }
}
