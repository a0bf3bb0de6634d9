import type { NewerState } from '../../engine/registry/remote/checkNewer';

/**
 * What the last "newer on the registry" check found, per local reference. Filled
 * only when the user asks (or opens the Registries view): never by polling.
 */
export const newerMarks = new Map<string, NewerState>();
