/**
 * The docker CLI's config.json, as far as credentials go. Every other key is kept
 * as read (`[key: string]: unknown`), so a write never loses the CLI's settings.
 */
export interface DockerConfigFile {
  auths?: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/** One `auths` entry: `auth` is base64 of `user:password`; `{}` when a helper holds the secret. */
export interface DockerAuthEntry {
  auth?: string;
  identitytoken?: string;
  [key: string]: unknown;
}

/** What a registry needs to let us in. `password` or `identityToken`, never both. */
export interface RegistryCredentials {
  /** The key the CLI files them under: `https://index.docker.io/v1/` or host[:port]. */
  readonly serverAddress: string;
  readonly username?: string;
  readonly password?: string;
  readonly identityToken?: string;
}

/** Where the credentials live; defaults as the docker CLI: `$DOCKER_CONFIG` or `~/.docker`, helpers from PATH. */
export interface CredentialOptions {
  /** The config folder; overrides `env.DOCKER_CONFIG`. */
  readonly configDir?: string;
  /** Environment for finding the config folder and for running credential helpers. */
  readonly env?: NodeJS.ProcessEnv;
}

/** One registry we are logged in to, as `listLogins` reports it: never the secret. */
export interface LoginEntry {
  readonly registry: string;
  readonly username?: string;
  /** `file` (config.json `auths`) or the helper's name, e.g. `pass`. */
  readonly store: string;
}
