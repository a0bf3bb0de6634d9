import { convertToHostname } from './convertToHostname';
import { decodeAuthEntry } from './decodeAuthEntry';
import { helperForRegistry } from './helperForRegistry';
import { readDockerConfig } from './readDockerConfig';
import { registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import type { CredentialOptions, DockerConfigFile, RegistryCredentials } from './types';

/** The username helpers file an identity token under (docker-credential-helpers' convention, which the CLI follows). */
export const TOKEN_USERNAME = '<token>';

/**
 * The stored credentials for a registry (a reference's domain or a login address),
 * found where the docker CLI finds them: its credential helper if one applies,
 * else config.json's `auths`. Undefined when we are not logged in there.
 */
export async function getCredentials(registry: string, options: CredentialOptions = {}): Promise<RegistryCredentials | undefined> {
  const key = registryKey(registry);
  const { config } = await readDockerConfig(options);
  const helper = helperForRegistry(config, key, options.env);
  if (helper) {
    for (const serverUrl of keysFor(config, key)) {
      // The CLI asks its detected default helper too; the file names no login, so a failure there just means none.
      const found = helper.detected ? await fromHelper(helper.name, serverUrl, options).catch(() => undefined) : await fromHelper(helper.name, serverUrl, options);
      if (found) return { ...found, serverAddress: key };
    }
    return undefined;
  }
  for (const fileKey of keysFor(config, key)) {
    const found = decodeAuthEntry(config.auths?.[fileKey], key);
    if (found) return { ...found, serverAddress: key };
  }
  return undefined;
}

/** The exact key first, then keys an older CLI or `docker login http://…` left with a scheme or path. */
function keysFor(config: DockerConfigFile, key: string): string[] {
  const keys = [key];
  for (const other of Object.keys(config.auths ?? {})) {
    if (other !== key && registryKey(convertToHostname(other)) === key) keys.push(other);
  }
  return keys;
}

async function fromHelper(helper: string, serverUrl: string, options: CredentialOptions): Promise<Omit<RegistryCredentials, 'serverAddress'> | undefined> {
  let out: string;
  try {
    out = await runCredentialHelper(helper, 'get', serverUrl, { env: options.env });
  } catch (err) {
    if ((err as { notFound?: boolean }).notFound) return undefined;
    throw err;
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(out) as typeof parsed;
  } catch {
    // Never quote the output: it holds the secret.
    throw new Error(`The credential helper docker-credential-${helper} answered "get" for ${serverUrl} with something that is not JSON.`);
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (!secret) return undefined;
  return username === TOKEN_USERNAME ? { identityToken: secret } : { username, password: secret };
}
