import type { ChangeError } from './ChangeCheck';

export type JsonArrayResult = { readonly values: string[]; readonly error?: undefined } | { readonly values?: undefined; readonly error: ChangeError };

/**
 * Reads the JSON ("exec") form of CMD, ENTRYPOINT, VOLUME and friends: an array of
 * strings and nothing after it. Written by hand rather than with JSON.parse because
 * the engine silently falls back to shell form on bad JSON (`CMD ['a']` runs
 * `/bin/sh -c "['a']"`), so the user needs to know exactly where the JSON broke,
 * and JSON.parse's messages carry no position on this Node.
 * `offset` is where `text` starts in the whole change line; spans are line offsets.
 */
export function parseJsonStringArray(text: string, offset: number): JsonArrayResult {
  let i = 0;
  const fail = (message: string, start: number, end = start + 1): JsonArrayResult => ({
    error: { message, start: offset + start, end: offset + Math.max(end, start + 1) },
  });
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };

  skipSpace();
  if (text[i] !== '[') return fail('expected [ to start a JSON array', i);
  const open = i;
  i++;
  const values: string[] = [];
  skipSpace();
  if (text[i] === ']') {
    i++;
  } else {
    for (;;) {
      skipSpace();
      if (i >= text.length) return fail('the JSON array opened here is not closed: expected ]', open);
      const ch = text[i];
      if (ch === "'") return fail("JSON strings need double quotes (\"), not single quotes (')", i);
      if (ch === ']' && values.length > 0) return fail('trailing comma before ] in JSON array', i);
      if (ch !== '"') {
        const tokenEnd = endOfToken(text, i);
        return fail(`JSON array elements must be strings in double quotes, found ${text.slice(i, tokenEnd)}`, i, tokenEnd);
      }
      const str = readString(text, i);
      if ('error' in str) return fail(str.error, str.at, str.end);
      values.push(str.value);
      i = str.end;
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        break;
      }
      if (i >= text.length) return fail('the JSON array opened here is not closed: expected ]', open);
      return fail(`expected , or ] after an array element, found ${text.slice(i, endOfToken(text, i))}`, i, endOfToken(text, i));
    }
  }
  skipSpace();
  if (i < text.length) return fail('unexpected text after the JSON array', i, text.length);
  return { values };
}

function endOfToken(text: string, from: number): number {
  let j = from;
  while (j < text.length && !/[\s,\]]/.test(text[j])) j++;
  return Math.max(j, from + 1);
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function readString(text: string, quote: number): { value: string; end: number } | { error: string; at: number; end: number } {
  let value = '';
  let i = quote + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\') {
      const esc = text[i + 1];
      if (esc === undefined) break;
      if (esc === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: 'bad \\u escape in JSON string: needs 4 hex digits', at: i, end: i + 2 };
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const simple = SIMPLE_ESCAPES[esc];
      if (simple === undefined) return { error: `invalid escape \\${esc} in JSON string (write \\\\ for a backslash)`, at: i, end: i + 2 };
      value += simple;
      i += 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) return { error: 'control character inside a JSON string', at: i, end: i + 1 };
    value += ch;
    i++;
  }
  return { error: 'JSON string is not closed: expected "', at: quote, end: quote + 1 };
}
