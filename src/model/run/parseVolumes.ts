import { InputError } from '../../engine/images/InputError';
import { splitWords } from './splitWords';

const FIELD = 'volume';

/**
 * `-v` specs, separated by spaces or commas: `/host/dir:/in/container[:ro|rw]` binds a
 * host path, `name:/in/container` mounts a named volume, `/in/container` an anonymous
 * one. Returns the engine's `Binds` and the anonymous `Volumes`.
 */
export function parseVolumes(input: string): { binds: string[]; volumes: Record<string, Record<string, never>> } {
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const word of splitWords(input.replace(/,/g, ' '), FIELD)) {
    const parts = word.text.split(':');
    const err = (problem: string, part: number) => {
      const from = parts.slice(0, part).reduce((n, p) => n + p.length + 1, 0);
      return new InputError(FIELD, input, `${problem} in "${word.text}"`, word.start + from, word.start + from + Math.max(parts[part]?.length ?? 1, 1));
    };
    if (parts.length === 1) {
      if (!parts[0].startsWith('/')) throw err('the path inside the container is absolute (starts with "/")', 0);
      volumes[parts[0]] = {};
      continue;
    }
    if (parts.length > 3) throw err('too many ":"; the form is source:/path/in/container[:ro]', 3);
    const [source, target, mode] = parts;
    if (!source) throw err('the source (host path or volume name) is empty', 0);
    if (!source.startsWith('/') && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source)) throw err('the source is an absolute host path or a volume name (letters, digits, "_", ".", "-")', 0);
    if (!target.startsWith('/')) throw err('the path inside the container is absolute (starts with "/")', 1);
    if (mode !== undefined && !['ro', 'rw'].includes(mode)) throw err('the mode is ro or rw', 2);
    binds.push(word.text);
  }
  return { binds, volumes };
}
