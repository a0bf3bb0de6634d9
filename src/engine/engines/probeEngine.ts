import { Engine } from '../Engine';
import type { Endpoint } from '../Endpoint';

/** However slow an engine (an SSH host far away, a dead TCP address), the list does not wait longer. */
const TIMEOUT_MS = 4_000;

/** Asks one engine its version, OS and storage driver, with a time limit; never throws. */
export async function probeEngine(endpoint: Endpoint, env: NodeJS.ProcessEnv = process.env): Promise<{ answers: boolean; version?: string; os?: string; storageDriver?: string; error?: string }> {
  const engine = new Engine(endpoint, () => {}, env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    const [version, info] = await Promise.race([
      Promise.all([engine.call('read the engine version', (d) => d.version()), engine.call('read the engine info', (d) => d.info() as Promise<{ Driver?: string; OperatingSystem?: string }>)]),
      timeout,
    ]);
    const podman = (version.Components ?? []).some((c) => /^podman/i.test(c.Name));
    return { answers: true, version: `${podman ? 'Podman ' : ''}${version.Version}`, os: info.OperatingSystem ?? version.Os, storageDriver: info.Driver };
  } catch (err) {
    return { answers: false, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
