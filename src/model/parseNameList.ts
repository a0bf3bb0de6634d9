import { parseReference } from '../reference/parseReference';

/** One name of a list, where it was typed, and the name the engine will know (`:latest` when no tag was given). */
export interface ListedName {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** As the docker CLI reads it, with the tag: `walk/app:latest` for `walk/app`. */
  readonly reference: string;
  /** The full form, for comparing names however they were written: `docker.io/walk/app:latest`. */
  readonly canonical: string;
}

export interface NameListError {
  readonly message: string;
  /** [start, end) in the whole input. */
  readonly start: number;
  readonly end: number;
}

export type NameList = { readonly names: ListedName[]; readonly error?: undefined } | { readonly names?: undefined; readonly error: NameListError };

/**
 * Reads the Tag input: one or more image names separated by spaces or commas,
 * each checked with the shared grammar (as the docker CLI reads a name). The
 * first problem is reported with its position in the whole input, and which name
 * it is in, so one input box can say exactly what to fix. Pure.
 */
export function parseNameList(input: string): NameList {
  const names: ListedName[] = [];
  const seen = new Map<string, number>();
  const word = /[^\s,]+/g;
  for (let m = word.exec(input); m; m = word.exec(input)) {
    const text = m[0];
    const start = m.index;
    const which = `name ${names.length + 1} ("${text.length > 40 ? `${text.slice(0, 40)}…` : text}")`;
    const parsed = parseReference(text, 'normalized');
    if (!parsed.valid) {
      const { message, start: s, end: e } = parsed.error;
      return { error: { message: `${which}: ${message}, at character ${start + s + 1}`, start: start + s, end: start + Math.max(e, s + 1) } };
    }
    if (parsed.digest) {
      const at = text.indexOf('@');
      return { error: { message: `${which}: a digest names content, not a place; give name:tag (at character ${start + at + 1})`, start: start + at, end: start + text.length } };
    }
    const reference = parsed.tag === null ? `${text}:latest` : text;
    const canonical = `${parsed.fullName}:${parsed.tag ?? 'latest'}`;
    const earlier = seen.get(canonical);
    if (earlier !== undefined) {
      return { error: { message: `${which} is the same name as name ${earlier + 1} (${canonical}), at character ${start + 1}`, start, end: start + text.length } };
    }
    seen.set(canonical, names.length);
    names.push({ text, start, end: start + text.length, reference, canonical });
  }
  if (names.length === 0) return { error: { message: 'Type one or more names, separated by spaces or commas, e.g. walk/app:1.0 walk/app:latest', start: 0, end: input.length } };
  return { names };
}
