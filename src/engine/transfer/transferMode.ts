import type { Engine } from '../Engine';
import { isPodman } from '../isPodman';

export type TransferMode = 'missing-layers' | 'full';

/**
 * Whether the target can load an archive that leaves out the layers it holds.
 * Docker's classic image store can (it opens a layer file only for a layer it
 * lacks); Podman and Docker's containerd image store read every layer named in
 * the manifest, so they get the whole archive. Decided from what the engine says
 * it is, never guessed from a failed attempt.
 */
export async function transferMode(target: Engine): Promise<{ readonly mode: TransferMode; readonly why: string }> {
  if (await isPodman(target)) return { mode: 'full', why: 'the target is Podman, whose load reads every layer' };
  const info = await target.call('read the target engine\'s info', (docker) => docker.info() as Promise<{ Driver?: string; DriverStatus?: [string, string][] }>);
  const containerd = (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && /containerd/.test(value));
  if (containerd) return { mode: 'full', why: 'the target keeps images in containerd\'s store, whose load reads every layer' };
  return { mode: 'missing-layers', why: `the target's classic image store (${info.Driver ?? 'unknown driver'}) loads layers it already holds from its own store` };
}
