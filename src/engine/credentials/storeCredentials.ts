import { CredentialHelperError } from './CredentialHelperError';
import { TOKEN_USERNAME } from './getCredentials';
import { helperForRegistry } from './helperForRegistry';
import { readDockerConfig } from './readDockerConfig';
import { registryKey } from './registryKey';
import { runCredentialHelper } from './runCredentialHelper';
import { updateDockerConfig } from './updateDockerConfig';
import type { CredentialOptions, DockerAuthEntry, RegistryCredentials } from './types';

/** Where to file a login, when the user chose. */
export interface StoreChoice {
  /**
   * In config.json itself (base64, unencrypted), instead of the helper the docker
   * CLI would pick by default for a file with no login yet (when that helper cannot
   * store it). Once the file holds a login the CLI picks no default helper either,
   * so both keep using the file. Refused when config.json names a helper: the CLI
   * would not look in the file then.
   */
  readonly inFile?: boolean;
}

/**
 * Files a registry's credentials where the docker CLI would: through the
 * credential helper that applies (config.json then gains only `auths[key]: {}`,
 * as with `docker login`), else as `auths[key].auth` in config.json. A helper
 * the CLI would pick by default for a file with no login yet is recorded as
 * `credsStore`, as the CLI records it; if it fails, the error says it was the
 * default (`detected`) and why (`reason`), so the caller can offer the file.
 * Returns where they went: the helper's name or `file`.
 */
export async function storeCredentials(credentials: RegistryCredentials, options: CredentialOptions = {}, where: StoreChoice = {}): Promise<string> {
  const key = registryKey(credentials.serverAddress);
  const { config, path } = await readDockerConfig(options);
  const found = helperForRegistry(config, key, options.env);
  if (where.inFile && found && !found.detected) {
    throw new Error(`${path} names docker-credential-${found.name} as the store for ${key}; a login filed beside it in the file would not be used. Fix the helper, or remove "credsStore"/"credHelpers" from the file.`);
  }
  const choice = where.inFile ? undefined : found;
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
      if (!choice?.detected || !(err instanceof CredentialHelperError)) throw err;
      // Nobody chose this helper: say why it was used, and the ways out.
      const why =
        helper === 'pass'
          ? `the docker CLI uses docker-credential-pass by default when \`pass\` is installed and config.json holds no login; set it up with \`pass init <gpg-key-id>\`, or store the login in config.json instead (unencrypted)`
          : `the docker CLI uses docker-credential-${helper} by default on this system when config.json holds no login; make it work, or store the login in config.json instead (unencrypted)`;
      throw new CredentialHelperError(`${err.message} (${why})`, helper, err.reason, true);
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
