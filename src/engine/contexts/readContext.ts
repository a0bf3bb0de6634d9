import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contextId } from './contextId';
import type { DockerContext } from './DockerContext';

interface MetaFile {
  Name?: unknown;
  Metadata?: { Description?: unknown };
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/**
 * Reads one context from its meta folder as the CLI stores it; a context whose
 * meta.json is unreadable is still listed, with the reason, as `docker context ls`
 * lists it with an ERROR. Undefined when the folder has no meta.json at all.
 */
export async function readContext(configDir: string, id: string): Promise<DockerContext | undefined> {
  const metaPath = join(configDir, 'contexts', 'meta', id);
  const tlsPath = join(configDir, 'contexts', 'tls', id, 'docker');
  let text: string;
  try {
    text = await readFile(join(metaPath, 'meta.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return broken(id, metaPath, tlsPath, `meta.json cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  let meta: MetaFile;
  try {
    meta = JSON.parse(text) as MetaFile;
  } catch {
    return broken(id, metaPath, tlsPath, `${join(metaPath, 'meta.json')} is not valid JSON`);
  }
  if (typeof meta?.Name !== 'string') return broken(id, metaPath, tlsPath, `${join(metaPath, 'meta.json')} names no context`);
  if (contextId(meta.Name) !== id) {
    return broken(id, metaPath, tlsPath, `${join(metaPath, 'meta.json')} names "${meta.Name}", which belongs in another folder`);
  }
  const docker = meta.Endpoints?.docker;
  const tlsFiles = await readdir(tlsPath).then(
    (names) => names.filter((n) => /^(ca|cert|key)\.pem$/.test(n)).sort(),
    () => [],
  );
  return {
    name: meta.Name,
    description: typeof meta.Metadata?.Description === 'string' ? meta.Metadata.Description : '',
    host: typeof docker?.Host === 'string' ? docker.Host : '',
    skipTLSVerify: docker?.SkipTLSVerify === true,
    tlsFiles,
    tlsPath,
    metaPath,
    error: typeof docker?.Host === 'string' ? undefined : 'it has no docker endpoint',
  };
}

function broken(id: string, metaPath: string, tlsPath: string, error: string): DockerContext {
  return { name: `(unreadable ${id.slice(0, 12)})`, description: '', host: '', skipTLSVerify: false, tlsFiles: [], tlsPath, metaPath, error };
}
