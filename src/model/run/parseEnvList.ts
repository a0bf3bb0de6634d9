import { InputError } from '../../engine/images/InputError';
import { splitWords } from './splitWords';

/** `KEY=value KEY2="with spaces"` into the engine's `Env` list (`KEY=value`). */
export function parseEnvList(input: string): string[] {
  return splitWords(input, 'environment variable').map((w) => {
    const eq = w.text.indexOf('=');
    if (eq < 0) throw new InputError('environment variable', input, `"${w.text}" has no "=": write NAME=value`, w.start, w.end);
    const key = w.text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new InputError('environment variable', input, key ? `"${key}" is not a variable name (letters, digits, "_", not starting with a digit)` : 'the name before "=" is empty', w.start, w.start + Math.max(eq, 1));
    return w.text;
  });
}
