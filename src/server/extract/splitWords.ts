/** One whitespace-separated word of an instruction's arguments. */
export interface Word {
  readonly text: string;
  /** Offset in the string that was split. */
  readonly start: number;
}

const OPENERS: ReadonlyArray<readonly [string, string]> = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['${', '}'],
];

/**
 * Splits instruction arguments at whitespace, the way the builder splits FROM, COPY and
 * ARG, except that whitespace inside quotes, `${…}` and template expressions (`{{ … }}`,
 * `{% … %}`) does not split: `buildpack-deps:{{ env.codename }}-curl` is one word, not
 * three. An opener with no closer on the line is read as plain text.
 */
export function splitWords(args: string): Word[] {
  const words: Word[] = [];
  let start = -1;
  let i = 0;
  while (i < args.length) {
    const c = args[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f') {
      if (start >= 0) words.push({ text: args.slice(start, i), start });
      start = -1;
      i++;
      continue;
    }
    if (start < 0) start = i;
    i = skipGroup(args, i);
  }
  if (start >= 0) words.push({ text: args.slice(start), start });
  return words;
}

/** The offset after the character at `i`, or after the whole group it opens. */
function skipGroup(s: string, i: number): number {
  const c = s[i];
  if (c === '"' || c === "'") {
    const end = s.indexOf(c, i + 1);
    return end < 0 ? i + 1 : end + 1;
  }
  for (const [open, close] of OPENERS) {
    if (!s.startsWith(open, i)) continue;
    const end = s.indexOf(close, i + open.length);
    return end < 0 ? i + 1 : end + close.length;
  }
  return i + 1;
}
