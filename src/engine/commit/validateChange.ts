import { describeCharacter } from '../../shared/describeCharacter';
import { findLoneSurrogate } from '../../shared/findLoneSurrogate';
import type { ChangeCheck, ChangeError } from './ChangeCheck';
import { parseJsonStringArray } from './parseJsonStringArray';
import { splitChangeWords } from './splitChangeWords';

/** What `docker commit --change` documents, and so what Stowage offers. */
export const COMMIT_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'] as const;

/** Dockerfile instructions a commit cannot apply, but ONBUILD may carry (except these three). */
const OTHER_INSTRUCTIONS = ['ADD', 'ARG', 'COPY', 'FROM', 'HEALTHCHECK', 'MAINTAINER', 'RUN', 'SHELL', 'STOPSIGNAL'];
const NOT_UNDER_ONBUILD = ['ONBUILD', 'FROM', 'MAINTAINER'];

/**
 * The engine's Dockerfile reader takes lines of at most 65,535 bytes: past that it
 * answers "dockerfile line greater than max allowed size of 65535", or "file with
 * no instructions" when the line is the only change (Engine 20.10, both measured).
 */
export const MAX_CHANGE_BYTES = 65535;

/** What separates an instruction from its argument for the engine: ASCII blanks only (its reWhitespace). */
const isEngineSeparator = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f';
/** What the engine trims around an instruction (Go's unicode.IsSpace): JavaScript's \s without U+FEFF, with U+0085. */
const isEngineSpace = (ch: string | undefined): boolean => ch !== undefined && ch !== '\ufeff' && (ch === '\u0085' || /\s/.test(ch));

/**
 * Checks one `--change` line before anything reaches the engine. The engine joins
 * the changes with line breaks and runs them through the Dockerfile parser, which
 * accepts a lot it then does something surprising with (bad JSON silently becomes
 * a shell command), so this is stricter than the engine where the engine's
 * reading would not be what the user meant.
 */
export function validateChange(line: string): ChangeCheck {
  const lone = findLoneSurrogate(line);
  if (lone >= 0) {
    // Sent as is, the engine would store U+FFFD in its place: the user's text, changed without a word.
    return { instruction: '', error: { message: `${describeCharacter(line[lone])}: this text cannot be sent to the engine unchanged (it would become U+FFFD); remove it or complete the character`, start: lone, end: lone + 1 } };
  }
  const tooLong = byteLimitOffset(line, MAX_CHANGE_BYTES);
  if (tooLong >= 0) {
    const bytes = Buffer.byteLength(line, 'utf8').toLocaleString('en-US');
    return {
      instruction: '',
      error: { message: `a change can be at most ${MAX_CHANGE_BYTES.toLocaleString('en-US')} bytes (UTF-8), this one is ${bytes}: the engine would drop the line and refuse the commit`, start: tooLong, end: line.length },
    };
  }
  const lineBreak = line.search(/[\r\n]/);
  if (lineBreak >= 0) {
    // Joined with the other changes, a line break here would start another instruction.
    return { instruction: '', error: { message: 'a change is a single line; found a line break', start: lineBreak, end: lineBreak + 1 } };
  }
  const trimmedEnd = line.trimEnd().length;
  if (trimmedEnd > 0 && line[trimmedEnd - 1] === '\\') {
    return { instruction: '', error: { message: 'a change cannot end with \\: the engine would join it to the next change', start: trimmedEnd - 1, end: trimmedEnd } };
  }
  return checkInstruction(line, 0, false);
}

function checkInstruction(line: string, from: number, underOnbuild: boolean): ChangeCheck {
  let start = from;
  while (start < line.length && isEngineSpace(line[start])) start++;
  // Only the whole line can be blank: ONBUILD with nothing after it is caught as a missing argument.
  if (start >= line.length) return { instruction: '', error: { message: 'empty change: expected an instruction such as CMD or ENV', start: 0, end: line.length } };
  if (line[start] === '#') {
    return { instruction: '', error: { message: 'a comment is not a change', start, end: line.length } };
  }
  let wordEnd = start;
  while (wordEnd < line.length && !isEngineSeparator(line[wordEnd])) wordEnd++;
  const word = line.slice(start, wordEnd);
  const allowed: readonly string[] = underOnbuild ? [...COMMIT_INSTRUCTIONS, ...OTHER_INSTRUCTIONS].filter((i) => !NOT_UNDER_ONBUILD.includes(i)) : COMMIT_INSTRUCTIONS;
  // Any other blank (a no-break space, U+2028, a byte order mark…) is part of the instruction's name for the engine.
  const odd = word.search(/[\s\u0085\ufeff]/);
  if (odd >= 0) {
    const at = start + odd;
    const before = word.slice(0, odd).toUpperCase();
    const outer = underOnbuild ? 'ONBUILD' : '';
    const what = describeCharacter(line[at]);
    if (odd === 0) return { instruction: outer, error: { message: `${what} before the instruction: the engine would read it as part of the instruction's name; delete it`, start: at, end: at + 1 } };
    if (allowed.includes(before)) {
      return { instruction: outer, error: { message: `put an ordinary space after ${before}: ${what} does not separate words for the engine, which would refuse the change as an unknown instruction`, start: at, end: at + 1 } };
    }
  }
  const known = /^[A-Za-z]+/.exec(word)?.[0] ?? '';
  const upper = word.toUpperCase();
  const wordSpan = { start, end: wordEnd };

  if (!allowed.includes(upper)) {
    const outer = underOnbuild ? 'ONBUILD' : '';
    if (known.length < word.length && allowed.includes(known.toUpperCase())) {
      return { instruction: outer, error: { message: `put a space after ${known.toUpperCase()}`, start: start + known.length, end: start + known.length + 1 } };
    }
    if (underOnbuild && NOT_UNDER_ONBUILD.includes(upper)) {
      return { instruction: 'ONBUILD', error: { message: `ONBUILD cannot wrap ${upper}`, ...wordSpan } };
    }
    if (!underOnbuild && OTHER_INSTRUCTIONS.includes(upper)) {
      return { instruction: '', error: { message: `${upper} cannot be applied by a commit; allowed: ${COMMIT_INSTRUCTIONS.join(', ')}`, ...wordSpan } };
    }
    return { instruction: outer, error: { message: `unknown instruction "${word}"; allowed: ${allowed.join(', ')}`, ...wordSpan } };
  }

  let argStart = wordEnd;
  while (argStart < line.length && /\s/.test(line[argStart])) argStart++;
  const argEnd = line.trimEnd().length;
  const report = (error?: ChangeError): ChangeCheck => (underOnbuild ? { instruction: 'ONBUILD', error } : { instruction: upper, error });
  if (argStart >= argEnd) return report({ message: `${upper} needs an argument`, ...wordSpan });

  if (upper === 'ONBUILD') return report(checkInstruction(line, argStart, true).error);

  const flagged = takeFlags(line, argStart, argEnd);
  if (flagged.flags.length > 0 && !TAKES_FLAGS.includes(upper)) {
    const f = flagged.flags[0];
    return report({ message: `${upper} takes no options; the engine would refuse ${line.slice(f.start, f.end)} (for a command that starts with --, use the JSON form)`, ...f });
  }
  const rest = flagged.rest;
  if (rest >= argEnd) return report({ message: `${upper} needs an argument after its options`, ...wordSpan });
  return report(checkArguments(upper, line, rest, argEnd));
}

/** Under ONBUILD these may carry Dockerfile options such as COPY --from=…; the engine checks their names. */
const TAKES_FLAGS = ['ADD', 'COPY', 'HEALTHCHECK', 'RUN'];

/** The Dockerfile parser treats leading `--word` arguments of any instruction as options. */
function takeFlags(line: string, from: number, end: number): { flags: Array<{ start: number; end: number }>; rest: number } {
  const flags: Array<{ start: number; end: number }> = [];
  let i = from;
  while (i < end && line.startsWith('--', i)) {
    let j = i;
    while (j < end && !/\s/.test(line[j])) j++;
    flags.push({ start: i, end: j });
    while (j < end && /\s/.test(line[j])) j++;
    i = j;
  }
  return { flags, rest: i };
}

function checkArguments(instruction: string, line: string, from: number, end: number): ChangeError | undefined {
  const text = line.slice(from, end);
  switch (instruction) {
    case 'CMD':
    case 'ENTRYPOINT':
    case 'RUN':
      // Shell form is anything; but text that starts with [ was meant as JSON.
      return text.startsWith('[') ? parseJsonStringArray(text, from).error : undefined;
    case 'SHELL': {
      if (!text.startsWith('[')) return { message: 'SHELL needs the JSON form, e.g. SHELL ["/bin/sh", "-c"]', start: from, end };
      const parsed = parseJsonStringArray(text, from);
      if (parsed.error) return parsed.error;
      return parsed.values.length === 0 ? { message: 'SHELL needs at least the shell program', start: from, end } : undefined;
    }
    case 'ENV':
    case 'LABEL':
      return checkKeyValues(instruction, line, from, end);
    case 'EXPOSE':
      return checkPorts(line, from, end);
    case 'USER': {
      const space = text.search(/\s/);
      if (space >= 0) return { message: 'USER takes one user[:group], without spaces', start: from + space, end };
      return text.startsWith(':') ? { message: 'USER needs a user before :group', start: from, end: from + 1 } : undefined;
    }
    case 'WORKDIR':
      return undefined;
    case 'VOLUME': {
      if (!text.startsWith('[')) return undefined;
      const parsed = parseJsonStringArray(text, from);
      if (parsed.error) return parsed.error;
      if (parsed.values.length === 0) return { message: 'VOLUME needs at least one path', start: from, end };
      const blank = parsed.values.findIndex((v) => v.trim() === '');
      return blank >= 0 ? { message: `VOLUME path ${blank + 1} is empty`, start: from, end } : undefined;
    }
    case 'STOPSIGNAL': {
      const space = text.search(/\s/);
      return space >= 0 ? { message: 'STOPSIGNAL takes one signal', start: from + space, end } : undefined;
    }
    case 'COPY':
    case 'ADD': {
      const count = text.startsWith('[') ? parseJsonStringArray(text, from) : { values: text.split(/\s+/) };
      if (count.error) return count.error;
      return count.values.length < 2 ? { message: `${instruction} needs a source and a destination`, start: from, end } : undefined;
    }
    case 'HEALTHCHECK': {
      const first = /^\S+/.exec(text)![0].toUpperCase();
      if (first === 'NONE') return text.length > 4 ? { message: 'HEALTHCHECK NONE takes nothing after it', start: from + 4, end } : undefined;
      if (first !== 'CMD') return { message: 'HEALTHCHECK needs CMD <command> or NONE', start: from, end: from + first.length };
      return checkInstruction(line, from, false).error;
    }
  }
  return undefined;
}

/** ENV and LABEL: `KEY=VALUE …` (quotes allowed), or the legacy `KEY VALUE` that sets one key to the rest. */
function checkKeyValues(instruction: string, line: string, from: number, end: number): ChangeError | undefined {
  const { words, error } = splitChangeWords(line.slice(0, end), from);
  if (error) return error;
  const first = words[0];
  if (first.equals < 0) {
    if (words.length < 2) return { message: `${instruction} needs KEY=VALUE (or the legacy form ${instruction} KEY VALUE)`, start: first.start, end: first.end };
    // The legacy form's key ends at the first ASCII blank for the engine, not at any other space.
    if (!isEngineSeparator(line[first.end])) {
      return {
        message: `put an ordinary space between the key and the value: ${describeCharacter(line[first.end])} does not separate them for the engine (${instruction} KEY VALUE)`,
        start: first.end,
        end: first.end + 1,
      };
    }
    return undefined;
  }
  for (const w of words) {
    if (w.equals < 0) return { message: `expected KEY=VALUE, found "${w.raw}" with no =`, start: w.start, end: w.end };
    if (w.equals === w.start) return { message: `${instruction} needs a name before =`, start: w.start, end: w.start + 1 };
  }
  return undefined;
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/;

/** EXPOSE: `port[/tcp|udp|sctp]` or `first-last[/proto]`, several allowed; `$VAR` is expanded by the engine. */
function checkPorts(line: string, from: number, end: number): ChangeError | undefined {
  let i = from;
  while (i < end) {
    while (i < end && /\s/.test(line[i])) i++;
    if (i >= end) break;
    const start = i;
    while (i < end && !/\s/.test(line[i])) i++;
    const word = line.slice(start, i);
    if (word.startsWith('$')) continue;
    const m = PORT.exec(word);
    if (!m) {
      return { message: `expected port[/tcp|udp|sctp] or a range like 8000-8010, found "${word}"`, start, end: i };
    }
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    for (const [n, digits, at] of [[first, m[1], start], [last, m[2], start + m[1].length + 1]] as const) {
      if (digits !== undefined && (n < 1 || n > 65535)) return { message: `port ${digits} is out of range (1-65535)`, start: at, end: at + digits.length };
    }
    if (last < first) return { message: `port range ${m[1]}-${m[2]} runs backwards`, start, end: start + m[1].length + 1 + m[2]!.length };
    if (m[3] !== undefined && !['tcp', 'udp', 'sctp'].includes(m[3].toLowerCase())) {
      const p = start + word.indexOf('/') + 1;
      return { message: `unknown protocol "${m[3]}": use tcp, udp or sctp`, start: p, end: i };
    }
  }
  return undefined;
}

/** The offset of the character that takes `line` past `limit` UTF-8 bytes, or -1 if it fits. */
function byteLimitOffset(line: string, limit: number): number {
  // Three bytes per UTF-16 unit at most: short lines need no counting.
  if (line.length * 3 <= limit) return -1;
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes > limit) return i;
    if (pair) i++;
  }
  return -1;
}
