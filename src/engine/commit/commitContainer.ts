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
  const answer = await engine.call(`commit container ${container}${target}`, (docker) =>
    dialEngine<{ Id?: string }>(docker, { method: 'POST', path: '/commit', query, ok: [201] }),
  );
  if (!answer?.Id) throw new Error(`The engine committed container ${container} but did not say the new image's ID.`);
  return answer.Id;
}
