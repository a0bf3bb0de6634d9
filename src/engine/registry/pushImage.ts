import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { authConfigFor } from './authConfigFor';
import { namesRegistry } from './namesRegistry';
import { repositoryName } from './repositoryName';
import { requireImageReference } from './requireImageReference';
import { runTransfer } from './runTransfer';
import type { TransferOptions } from './TransferOptions';
import type { PushedTag, TransferState } from './TransferState';

/** A reference (`127.0.0.1:5000/app:v1`; no tag means `latest`), or a whole repository: every local tag of it. */
export type PushTarget = string | { readonly repository: string; readonly allTags: true };

export interface PushResult {
  /** The repository pushed, as the engine names it. */
  readonly repository: string;
  /** Each tag the registry accepted, with its manifest digest. */
  readonly pushed: readonly PushedTag[];
  readonly transfer: TransferState;
}

/**
 * Pushes an image (or every tag of a repository, as `docker push --all-tags`) to
 * the registry its name says, with the credentials stored for that registry.
 * Reports per-layer progress; rejects with a RegistryError in plain words, or an
 * EngineError `cancelled` when the signal aborts.
 */
export async function pushImage(engine: Engine, target: PushTarget, options: TransferOptions = {}): Promise<PushResult> {
  const whole = typeof target !== 'string';
  const input = whole ? target.repository : target;
  const ref = requireImageReference(input, `push ${input.trim()}`);
  const repository = repositoryName(ref);
  if (ref.digest) {
    throw new EngineError(`Could not push ${input.trim()}: a digest names content, not a place to push to; give name:tag.`, 'badRequest', `push ${input.trim()}`);
  }
  if (whole && ref.tag) {
    throw new EngineError(`Could not push every tag of ${input.trim()}: give the repository without a tag.`, 'badRequest', `push ${input.trim()}`);
  }
  // The engine pushes every tag of the repository when no tag is given (API 1.41): only say so on purpose.
  const tag = whole ? undefined : ref.tag ?? 'latest';
  const shown = tag ? `${repository}:${tag}` : `${repository} (all tags)`;
  const registry = ref.domain ?? 'docker.io';
  const { authconfig, problem } = await authConfigFor(registry, options.credentials);
  // A push cancelled before it starts asks the engine nothing, not even the layer count.
  if (options.signal?.aborted) throw new EngineError(`Cancelled: push ${shown}.`, 'cancelled', `push ${shown}`);
  const expectedLayers = await countLayers(engine, tag ? [`${repository}:${tag}`] : await tagsOf(engine, repository));
  const transfer = await runTransfer(
    engine,
    {
      operation: `push ${shown}`,
      expectedLayers,
      credentialProblem: problem,
      context: {
        operation: 'push',
        registry,
        reference: tag ? `${repository}:${tag}` : repository,
        repository: ref.path,
        impliedHub: registry === 'docker.io' && !namesRegistry(ref),
      },
      open: (docker, signal) =>
        docker.getImage(repository).push({
          ...(tag ? { tag } : {}),
          ...(authconfig ? { authconfig } : {}),
          ...(signal ? { abortSignal: signal } : {}),
        } as Parameters<ReturnType<Engine['api']['getImage']>['push']>[0]),
    },
    options,
  );
  return { repository, pushed: transfer.pushed, transfer };
}

/**
 * The distinct layers a push will name: the engine names each by its diff ID's first
 * 12 hex digits, so the images' rootfs says how many to expect before the first one
 * is announced. Undefined when it cannot be read (the push itself then says why).
 */
async function countLayers(engine: Engine, references: readonly string[]): Promise<number | undefined> {
  if (references.length === 0) return undefined;
  try {
    const layers = new Set<string>();
    for (const ref of references) {
      const info = await engine.call(`read the layers of ${ref}`, (docker) => docker.getImage(ref).inspect());
      for (const diffId of info.RootFS?.Layers ?? []) layers.add(diffId.replace(/^sha256:/, '').slice(0, 12));
    }
    return layers.size;
  } catch {
    return undefined;
  }
}

/** Every local tag of a repository, as `docker push --all-tags` pushes them. */
async function tagsOf(engine: Engine, repository: string): Promise<string[]> {
  try {
    const images: Array<{ RepoTags?: string[] | null }> = await engine.call(`list the tags of ${repository}`, (docker) => docker.listImages({ filters: { reference: [repository] } }));
    return images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith(`${repository}:`)));
  } catch {
    return [];
  }
}
