import { replaceByPattern, trimByPattern } from './shellPattern';

export interface Substitution {
  /** The word as the builder reads it; meaningful only when `known`. */
  readonly value: string;
  /** False when the value depends on something this file cannot tell (see `unresolved`, `problem`). */
  readonly known: boolean;
  /** True when the value differs from the written text (variables, quotes or escapes). */
  readonly changed: boolean;
  /** Variables whose value is unknown here (declared without a default, or never declared). */
  readonly unresolved: string[];
  /** Why the word cannot be read at all: a substitution the builder refuses, or a value too long to build. */
  readonly problem?: string;
}

/**
 * A built value longer than this is not built further: no image reference comes near it
 * (the name is at most 255 characters, the tag 128), and doubling ARGs would otherwise
 * grow past what a string can hold.
 */
export const MAX_SUBSTITUTED_LENGTH = 4096;

/** A piece of a word: its text, or unknown (then the text is meaningless). */
interface Piece {
  text: string;
  known: boolean;
}

class Refused extends Error {}

/**
 * Reads one Dockerfile word as BuildKit's shell lexer does (frontend/dockerfile/shell/lex.go),
 * with `vars` as the ARGs in scope (undefined value = declared without a default):
 * quotes are removed, the escape character escapes, `$V`, `${V}`, `${V:-w}`, `${V-w}`,
 * `${V:+w}`, `${V+w}`, `${V:?m}`, `${V?m}`, `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`,
 * `${V/p/r}` and `${V//p/r}` are expanded. A variable with no known value makes the
 * result unknown, except where a default applies: `${V:-w}` then reads as `w`, the value
 * a build without `--build-arg V` uses.
 */
export function substituteVariables(input: string, vars: ReadonlyMap<string, string | undefined>, escape = '\\'): Substitution {
  if (!/[$"'\\`]/.test(input)) return { value: input, known: true, changed: false, unresolved: [] };
  const lexer = new WordLexer(input, vars, escape);
  try {
    const piece = lexer.word(undefined, false);
    const known = piece.known && !lexer.tooLong;
    const problem = lexer.tooLong ? `longer than ${MAX_SUBSTITUTED_LENGTH} characters after substitution` : undefined;
    return { value: known ? piece.text : input, known, changed: piece.text !== input, unresolved: lexer.unresolved, problem };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { value: input, known: false, changed: true, unresolved: lexer.unresolved, problem: e.message };
  }
}

class WordLexer {
  private i = 0;
  readonly unresolved: string[] = [];
  tooLong = false;

  constructor(
    private readonly s: string,
    private readonly vars: ReadonlyMap<string, string | undefined>,
    private readonly escape: string,
  ) {}

  /** processStopOn: up to `stop` (consumed) or the end. `raw` keeps escape characters (patterns need them). */
  word(stop: string | undefined, raw: boolean): Piece {
    const out: Piece = { text: '', known: true };
    const { s } = this;
    while (this.i < s.length) {
      const c = s[this.i];
      if (stop !== undefined && c === stop) {
        this.i++;
        return out;
      }
      if (c === '$') this.append(out, this.dollar());
      else if (c === "'") this.append(out, this.singleQuoted());
      else if (c === '"') this.append(out, this.doubleQuoted());
      else {
        this.i++;
        if (c === this.escape) {
          if (raw) this.appendText(out, c);
          if (this.i >= s.length) break;
          this.appendText(out, s[this.i++]);
        } else this.appendText(out, c);
      }
    }
    if (stop !== undefined) throw new Refused(`no closing ${stop}`);
    return out;
  }

  private singleQuoted(): Piece {
    const end = this.s.indexOf("'", this.i + 1);
    if (end < 0) throw new Refused('no closing single quote');
    const text = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return { text, known: true };
  }

  private doubleQuoted(): Piece {
    const out: Piece = { text: '', known: true };
    const { s } = this;
    this.i++;
    for (;;) {
      if (this.i >= s.length) throw new Refused('no closing double quote');
      const c = s[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '$') {
        this.append(out, this.dollar());
        continue;
      }
      this.i++;
      let ch = c;
      if (c === this.escape && this.i < s.length && (s[this.i] === '"' || s[this.i] === '$' || s[this.i] === this.escape)) ch = s[this.i++];
      this.appendText(out, ch);
    }
  }

  private dollar(): Piece {
    const { s } = this;
    this.i++;
    if (s[this.i] !== '{') {
      const name = this.name();
      return name ? this.lookup(name) : { text: '$', known: true };
    }
    this.i++;
    if (this.i >= s.length) throw new Refused("no closing '}'");
    if (s[this.i] === '{' || s[this.i] === '}' || s[this.i] === ':') throw new Refused('bad substitution');
    const name = this.name();
    let op = s[this.i++] ?? '';
    if (op === '}') return this.lookup(name);
    let nullIsUnset = false;
    if (op === ':') {
      nullIsUnset = true;
      op = s[this.i++] ?? '';
    }
    if (op === '/' && !nullIsUnset) return this.replace(name);
    if (op === '') throw new Refused("no closing '}'");
    if (!'+-?#%'.includes(op) || (nullIsUnset && (op === '#' || op === '%'))) {
      throw new Refused(`unsupported modifier (${nullIsUnset ? ':' : ''}${op}) in \${${name}…}`);
    }
    const word = this.word('}', op === '#' || op === '%');
    const value = this.vars.get(name);
    if (value === undefined && op !== '-') this.unresolved.push(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (op) {
      case '-':
        // An unknown variable reads as its default: what a build without --build-arg gives.
        return unset ? word : { text: value!, known: true };
      case '+':
        if (value === undefined) return { text: '', known: false };
        return unset ? { text: '', known: true } : word;
      case '?':
        // Unset here means the build is meant to be given a value: unknown, not wrong.
        return unset ? { text: '', known: false } : { text: value!, known: true };
      default: {
        if (value === undefined || !word.known) return { text: '', known: false };
        const longest = word.text.startsWith(op);
        const trimmed = trimByPattern(value, longest ? word.text.slice(1) : word.text, op === '%' ? 'suffix' : 'prefix', longest);
        if (trimmed === undefined) throw new Refused(`invalid pattern (${word.text}) in substitution`);
        return { text: trimmed, known: true };
      }
    }
  }

  /** `${V/pat/rep}` and `${V//pat/rep}`: the first (or every) shortest-leftmost match replaced. */
  private replace(name: string): Piece {
    const all = this.s[this.i] === '/';
    if (all) this.i++;
    const pattern = this.word('/', true);
    const replacement = this.word('}', true);
    const value = this.vars.get(name);
    if (value === undefined) {
      this.unresolved.push(name);
      return { text: '', known: false };
    }
    if (!pattern.known || !replacement.known) return { text: '', known: false };
    const text = replaceByPattern(value, pattern.text, replacement.text, all);
    if (text === undefined) throw new Refused(`invalid pattern (${pattern.text}) in substitution`);
    return { text, known: true };
  }

  private name(): string {
    const { s } = this;
    const start = this.i;
    if (/\d/.test(s[this.i] ?? '')) {
      while (/\d/.test(s[this.i] ?? '')) this.i++;
      return s.slice(start, this.i);
    }
    if ('@*#?-$!0'.includes(s[this.i] ?? 'x') && s[this.i] !== undefined) return s[this.i++];
    while (this.i < s.length && /[\p{L}\p{Nd}_]/u.test(s[this.i])) this.i++;
    return s.slice(start, this.i);
  }

  private lookup(name: string): Piece {
    const value = this.vars.get(name);
    if (value === undefined) {
      this.unresolved.push(name);
      return { text: '', known: false };
    }
    return { text: value, known: true };
  }

  private append(out: Piece, piece: Piece): void {
    if (!piece.known) out.known = false;
    this.appendText(out, piece.text);
  }

  private appendText(out: Piece, text: string): void {
    if (!out.known) return;
    if (out.text.length + text.length > MAX_SUBSTITUTED_LENGTH) {
      this.tooLong = true;
      out.known = false;
      out.text = '';
      return;
    }
    out.text += text;
  }
}
