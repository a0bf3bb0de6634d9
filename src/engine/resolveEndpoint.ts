import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from './Endpoint';

export interface EndpointInputs {
  /** The `stowage.dockerHost` setting; empty means unset. */
  readonly setting?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * Resolves the engine the way the docker CLI does, so Stowage and the CLI in the
 * same shell talk to the same engine: setting, then DOCKER_HOST, then the current
 * context (DOCKER_CONTEXT or config.json's currentContext), then the default socket.
 */
export function resolveEndpoint(inputs: EndpointInputs): Endpoint {
  const env = inputs.env;
  const platform = inputs.platform ?? process.platform;
  if (inputs.setting && inputs.setting.trim()) {
    return parseHost(inputs.setting.trim(), 'setting', env);
  }
  if (env.DOCKER_HOST && env.DOCKER_HOST.trim()) {
    return parseHost(env.DOCKER_HOST.trim(), 'DOCKER_HOST', env);
  }
  const configDir = env.DOCKER_CONFIG || join(inputs.home ?? homedir(), '.docker');
  const contextName = env.DOCKER_CONTEXT || readCurrentContext(configDir);
  if (contextName && contextName !== 'default') {
    return contextEndpoint(configDir, contextName, env);
  }
  return defaultEndpoint(platform);
}

export function defaultEndpoint(platform: NodeJS.Platform): Endpoint {
  if (platform === 'win32') {
    return { url: 'npipe:////./pipe/docker_engine', kind: 'npipe', socketPath: '//./pipe/docker_engine', source: 'default' };
  }
  return { url: 'unix:///var/run/docker.sock', kind: 'unix', socketPath: '/var/run/docker.sock', source: 'default' };
}

function readCurrentContext(configDir: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function contextEndpoint(configDir: string, name: string, env: NodeJS.ProcessEnv): Endpoint {
  // The CLI names a context's folder by the sha256 of its name, so names can hold any character.
  const id = createHash('sha256').update(name).digest('hex');
  const metaPath = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch (err) {
    throw new Error(`Docker context "${name}" is selected but its description ${metaPath} cannot be read (${(err as Error).message}).`);
  }
  const host = meta.Endpoints?.docker?.Host;
  if (!host) throw new Error(`Docker context "${name}" has no docker endpoint in ${metaPath}.`);
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  const endpoint = parseHost(host, `context "${name}"`, env);
  if (endpoint.kind === 'tcp' && !env.DOCKER_CERT_PATH) {
    const skip = meta.Endpoints?.docker?.SkipTLSVerify === true;
    return { ...endpoint, tls: { verify: !skip, certPath: tlsDir } };
  }
  return endpoint;
}

/** Parses a DOCKER_HOST-style string; throws with the offending text when it makes no sense. */
export function parseHost(raw: string, source: string, env: NodeJS.ProcessEnv = {}): Endpoint {
  const m = /^([a-z]+):\/\/(.*)$/.exec(raw);
  if (!m) {
    throw new Error(`${source} "${raw}" is not an engine address: expected unix://, tcp://, ssh:// or npipe://.`);
  }
  const [, scheme, rest] = m;
  switch (scheme) {
    case 'unix':
      if (!rest.startsWith('/')) throw new Error(`${source} "${raw}": a unix socket path must be absolute.`);
      return { url: raw, kind: 'unix', socketPath: rest, source };
    case 'npipe':
      return { url: raw, kind: 'npipe', socketPath: rest.replace(/\//g, '\\').replace(/^\\\\\.\\/, '\\\\.\\') || '\\\\.\\pipe\\docker_engine', source };
    case 'tcp':
    case 'http':
    case 'https': {
      const { host, port } = splitHostPort(rest, raw, source, 2375);
      const certPath = env.DOCKER_CERT_PATH || undefined;
      const verify = !!env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0';
      const tls = scheme === 'https' || verify || certPath ? { verify, certPath } : undefined;
      return { url: raw, kind: 'tcp', host, port: port ?? (tls ? 2376 : 2375), tls, source };
    }
    case 'ssh': {
      const at = rest.lastIndexOf('@');
      const username = at >= 0 ? rest.slice(0, at) : undefined;
      const { host, port } = splitHostPort(at >= 0 ? rest.slice(at + 1) : rest, raw, source, 22);
      return { url: raw, kind: 'ssh', host, port: port ?? 22, username, source };
    }
    default:
      throw new Error(`${source} "${raw}": unsupported scheme "${scheme}://" (use unix, tcp, ssh or npipe).`);
  }
}

function splitHostPort(text: string, raw: string, source: string, _fallback: number): { host: string; port?: number } {
  const hostPart = text.replace(/\/.*$/, '');
  const m = /^(\[[^\]]+\]|[^:]*)(?::(.*))?$/.exec(hostPart);
  if (!m || !m[1]) throw new Error(`${source} "${raw}": no host name.`);
  const host = m[1].replace(/^\[|\]$/g, '');
  if (m[2] === undefined || m[2] === '') return { host };
  if (!/^\d+$/.test(m[2]) || Number(m[2]) > 65535) {
    throw new Error(`${source} "${raw}": port "${m[2]}" must be a number from 1 to 65535.`);
  }
  return { host, port: Number(m[2]) };
}
