import { InputError } from '../../engine/images/InputError';
import { splitWords } from './splitWords';

/**
 * The command override: a JSON array (`["/bin/httpd","-f"]`, taken as is) or a line
 * split into words like the arguments after the image in `docker run IMAGE …`.
 * Empty means "the image's own CMD".
 */
export function parseRunCommand(input: string): string[] | undefined {
  const text = input.trim();
  if (!text) return undefined;
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const pos = input.indexOf('[') + jsonErrorOffset(text, (err as Error).message);
      throw new InputError('command', input, 'not a valid JSON array of strings', pos, pos + 1);
    }
    if (!Array.isArray(parsed) || !parsed.length || parsed.some((p) => typeof p !== 'string')) {
      throw new InputError('command', input, 'a JSON command is a non-empty array of strings, like ["/bin/sh","-c","echo hi"]', input.indexOf('['), input.length);
    }
    if (!(parsed[0] as string).trim()) throw new InputError('command', input, 'the program to run (first element) is empty', input.indexOf('['), input.length);
    return parsed as string[];
  }
  return splitWords(input, 'command').map((w) => w.text);
}

/** Where JSON.parse stopped: V8 says "at position N" for some errors and names the unexpected token for others. */
function jsonErrorOffset(text: string, message: string): number {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const token = /Unexpected token '(.)'/.exec(message);
  if (!token) return text.length;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    if (inString && text[i] === '\\') i++;
    else if (text[i] === '"') inString = !inString;
    else if (!inString && text[i] === token[1]) return i;
  }
  return text.length;
}
