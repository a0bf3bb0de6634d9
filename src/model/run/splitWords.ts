import { InputError } from '../../engine/images/InputError';

/** One word of a line, with where it starts and ends in the line (for positioned errors). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits a line into words the way a POSIX shell tokenizes them (spaces separate;
 * '…' is literal, "…" and \ escape), with no expansion of any kind: the words go
 * to the engine as argv, never to a shell, so `$HOME` or `;` stays as typed.
 */
export function splitWords(line: string, field: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    while (i < line.length && !/\s/.test(line[i])) {
      const ch = line[i];
      if (ch === "'" || ch === '"') {
        const close = findClose(line, i + 1, ch);
        if (close < 0) throw new InputError(field, line, `${ch === "'" ? 'single' : 'double'} quote opened here is never closed`, i, i + 1);
        const inner = line.slice(i + 1, close);
        text += ch === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
        i = close + 1;
      } else if (ch === '\\') {
        if (i + 1 >= line.length) throw new InputError(field, line, 'a backslash at the end escapes nothing', i, i + 1);
        text += line[i + 1];
        i += 2;
      } else {
        text += ch;
        i++;
      }
    }
    words.push({ text, start, end: i });
  }
  return words;
}

function findClose(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}
