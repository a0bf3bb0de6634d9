import type { ReferenceMode, ReferenceResult } from './types';
import { parseReference } from './parseReference';

/** `<registry>[:<port>]/[<namespace>/]<name>[:<tag>][@<digest>]`, split for display. */
export interface DecomposedReference {
  /** Host without the port (`localhost`, `[::1]`, `docker.io`); null when the reading finds none. */
  readonly registry: string | null;
  readonly port: string | null;
  /** Every path component but the last (`library`, `team/sub`), or null. */
  readonly namespace: string | null;
  readonly name: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/**
 * Splits a reference into the parts the Images tree shows. Strings are read
 * `normalized` by default, as the engine and `docker pull` read them, so
 * `ubuntu:22.04` is registry `docker.io`, namespace `library`. Returns
 * undefined for an invalid reference.
 */
export function decomposeReference(ref: string | ReferenceResult, mode: ReferenceMode = 'normalized'): DecomposedReference | undefined {
  const parsed = typeof ref === 'string' ? parseReference(ref, mode) : ref;
  if (!parsed.valid) return undefined;
  let registry = parsed.domain;
  let port: string | null = null;
  if (registry !== null) {
    const colon = registry.indexOf(':', registry.startsWith('[') ? registry.indexOf(']') : 0);
    if (colon >= 0) {
      port = registry.slice(colon + 1);
      registry = registry.slice(0, colon);
    }
  }
  return { registry, port, namespace: parsed.namespace, name: parsed.name, tag: parsed.tag, digest: parsed.digest };
}
