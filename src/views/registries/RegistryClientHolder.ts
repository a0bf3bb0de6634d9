import type { RegistryClient } from '../../engine/registry/remote/RegistryClient';

/** A node that owns a registry's client (one per registry row: its token cache and connections live there). */
export interface RegistryClientHolder {
  readonly domain: string;
  client(): RegistryClient;
}
