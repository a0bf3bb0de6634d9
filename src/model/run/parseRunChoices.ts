import { InputError } from '../../engine/images/InputError';
import { parseContainerName } from './parseContainerName';
import { parseEnvList } from './parseEnvList';
import { parsePorts } from './parsePorts';
import { parseRunCommand } from './parseRunCommand';
import { parseVolumes } from './parseVolumes';
import type { RunChoices, RunSpec } from './RunSpec';

/** Checks every field of the Run dialog, before any engine call; the first bad field throws its InputError. */
export function parseRunChoices(image: string, choices: RunChoices, labels?: Record<string, string>): RunSpec {
  const ports = parsePorts(choices.ports);
  const volumes = parseVolumes(choices.volumes);
  const network = choices.network.trim() || undefined;
  if (network && /\s/.test(network)) throw new InputError('network', choices.network, 'a network name has no spaces', choices.network.search(/\S\s/) + 1, choices.network.length);
  if (choices.autoRemove && choices.restart !== 'no') throw new InputError('restart policy', choices.restart, 'a container removed when it stops (--rm) cannot also be restarted: choose one', 0, choices.restart.length);
  return {
    image,
    name: parseContainerName(choices.name),
    cmd: parseRunCommand(choices.command),
    env: parseEnvList(choices.env),
    exposedPorts: ports.exposedPorts,
    portBindings: ports.portBindings,
    binds: volumes.binds,
    volumes: volumes.volumes,
    network,
    restart: choices.restart,
    autoRemove: choices.autoRemove,
    interactive: choices.interactive,
    labels,
  };
}
