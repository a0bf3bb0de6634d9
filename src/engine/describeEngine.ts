import type { Engine } from './Engine';
import type { EngineDescription } from './types';

/** What Stowage is connected to: `docker version` and `docker info` in one. */
export async function describeEngine(engine: Engine): Promise<EngineDescription> {
  const [version, info] = await Promise.all([
    engine.call('read the engine version', (d) => d.version()),
    engine.call('read the engine info', (d) => d.info() as Promise<Record<string, unknown>>),
  ]);
  return {
    endpoint: engine.endpoint.url,
    source: engine.endpoint.source,
    version: version.Version,
    apiVersion: version.ApiVersion,
    os: String(info.OperatingSystem ?? version.Os),
    arch: version.Arch,
    kernel: version.KernelVersion,
    storageDriver: String(info.Driver ?? ''),
    rootDir: String(info.DockerRootDir ?? ''),
    images: Number(info.Images ?? 0),
    containers: Number(info.Containers ?? 0),
    running: Number(info.ContainersRunning ?? 0),
    stopped: Number(info.ContainersStopped ?? 0),
    name: String(info.Name ?? ''),
  };
}
