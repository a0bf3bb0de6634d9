import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { InputError } from '../images/InputError';
import type { RunSpec } from '../../model/run/RunSpec';
import { explainRunFailure } from './explainRunFailure';

export interface RunResult {
  readonly id: string;
  readonly name: string;
  /** For an interactive run: the container's TTY, attached before it started so no output is missed. */
  readonly stream?: Duplex;
}

/**
 * `docker run` through the Engine API: checks the name and the network first, creates,
 * (attaches,) starts. If anything after the create fails, the container is removed
 * again, so a failed run leaves nothing behind.
 */
export async function runContainer(engine: Engine, spec: RunSpec, signal?: AbortSignal): Promise<RunResult> {
  if (spec.name) await refuseNameClash(engine, spec.name);
  if (spec.network) await requireNetwork(engine, spec.network);
  const options: Dockerode.ContainerCreateOptions = {
    Image: spec.image,
    name: spec.name,
    Cmd: spec.cmd,
    Env: spec.env.length ? spec.env : undefined,
    ExposedPorts: Object.keys(spec.exposedPorts).length ? spec.exposedPorts : undefined,
    Volumes: Object.keys(spec.volumes).length ? spec.volumes : undefined,
    Labels: spec.labels,
    Tty: spec.interactive,
    OpenStdin: spec.interactive,
    StdinOnce: spec.interactive,
    AttachStdin: spec.interactive,
    AttachStdout: spec.interactive,
    AttachStderr: spec.interactive,
    HostConfig: {
      PortBindings: Object.keys(spec.portBindings).length ? spec.portBindings : undefined,
      Binds: spec.binds.length ? spec.binds : undefined,
      NetworkMode: spec.network,
      RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart },
      AutoRemove: spec.autoRemove,
    },
  };
  const what = `run ${spec.image}${spec.name ? ` as ${spec.name}` : ''}`;
  let container: Dockerode.Container;
  try {
    container = await engine.call(`create a container from ${spec.image}`, (d) => d.createContainer({ ...options, abortSignal: signal } as Dockerode.ContainerCreateOptions));
  } catch (err) {
    throw explainRunFailure(err, spec, what);
  }
  try {
    const stream = spec.interactive
      ? ((await engine.call(`attach to the new container`, () => container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true } as never))) as unknown as Duplex)
      : undefined;
    try {
      await engine.call(`start the new container`, () => container.start());
    } catch (err) {
      stream?.destroy();
      throw err;
    }
    const info = await engine.call('inspect the new container', () => container.inspect()).catch(() => undefined);
    return { id: container.id, name: info?.Name.replace(/^\//, '') ?? spec.name ?? container.id.slice(0, 12), stream };
  } catch (err) {
    await engine.call('remove the container that failed to start', () => container.remove({ force: true, v: true })).catch(() => {});
    throw explainRunFailure(err, spec, what);
  }
}

async function refuseNameClash(engine: Engine, name: string): Promise<void> {
  const owners = await engine.call('list containers', (d) => d.listContainers({ all: true, filters: { name: [`^/${name}$`] } }));
  const owner = owners.find((c) => c.Names.some((n) => n === `/${name}`));
  if (owner) throw new InputError('container name', name, `a container named ${name} already exists (${owner.Id.slice(0, 12)}, ${owner.State}): choose another name or remove it`, 0, name.length);
}

async function requireNetwork(engine: Engine, network: string): Promise<void> {
  // The built-in modes are not networks one can inspect by these names on every engine.
  if (['bridge', 'host', 'none', 'default'].includes(network) || network.startsWith('container:')) return;
  try {
    await engine.call(`inspect network ${network}`, (d) => d.getNetwork(network).inspect());
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'notFound') throw new InputError('network', network, `there is no network named ${network} on this engine`, 0, network.length);
    throw err;
  }
}
