import type { Endpoint } from '../Endpoint';

/**
 * The argv for `ssh … docker system dial-stdio`, as the docker CLI runs it for an
 * ssh:// host: the user's own ssh with their keys, agent, ~/.ssh/config and
 * known_hosts. BatchMode: nothing can be typed into it, so an unknown host key or a
 * missing key fails with a message instead of waiting for a prompt nobody sees.
 * Never a shell string: user and host are separate arguments after `--`.
 */
export function sshArgs(endpoint: Endpoint, env: NodeJS.ProcessEnv): string[] {
  if (endpoint.kind !== 'ssh' || !endpoint.host) throw new Error(`${endpoint.url} is not an ssh:// endpoint`);
  const args = ['-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10'];
  // Another config file, as `ssh -F` (the tests' own; also for a user who keeps one apart).
  if (env.STOWAGE_SSH_CONFIG) args.push('-F', env.STOWAGE_SSH_CONFIG);
  if (endpoint.port && endpoint.port !== 22) args.push('-p', String(endpoint.port));
  if (endpoint.username) args.push('-l', endpoint.username);
  args.push('--', endpoint.host, 'docker', 'system', 'dial-stdio');
  return args;
}
