import type { Engine } from '../../../src/engine/Engine';
import { login } from '../../../src/engine/registry/login';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { cleanup, uniqueName } from '../../support/testEngine';
import { deleteRegistryTag } from '../../e2e/support/deleteRegistryTag';
import { registryAccount, tempDockerConfig, uniqueImage, type TempDockerConfig } from '../registry/registryTestKit';

export const account = registryAccount();

/** A repository of this test's own in the test registry, under `s9reg/`, holding `tags` (one image, several names). */
export interface PushedRepository {
  readonly path: string;
  readonly repository: string;
  readonly tags: string[];
  readonly cfg: TempDockerConfig;
  readonly remove: () => Promise<void>;
}

export async function pushedRepository(engine: Engine, tags: string[], label = 'repo'): Promise<PushedRepository> {
  const cfg = tempDockerConfig();
  const path = `s9reg/${uniqueName(label)}`;
  const repository = `${account.registry}/${path}`;
  const remove = async () => {
    for (const tag of tags) await deleteRegistryTag(account, path, tag).catch(() => {});
    await cleanup(engine, { images: tags.map((t) => `${repository}:${t}`) });
    cfg.remove();
  };
  try {
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await uniqueImage(engine, repository, tags[0], 0);
    for (const tag of tags.slice(1)) await engine.api.getImage(`${repository}:${tags[0]}`).tag({ repo: repository, tag });
    await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
    return { path, repository, tags, cfg, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}
