import { credentialHelperFor } from './credentialHelperFor';
import { detectDefaultHelper } from './detectDefaultHelper';
import type { DockerConfigFile } from './types';

export interface HelperChoice {
  readonly name: string;
  /** Not named in config.json: the CLI's platform default, used because the file holds no login yet. */
  readonly detected: boolean;
}

/**
 * The credential helper for a registry as the docker CLI decides it: the one
 * config.json names (credHelpers, credsStore); or, when the file holds no login
 * at all (no store, no helpers, no auths), the platform default the CLI detects.
 */
export function helperForRegistry(config: DockerConfigFile, key: string, env: NodeJS.ProcessEnv = process.env): HelperChoice | undefined {
  const configured = credentialHelperFor(config, key);
  if (configured) return { name: configured, detected: false };
  const holdsAuth = Object.keys(config.credHelpers ?? {}).length > 0 || Object.keys(config.auths ?? {}).length > 0;
  if (holdsAuth) return undefined;
  const detected = detectDefaultHelper(env);
  return detected ? { name: detected, detected: true } : undefined;
}
