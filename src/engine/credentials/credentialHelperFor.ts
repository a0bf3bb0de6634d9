import { registryKey } from './registryKey';
import type { DockerConfigFile } from './types';

/**
 * The credential helper that holds a registry's credentials, as the CLI picks it:
 * `credHelpers[registry]`, else `credsStore`, else none (the file itself).
 * `key` is a registryKey(); credHelpers keys are compared the same way.
 */
export function credentialHelperFor(config: DockerConfigFile, key: string): string | undefined {
  const helpers = config.credHelpers;
  if (helpers && typeof helpers === 'object') {
    if (typeof helpers[key] === 'string' && helpers[key]) return helpers[key];
    for (const [registry, helper] of Object.entries(helpers)) {
      if (typeof helper === 'string' && helper && registryKey(registry) === key) return helper;
    }
  }
  return typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
}
