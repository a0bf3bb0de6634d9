import { readSimpleYaml } from './readSimpleYaml';
import { readYamlWithLibrary } from './readYamlWithLibrary';
import type { YNode } from './YNode';

/** One chunk's documents: the fast block-style reader when it can, the yaml library otherwise. */
export function readYaml(text: string, base = 0): YNode[] {
  const fast = readSimpleYaml(text, base);
  if (fast === null) return [];
  if (fast !== undefined) return [fast];
  return readYamlWithLibrary(text, base);
}
