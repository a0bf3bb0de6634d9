import { InputError } from '../images/InputError';

/** The docker CLI's own pattern (cli/context/store): at least two characters, no slash, no space. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Throws an InputError saying what is wrong with a context name, as `docker context create` would refuse it. */
export function validateContextName(name: string): void {
  if (NAME.test(name) && name !== 'default') return;
  const fail = (problem: string, at: number) => {
    throw new InputError('context name', name, problem, at, at + 1);
  };
  if (name === 'default') fail('"default" is the docker CLI\'s built-in context and cannot be created or removed', 0);
  if (name.length === 0) fail('a name is needed', 0);
  if (!/[a-zA-Z0-9]/.test(name[0])) fail('a context name must start with a letter or digit', 0);
  const bad = [...name].findIndex((c) => !/[a-zA-Z0-9_.+-]/.test(c));
  if (bad >= 0) fail('a context name may hold only letters, digits and _ . + -', bad);
  fail('a context name needs at least two characters', 0);
}
