import { existsSync } from 'node:fs';
import type { CredentialOptions } from '../credentials/types';
import type { Endpoint } from '../Endpoint';
import { contextEndpoint } from '../contexts/contextEndpoint';
import { listContexts } from '../contexts/listContexts';
import { parseHost } from '../resolveEndpoint';
import type { KnownEngine } from './KnownEngine';
import { probeEngine } from './probeEngine';

/** Where Podman's Docker-compatible socket is found: rootful, the machine's test service, the user's own. */
function podmanSockets(env: NodeJS.ProcessEnv): string[] {
  const uid = process.getuid?.();
  const candidates = ['/run/podman/podman.sock', '/run/stowage-podman/podman.sock'];
  if (env.XDG_RUNTIME_DIR) candidates.push(`${env.XDG_RUNTIME_DIR}/podman/podman.sock`);
  else if (uid !== undefined) candidates.push(`/run/user/${uid}/podman/podman.sock`);
  return [...new Set(candidates)].filter((p) => existsSync(p));
}

/**
 * Every engine within reach, side by side: each docker CLI context (the current one
 * marked), DOCKER_HOST when set, Podman's sockets where found, and the endpoints
 * the user added. All are asked at once, each with its own time limit, so one that
 * is down never delays the others.
 */
export async function listEngines(added: readonly string[], options: CredentialOptions = {}): Promise<KnownEngine[]> {
  const env = options.env ?? process.env;
  const { contexts, current } = await listContexts(options);
  const rows: { base: Omit<KnownEngine, 'answers'>; endpoint?: Endpoint }[] = [];
  const seen = new Set<string>();
  for (const c of contexts) {
    // The built-in context is DOCKER_HOST when that is set; it gets its own row then.
    if (c.name === 'default' && env.DOCKER_HOST?.trim()) continue;
    let endpoint: Endpoint | undefined;
    let error: string | undefined;
    try {
      endpoint = contextEndpoint(c);
    } catch (err) {
      error = (err as Error).message;
    }
    rows.push({ base: { name: c.name, url: c.host, origin: 'context', cliCurrent: c.name === current, description: c.description, error }, endpoint });
    seen.add(c.host);
  }
  const others: [string, KnownEngine['origin']][] = [];
  if (env.DOCKER_HOST?.trim()) others.push([env.DOCKER_HOST.trim(), 'DOCKER_HOST']);
  for (const socket of podmanSockets(env)) others.push([`unix://${socket}`, 'podman']);
  for (const url of added) others.push([url.trim(), 'added']);
  for (const [url, origin] of others) {
    if (seen.has(url) && origin !== 'DOCKER_HOST') continue;
    seen.add(url);
    try {
      rows.push({ base: { name: url, url, origin, cliCurrent: false }, endpoint: parseHost(url, origin === 'added' ? 'added endpoint' : origin) });
    } catch (err) {
      rows.push({ base: { name: url, url, origin, cliCurrent: false, error: (err as Error).message } });
    }
  }
  return Promise.all(
    rows.map(async ({ base, endpoint }) => {
      if (!endpoint) return { ...base, answers: false };
      const probe = await probeEngine(endpoint, env);
      return { ...base, ...probe, error: probe.error ?? base.error };
    }),
  );
}
