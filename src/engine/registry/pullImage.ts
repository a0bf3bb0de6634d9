import type { Engine } from '../Engine';
import { authConfigFor } from './authConfigFor';
import { namesRegistry } from './namesRegistry';
import { repositoryName } from './repositoryName';
import { requireImageReference } from './requireImageReference';
import { runTransfer } from './runTransfer';
import type { TransferOptions } from './TransferOptions';
import type { TransferState } from './TransferState';

export interface PullResult {
  /** The pulled image's ID (sha256:…). */
  readonly id: string;
  /** The reference as the engine names it, e.g. `127.0.0.1:5000/app:v1` or `busybox:latest`. */
  readonly reference: string;
  /** The manifest digest the registry served. */
  readonly digest?: string;
  /** Whether anything new came down (false: "Image is up to date"). */
  readonly updated: boolean;
  readonly transfer: TransferState;
}

/**
 * Pulls one image by reference, checked with the grammar before the engine hears
 * of it. No tag means `latest` (never "every tag", which is what the engine does
 * with an empty tag). Uses the stored credentials for the reference's registry.
 */
export async function pullImage(engine: Engine, reference: string, options: TransferOptions = {}): Promise<PullResult> {
  const input = reference.trim();
  const ref = requireImageReference(input, `pull ${input}`);
  const repository = repositoryName(ref);
  // A digest wins over a tag, as with `docker pull name:tag@digest`.
  const tag = ref.digest ?? ref.tag ?? 'latest';
  const shown = ref.digest ? `${repository}@${ref.digest}` : `${repository}:${tag}`;
  const registry = ref.domain ?? 'docker.io';
  const { authconfig, problem } = await authConfigFor(registry, options.credentials);
  const transfer = await runTransfer(
    engine,
    {
      operation: `pull ${shown}`,
      credentialProblem: problem,
      context: { operation: 'pull', registry, reference: shown, repository: ref.path, impliedHub: registry === 'docker.io' && !namesRegistry(ref) },
      open: (docker, signal) =>
        docker.createImage({
          fromImage: repository,
          tag,
          ...(authconfig ? { authconfig } : {}),
          ...(signal ? { abortSignal: signal } : {}),
        }),
    },
    options,
  );
  // "Downloaded newer image for X" / "Image is up to date for X": X is the engine's own name for it.
  const named = /^(?:Downloaded newer image|Image is up to date) for (.+)$/.exec(transfer.status ?? '')?.[1]?.trim() ?? shown;
  const info = await engine.call(`inspect ${named}`, (docker) => docker.getImage(named).inspect());
  return { id: info.Id, reference: named, digest: transfer.digest, updated: !/^Image is up to date/.test(transfer.status ?? ''), transfer };
}
