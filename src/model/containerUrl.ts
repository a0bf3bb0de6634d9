import type { ContainerSummary } from '../engine/types';

/**
 * Where a browser reaches a container's web server: a published TCP port on this host
 * first; else, like the article's `curl` of `docker inspect`'s IP, the container's own
 * address and its exposed port (reachable from the engine's host). undefined when
 * neither exists.
 */
export function containerUrl(c: ContainerSummary): string | undefined {
  const tcp = c.ports.filter((p) => p.type === 'tcp');
  const published = tcp.find((p) => p.publicPort);
  if (published) {
    const host = !published.ip || published.ip === '0.0.0.0' || published.ip === '::' ? 'localhost' : published.ip.includes(':') ? `[${published.ip}]` : published.ip;
    return `http://${host}:${published.publicPort}/`;
  }
  const exposed = tcp.find((p) => p.privatePort);
  const address = c.networks?.find((n) => n.ip);
  if (!exposed || !address) return undefined;
  return `http://${address.ip.includes(':') ? `[${address.ip}]` : address.ip}:${exposed.privatePort}/`;
}
