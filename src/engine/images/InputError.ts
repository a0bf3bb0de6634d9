/**
 * Bad input caught before any engine call: what was wrong, in which field, and
 * where in it ([start, end) offsets), so a command can show it and an input box
 * can point at it. Recognised by `name`, since the engine layer is its own bundle.
 */
export class InputError extends Error {
  override name = 'InputError';

  constructor(
    /** Which input, e.g. `new reference`, `change 2`, `repository`. */
    readonly field: string,
    readonly input: string,
    /** The problem alone, e.g. `uppercase letter in repository name`. */
    readonly problem: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(`Invalid ${field} "${shown(input)}": ${problem} (${describeSpan(input, start, end)})`);
  }
}

/** The input as a message quotes it: whole when short, else its start and its length (a 200 KB change is not a message). */
function shown(input: string): string {
  return input.length <= 120 ? input : `${input.slice(0, 80)}… (${input.length.toLocaleString('en-US')} characters)`;
}

function describeSpan(input: string, start: number, end: number): string {
  if (input.length === 0) return 'it is empty';
  const from = Math.min(start, input.length);
  const bad = input.slice(from, Math.max(end, from + 1));
  const at = `at character ${from + 1}`;
  return bad.trim() ? `${at}: "${bad.length > 24 ? bad.slice(0, 24) + '…' : bad}"` : at;
}
