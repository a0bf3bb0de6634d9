import type { Engine } from '../../Engine';

interface RegistryConfigInfo {
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean }> | null;
  };
}

/**
 * The registries the engine itself talks plain HTTP to (its `insecure-registries`:
 * CIDRs and host[:port] names, from `GET /info`), so Stowage uses HTTP exactly there.
 */
export async function insecureRegistries(engine: Engine): Promise<string[]> {
  const info = await engine.call('read the engine\'s insecure registries', (d) => d.info() as Promise<RegistryConfigInfo>);
  const config = info.RegistryConfig ?? {};
  const names = Object.values(config.IndexConfigs ?? {})
    .filter((c) => c.Secure === false && c.Name)
    .map((c) => c.Name!);
  return [...(config.InsecureRegistryCIDRs ?? []), ...names];
}
