import type { EntryProblem } from '../../model/registries/parseRegistryAddress';

/** A registry or repository entry's problem as an input box (or error) says it: what, and at which character. */
export function entryInputError(text: string, error: EntryProblem): string {
  const bad = text.slice(error.start, Math.max(error.end, error.start + 1));
  const shown = bad.length > 20 ? `${bad.slice(0, 20)}…` : bad;
  return `${error.problem}${text.trim() ? ` — at character ${error.start + 1}${shown.trim() ? ` ("${shown}")` : ''}` : ''}`;
}
