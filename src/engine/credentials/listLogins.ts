import { convertToHostname } from './convertToHostname';
import { credentialHelperFor } from './credentialHelperFor';
import { decodeAuthEntry } from './decodeAuthEntry';
import { getCredentials, TOKEN_USERNAME } from './getCredentials';
import { readDockerConfig } from './readDockerConfig';
import { registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import type { CredentialOptions, LoginEntry } from './types';

/**
 * The registries we are logged in to, as the docker CLI sees them: config.json's
 * `auths` keys plus what the default credential helper (`credsStore`) lists,
 * each with its username where known. Never a secret.
 */
export async function listLogins(options: CredentialOptions = {}): Promise<LoginEntry[]> {
  const { config } = await readDockerConfig(options);
  const found = new Map<string, LoginEntry>();
  const storeHelper = typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
  if (storeHelper) {
    const listed = JSON.parse(await runCredentialHelper(storeHelper, 'list', '', { env: options.env })) as Record<string, unknown>;
    for (const [server, username] of Object.entries(listed ?? {})) {
      const key = registryKey(server);
      if (credentialHelperFor(config, key) !== storeHelper) continue;
      found.set(key, { registry: key, username: typeof username === 'string' && username && username !== TOKEN_USERNAME ? username : undefined, store: storeHelper });
    }
  }
  for (const [fileKey, entry] of Object.entries(config.auths ?? {})) {
    const key = registryKey(convertToHostname(fileKey));
    if (found.has(key)) continue;
    const helper = credentialHelperFor(config, key);
    if (!helper) {
      const decoded = safely(() => decodeAuthEntry(entry, key));
      if (decoded) found.set(key, { registry: key, username: decoded.username || undefined, store: 'file' });
      continue;
    }
    if (helper === storeHelper) continue; // the helper's list is the truth: an `{}` left behind is not a login
    // A per-registry helper (credHelpers) has no list for us: ask it for this one, keep only the name.
    const creds = await getCredentials(key, options).catch(() => undefined);
    if (creds) found.set(key, { registry: key, username: creds.username || undefined, store: helper });
  }
  return [...found.values()].sort((a, b) => a.registry.localeCompare(b.registry));
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
