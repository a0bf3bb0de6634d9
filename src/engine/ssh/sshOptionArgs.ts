import type { Endpoint } from '../Endpoint';

/**
 * The options every ssh run for `endpoint` shares: another config file (as `ssh -F`),
 * the port and the user. Separate arguments, never a shell string.
 */
export function sshOptionArgs(endpoint: Endpoint, env: NodeJS.ProcessEnv): string[] {
  if (endpoint.kind !== 'ssh' || !endpoint.host) throw new Error(`${endpoint.url} is not an ssh:// endpoint`);
  const args: string[] = [];
  // The tests' own config; also for a user who keeps one apart.
  if (env.STOWAGE_SSH_CONFIG) args.push('-F', env.STOWAGE_SSH_CONFIG);
  if (endpoint.port && endpoint.port !== 22) args.push('-p', String(endpoint.port));
  if (endpoint.username) args.push('-l', endpoint.username);
  return args;
}
