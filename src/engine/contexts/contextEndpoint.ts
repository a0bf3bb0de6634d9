import type { Endpoint } from '../Endpoint';
import { parseHost } from '../resolveEndpoint';
import type { DockerContext } from './DockerContext';

/** The endpoint a context describes, with its TLS folder for tcp, as the CLI would connect. */
export function contextEndpoint(context: DockerContext): Endpoint {
  if (context.error) throw new Error(`The docker context "${context.name}" cannot be used: ${context.error}.`);
  const endpoint = parseHost(context.host, `context "${context.name}"`);
  if (endpoint.kind === 'tcp' && (context.tlsFiles.length > 0 || context.skipTLSVerify)) {
    return { ...endpoint, tls: { verify: !context.skipTLSVerify, certPath: context.tlsFiles.length > 0 ? context.tlsPath : undefined } };
  }
  return endpoint;
}
