import { InputError } from './InputError';

/** The grammar's tag rule: a word character, then up to 127 word characters, dots and dashes. */
const TAG_START = /\w/;
const TAG_REST = /[\w.-]/;

/** Checks a tag on its own (commit's tag field), throwing an InputError at the first bad character. */
export function requireTag(tag: string, field: string): void {
  if (tag.length === 0) throw new InputError(field, tag, 'a tag is needed', 0, 0);
  for (let i = 0; i < tag.length; i++) {
    if (!(i === 0 ? TAG_START : TAG_REST).test(tag[i])) {
      const problem = i === 0 ? 'a tag starts with a letter, digit or _' : `"${tag[i]}" cannot be in a tag (letters, digits, _ . - only)`;
      throw new InputError(field, tag, problem, i, i + 1);
    }
  }
  if (tag.length > 128) throw new InputError(field, tag, `a tag is at most 128 characters, this one has ${tag.length}`, 128, tag.length);
}
