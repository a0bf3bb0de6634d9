import type { ChangeError } from './ChangeCheck';

export interface ChangeWord {
  /** The word as written, quotes and escapes included (the engine splits on `=` in this form). */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** Offset in the line of the first `=` outside quotes, or -1. */
  readonly equals: number;
}

/**
 * Splits ENV/LABEL arguments into words the way the Dockerfile parser does:
 * whitespace separates words except inside '…' or "…", and a backslash escapes
 * the next character (not inside single quotes). Quotes stay in the words; only
 * the split matters here. An unclosed quote is an error: the engine would keep
 * the quote literally and then fail, or worse, not.
 */
export function splitChangeWords(line: string, from: number): { words: ChangeWord[]; error?: ChangeError } {
  const words: ChangeWord[] = [];
  let i = from;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    let quote: string | null = null;
    let quoteAt = -1;
    let equals = -1;
    while (i < line.length) {
      const ch = line[i];
      if (quote === null && /\s/.test(ch)) break;
      if (ch === '\\' && quote !== "'" && i + 1 < line.length) {
        i += 2;
        continue;
      }
      if (quote === null && (ch === '"' || ch === "'")) {
        quote = ch;
        quoteAt = i;
      } else if (ch === quote) {
        quote = null;
      } else if (ch === '=' && equals < 0) {
        equals = i;
      }
      i++;
    }
    if (quote !== null) {
      return { words, error: { message: `unclosed ${quote} quote`, start: quoteAt, end: quoteAt + 1 } };
    }
    words.push({ raw: line.slice(start, i), start, end: i, equals });
  }
  return { words };
}
