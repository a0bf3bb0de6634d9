import type { Endpoint } from '../Endpoint';
import { sshOptionArgs } from './sshOptionArgs';

/**
 * The argv for `ssh … docker system dial-stdio`, as the docker CLI runs it for an
 * ssh:// host: the user's own ssh with their keys, agent, ~/.ssh/config and
 * known_hosts. BatchMode: nothing can be typed into it, so an unknown host key or a
 * missing key fails with a message instead of waiting for a prompt nobody sees (an
 * unknown key is offered to the user with its fingerprint by readHostKey instead).
 * Never a shell string: user and host are separate arguments after `--`.
 */
export function sshArgs(endpoint: Endpoint, env: NodeJS.ProcessEnv): string[] {
  const options = sshOptionArgs(endpoint, env);
  return ['-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', ...options, '--', endpoint.host!, 'docker', 'system', 'dial-stdio'];
}
