import { createHash } from 'node:crypto';

/**
 * The chain ID of each prefix of an image's layers, as the engine's layer store keys
 * them: the first is the first diff ID, each next one sha256("<previous> <diff ID>").
 * A layer is "present" on an engine only with the same layers below it, so presence
 * is asked by chain ID, never by diff ID alone.
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const chains: string[] = [];
  for (const diffId of diffIds) {
    const previous = chains[chains.length - 1];
    chains.push(previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`);
  }
  return chains;
}
