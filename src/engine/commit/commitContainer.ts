import type { Engine } from '../Engine';
import { dialEngine } from '../images/dialEngine';
import type { CommitOptions } from './CommitOptions';
import { commitQuery } from './commitQuery';

/**
 * `docker commit`: a new image from a container's filesystem and config, with
 * `changes` applied. Every input is checked first (commitQuery), so a bad change
 * or name never reaches the engine. Returns the new image's ID.
 */
export async function commitContainer(engine: Engine, container: string, options: CommitOptions = {}): Promise<string> {
  const query = commitQuery(container, options);
  const target = query.repo ? ` as ${query.repo}${query.tag ? `:${query.tag}` : ''}` : '';
  // The body is the new image's config, and `{}` means "the container's own", as no body
  // does: Docker reads both alike (same image config), but Podman 4.3 refuses a missing
  // body with 500 "Decode(): EOF", so one is always sent.
  const answer = await engine.call(`commit container ${container}${target}`, (docker) =>
    dialEngine<{ Id?: string }>(docker, { method: 'POST', path: '/commit', query, json: {}, ok: [201] }),
  );
  if (!answer?.Id) throw new Error(`The engine committed container ${container} but did not say the new image's ID.`);
  // Podman answers with the bare hex; Docker, and every other ID Stowage shows, has `sha256:`.
  return /^[0-9a-f]{64}$/.test(answer.Id) ? `sha256:${answer.Id}` : answer.Id;
}
