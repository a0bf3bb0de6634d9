import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialOptions } from './types';

/** The docker CLI's config folder: `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(options: CredentialOptions = {}): string {
  if (options.configDir) return options.configDir;
  const env = options.env ?? process.env;
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  // Go's os.UserHomeDir reads $HOME, as the CLI does; the passwd entry only when it is unset.
  return join(env.HOME || homedir(), '.docker');
}
