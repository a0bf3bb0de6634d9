import { CredentialHelperError } from './CredentialHelperError';
import { TOKEN_USERNAME } from './getCredentials';
import { helperForRegistry } from './helperForRegistry';
import { readDockerConfig } from './readDockerConfig';
import { registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import { updateDockerConfig } from './updateDockerConfig';
import type { CredentialOptions, DockerAuthEntry, RegistryCredentials } from './types';

/**
 * Files a registry's credentials where the docker CLI would: through the
 * credential helper that applies (config.json then gains only `auths[key]: {}`,
 * as with `docker login`), else as `auths[key].auth` in config.json. A helper
 * the CLI would pick by default for a file with no login yet is recorded as
 * `credsStore`, as the CLI records it.
 * Returns where they went: the helper's name or `file`.
 */
export async function storeCredentials(credentials: RegistryCredentials, options: CredentialOptions = {}): Promise<string> {
  const key = registryKey(credentials.serverAddress);
  const { config } = await readDockerConfig(options);
  const choice = helperForRegistry(config, key, options.env);
  const helper = choice?.name;
  if (helper) {
    const secret = credentials.identityToken ?? credentials.password ?? '';
    const input = JSON.stringify({
      ServerURL: key,
      Username: credentials.identityToken ? TOKEN_USERNAME : credentials.username ?? '',
      Secret: secret,
    });
    try {
      await runCredentialHelper(helper, 'store', input, { env: options.env, secret });
    } catch (err) {
      if (!choice?.detected) throw err;
      // Nobody chose this helper: say why it was used, and the two ways out.
      const why =
        helper === 'pass'
          ? `the docker CLI uses docker-credential-pass by default when \`pass\` is installed and config.json holds no login; set it up with \`pass init <gpg-key-id>\`, or name another store ("credsStore") in config.json`
          : `the docker CLI uses docker-credential-${helper} by default on this system when config.json holds no login; make it work, or name another store ("credsStore") in config.json`;
      throw new CredentialHelperError(`${(err as Error).message} (${why})`, helper, false);
    }
  }
  // Same choice as the CLI: with a helper the file keeps an empty entry, so `docker` lists the login.
  const wanted = helper ? {} : fileEntry(credentials);
  await updateDockerConfig(options, (current) => {
    let changed = false;
    if (choice?.detected && !current.credsStore) {
      current.credsStore = choice.name;
      changed = true;
    }
    const auths = isObject(current.auths) ? current.auths : (current.auths = {});
    if (!sameEntry(auths[key], wanted)) {
      auths[key] = { ...wanted };
      changed = true;
    }
    return changed;
  });
  return helper ?? 'file';
}

function fileEntry(credentials: RegistryCredentials): DockerAuthEntry {
  const entry: DockerAuthEntry = {};
  const username = credentials.username ?? '';
  const password = credentials.identityToken ? '' : credentials.password ?? '';
  if (username || password) entry.auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  if (credentials.identityToken) entry.identitytoken = credentials.identityToken;
  return entry;
}

/** Same fields, same values: a CLI that rewrote the file may have ordered them differently. */
function sameEntry(found: DockerAuthEntry | undefined, wanted: DockerAuthEntry): boolean {
  if (!found || typeof found !== 'object') return false;
  const keys = Object.keys(found);
  return keys.length === Object.keys(wanted).length && keys.every((k) => found[k] === wanted[k]);
}

function isObject(value: unknown): value is Record<string, DockerAuthEntry> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
