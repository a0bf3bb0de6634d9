import type { Engine } from './Engine';
import { familiarName } from './familiarName';
import type { ContainerSummary } from './types';

/** Running and stopped containers, as `docker ps -a` lists them. */
export async function listContainers(engine: Engine): Promise<ContainerSummary[]> {
  const raw = await engine.call('list containers', (d) => d.listContainers({ all: true }));
  return raw.map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    // Podman gives the image's full name (docker.io/…) where Docker gives the name it was
    // run with, usually familiar: one form for both (the same image either way).
    image: familiarName(c.Image),
    imageId: c.ImageID,
    state: c.State,
    status: c.Status,
    created: c.Created,
    ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, type: p.Type, ip: p.IP })),
    labels: c.Labels ?? {},
    networks: Object.entries(c.NetworkSettings?.Networks ?? {}).flatMap(([name, n]) => (n?.IPAddress ? [{ name, ip: n.IPAddress }] : n?.GlobalIPv6Address ? [{ name, ip: n.GlobalIPv6Address }] : [])),
  }));
}
