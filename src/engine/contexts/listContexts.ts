import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerConfigDir } from '../credentials/dockerConfigDir';
import { readDockerConfig } from '../credentials/readDockerConfig';
import type { CredentialOptions } from '../credentials/types';
import type { ContextList, DockerContext } from './DockerContext';
import { readContext } from './readContext';

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/**
 * Every context the docker CLI knows, read from `$DOCKER_CONFIG/contexts/meta`, with
 * the built-in `default` one (DOCKER_HOST or the default socket) first, and the
 * current one as the CLI picks it: DOCKER_CONTEXT, else config.json's currentContext.
 */
export async function listContexts(options: CredentialOptions = {}): Promise<ContextList> {
  const env = options.env ?? process.env;
  const configDir = dockerConfigDir(options);
  const ids = await readdir(join(configDir, 'contexts', 'meta')).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw new Error(`Could not read the docker contexts in ${join(configDir, 'contexts', 'meta')}: ${err.code ?? err.message}`);
  });
  const found = (await Promise.all(ids.filter((id) => /^[0-9a-f]{64}$/.test(id)).map((id) => readContext(configDir, id)))).filter(
    (c): c is DockerContext => c !== undefined,
  );
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const dockerHost = env.DOCKER_HOST?.trim() || undefined;
  const builtIn: DockerContext = {
    name: 'default',
    description: 'Current DOCKER_HOST based configuration',
    host: dockerHost ?? DEFAULT_SOCKET,
    skipTLSVerify: false,
    tlsFiles: [],
    tlsPath: '',
    metaPath: '',
  };
  let current = 'default';
  let currentFrom: ContextList['currentFrom'] = 'default';
  if (env.DOCKER_CONTEXT) {
    current = env.DOCKER_CONTEXT;
    currentFrom = 'DOCKER_CONTEXT';
  } else {
    const { config } = await readDockerConfig(options);
    if (typeof config.currentContext === 'string' && config.currentContext !== '') {
      current = config.currentContext;
      currentFrom = 'config.json';
    }
  }
  return { contexts: [builtIn, ...found], current, currentFrom, dockerHost };
}
