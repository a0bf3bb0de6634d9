import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Endpoint } from '../Endpoint';
import type { HostKeyOffer } from './HostKeyOffer';
import { runTool } from './runTool';
import { sshOptionArgs } from './sshOptionArgs';

/** known_hosts key types for ssh's host key algorithms (an RSA key signs as rsa-sha2-*). */
function keyTypeOf(algorithm: string): string | undefined {
  if (algorithm.includes('-cert-v01@') || algorithm.startsWith('sk-')) return undefined;
  return algorithm.startsWith('rsa-sha2-') ? 'ssh-rsa' : algorithm;
}

/** `SHA256:…` as ssh prints a key's fingerprint: unpadded base64 of the blob's SHA-256. */
export function fingerprintOf(keyBase64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key an SSH engine's host presents, and whether the user's known_hosts knows it,
 * for asking the user before a first connection (as ssh asks in a terminal). The
 * host, port, HostKeyAlias and known_hosts files are those ssh itself uses for the
 * endpoint (`ssh -G`, so ~/.ssh/config applies); the key is read with ssh-keyscan,
 * which logs into nothing; the key offered is the one ssh would negotiate first.
 */
export async function readHostKey(endpoint: Endpoint, env: NodeJS.ProcessEnv = process.env): Promise<HostKeyOffer> {
  const options = sshOptionArgs(endpoint, env);
  const g = await runTool('ssh', ['-G', ...options, '--', endpoint.host!], env);
  if (g.code !== 0) throw new Error(`ssh could not read its configuration for ${endpoint.url}: ${g.stderr.trim() || `exit ${g.code}`}`);
  const conf = new Map<string, string>();
  for (const line of g.stdout.split('\n')) {
    const at = line.indexOf(' ');
    if (at > 0 && !conf.has(line.slice(0, at))) conf.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  const hostname = (conf.get('hostname') ?? endpoint.host!).toLowerCase();
  const port = Number(conf.get('port') ?? 22);
  const alias = conf.get('hostkeyalias');
  const knownHostsName = alias && alias !== 'none' ? alias : port === 22 ? hostname : `[${hostname}]:${port}`;

  const scan = await runTool('ssh-keyscan', ['-T', '10', '-p', String(port), '--', hostname], env);
  const offered = new Map<string, string>();
  for (const line of scan.stdout.split('\n')) {
    const [, type, key] = line.trim().split(/\s+/);
    if (type && key && !line.startsWith('#') && !offered.has(type)) offered.set(type, key);
  }
  if (offered.size === 0) {
    const said = scan.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(-2).join(' ');
    throw new Error(`the host at ${endpoint.url} presented no host key${said ? ` (ssh-keyscan said: ${said})` : ''}: it is unreachable or not an SSH server`);
  }
  const order = (conf.get('hostkeyalgorithms') ?? '').split(',').map(keyTypeOf).filter((t): t is string => !!t);
  const keyType = order.find((t) => offered.has(t)) ?? [...offered.keys()][0];
  const key = offered.get(keyType)!;

  const files = [...(conf.get('userknownhostsfile') ?? '').split(/\s+/), ...(conf.get('globalknownhostsfile') ?? '').split(/\s+/)].filter((f) => f && f !== 'none');
  const recorded = await recordedKeys(knownHostsName, files, env);
  const offeredKeys = new Set([...offered].map(([t, k]) => `${t} ${k}`));
  const state = recorded.length === 0 ? 'unknown' : recorded.some((r) => offeredKeys.has(r)) ? 'known' : 'changed';
  const knownHostsFile = (conf.get('userknownhostsfile') ?? '').split(/\s+/)[0];
  if (!knownHostsFile) throw new Error(`ssh names no known_hosts file for ${endpoint.url}`);
  return { url: endpoint.url, knownHostsName, keyType, key, fingerprint: fingerprintOf(key), state, knownHostsFile, hashNames: conf.get('hashknownhosts') === 'yes' };
}

/** `type key` of every key the files record for `name` (hashed names included), as ssh-keygen -F finds them. */
export async function recordedKeys(name: string, files: readonly string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const keys: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const found = await runTool('ssh-keygen', ['-F', name, '-f', file], env);
    for (const line of found.stdout.split('\n')) {
      const t = line.trim();
      // Revoked keys and CA lines are not host keys of this host.
      if (!t || t.startsWith('#') || t.startsWith('@')) continue;
      const [, type, key] = t.split(/\s+/);
      if (type && key) keys.push(`${type} ${key}`);
    }
  }
  return keys;
}
