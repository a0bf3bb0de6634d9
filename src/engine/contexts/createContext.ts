import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerConfigDir } from '../credentials/dockerConfigDir';
import type { CredentialOptions } from '../credentials/types';
import { InputError } from '../images/InputError';
import { parseHost } from '../resolveEndpoint';
import { contextId } from './contextId';
import { validateContextName } from './validateContextName';

export interface NewContext {
  readonly name: string;
  readonly description?: string;
  /** As DOCKER_HOST writes it: `unix:///path`, `tcp://host:2376`, `ssh://user@host[:port]`. */
  readonly host: string;
  /** For tcp: paths of PEM files to copy into the context, as `docker context create --docker ca=…,cert=…,key=…`. */
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  readonly skipTLSVerify?: boolean;
}

/**
 * Creates a context exactly where and as `docker context create` does, so the CLI
 * lists, inspects and uses it: `contexts/meta/<sha256(name)>/meta.json` and the
 * TLS files under `contexts/tls/<sha256(name)>/docker/` (0700 folders, 0600 files).
 * Everything is checked and every TLS file read before anything is written; meta.json
 * comes last and by rename, so a context is never seen half made, and a failure
 * removes what was written.
 */
export async function createContext(context: NewContext, options: CredentialOptions = {}): Promise<void> {
  validateContextName(context.name);
  const endpoint = parseHostOrThrow(context.host);
  const tlsEntries = Object.entries(context.tls ?? {}).filter(([, path]) => path);
  if (tlsEntries.length > 0 && endpoint.kind !== 'tcp') {
    throw new InputError('host', context.host, `TLS files go with a tcp:// endpoint, not ${endpoint.kind}://`, 0, endpoint.kind.length);
  }
  const material = await Promise.all(
    tlsEntries.map(async ([kind, path]) => {
      const bytes = await readFile(path!).catch((err: NodeJS.ErrnoException) => {
        throw new InputError(`TLS ${kind} file`, path!, `it cannot be read (${err.code ?? err.message})`, 0, path!.length);
      });
      if (!bytes.includes('-----BEGIN ')) throw new InputError(`TLS ${kind} file`, path!, 'it is not a PEM file (no -----BEGIN line)', 0, path!.length);
      return [kind, bytes] as const;
    }),
  );

  const configDir = dockerConfigDir(options);
  const id = contextId(context.name);
  const metaDir = join(configDir, 'contexts', 'meta', id);
  const tlsRoot = join(configDir, 'contexts', 'tls', id);
  await mkdir(join(configDir, 'contexts', 'meta'), { recursive: true, mode: 0o755 });
  // Not recursive: the folder existing already is how a second create of the same name is refused, even a concurrent one.
  await mkdir(metaDir, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new InputError('context name', context.name, `a context named "${context.name}" already exists`, 0, context.name.length);
    throw new Error(`Could not create the context folder ${metaDir}: ${err.code ?? err.message}`);
  });
  try {
    if (material.length > 0) {
      await mkdir(join(configDir, 'contexts', 'tls'), { recursive: true, mode: 0o700 });
      await mkdir(join(tlsRoot, 'docker'), { recursive: true, mode: 0o700 });
      for (const [kind, bytes] of material) await writeFile(join(tlsRoot, 'docker', `${kind}.pem`), bytes, { mode: 0o600 });
    }
    const meta = {
      Name: context.name,
      Metadata: context.description ? { Description: context.description } : {},
      Endpoints: { docker: { Host: context.host, SkipTLSVerify: context.skipTLSVerify === true } },
    };
    const temp = join(metaDir, `.meta.json.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(JSON.stringify(meta));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(metaDir, 'meta.json'));
  } catch (err) {
    await rm(metaDir, { recursive: true, force: true });
    await rm(tlsRoot, { recursive: true, force: true });
    throw new Error(`Could not create the docker context "${context.name}" in ${configDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function parseHostOrThrow(host: string): ReturnType<typeof parseHost> {
  try {
    const endpoint = parseHost(host, 'host');
    if (endpoint.kind === 'npipe') throw new Error('a named pipe exists only on Windows');
    return endpoint;
  } catch (err) {
    const problem = (err as Error).message.replace(/^host "[^"]*":?\s*/, '');
    throw new InputError('host', host, problem, 0, host.length);
  }
}
