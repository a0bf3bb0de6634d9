import type { Engine } from './Engine';
import { InputError } from './images/InputError';
import { parseContainerName } from '../model/run/parseContainerName';

/** `docker rename`: the new name checked as the engine checks it before the engine is asked. */
export async function renameContainer(engine: Engine, container: string, newName: string): Promise<string> {
  const name = parseContainerName(newName);
  if (!name) throw new InputError('container name', newName, 'the new name is empty', 0, newName.length);
  await engine.call(`rename container ${container} to ${name}`, (d) => d.getContainer(container).rename({ name }));
  return name;
}
