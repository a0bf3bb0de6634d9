import type { ReferenceSite } from './ReferenceSite';
import { findTemplate } from './findTemplate';
import { heredocNames } from './heredocNames';
import { splitWords, type Word } from './splitWords';
import { MAX_SUBSTITUTED_LENGTH, substituteVariables } from './substituteVariables';

/** A `FROM` stage. */
export interface DockerfileStage {
  readonly index: number;
  /** The `AS` name, lowercased as the builder reads it; undefined when unnamed. */
  readonly name?: string;
  /** Offset of the FROM instruction. */
  readonly offset: number;
}

export interface DockerfileAnalysis {
  readonly sites: ReferenceSite[];
  readonly stages: DockerfileStage[];
}

/** One instruction after joining continuation lines, with a way back to file offsets. */
interface Instruction {
  readonly keyword: string;
  /** The arguments (everything after the keyword) as one logical string. */
  readonly args: string;
  readonly offset: number;
  /** File offset of `args[i]`. */
  readonly at: (i: number) => number;
}

/**
 * Image references in a Dockerfile: `FROM [--platform=…] image [AS name]`,
 * `COPY --from=…` and `RUN --mount=…,from=…` (also after `ONBUILD`). A name given by an
 * earlier `AS`, or a stage number, is a stage, not an image; `scratch` is no image. Words
 * are read as BuildKit reads them (quotes, escapes, every `${…}` form it supports), with
 * the ARGs in scope: those declared before the first FROM for FROM, the stage's own ARGs
 * and ENVs for RUN --mount; COPY --from expands none (BuildKit refuses a variable there). A reference that still depends on an unknown variable, or holds a
 * template expression (`{{ … }}`), is kept as unresolved, not checked. Continuation
 * lines, comments, the `escape` parser directive and heredocs are honoured.
 */
export function extractDockerfile(text: string): DockerfileAnalysis {
  const sites: ReferenceSite[] = [];
  const stages: DockerfileStage[] = [];
  // Stage names to their index: one lookup per reference, so 100,000 stages stay linear.
  const stageNames = new Map<string, number>();
  const globalArgs = new Map<string, string | undefined>();
  let stageArgs = new Map<string, string | undefined>();
  let stageEnv = new Set<string>();
  // ARGs whose value grew past MAX_SUBSTITUTED_LENGTH: `global NAME` before the first FROM, `NAME` in the current stage.
  const overlong = new Set<string>();
  const { list, escape } = parseInstructions(text);
  const isStage = (name: string) => (/^\d+$/.test(name) ? Number(name) < stages.length : stageNames.has(name.toLowerCase()));
  const read = (ins: Instruction, word: Word, vars: ReadonlyMap<string, string | undefined>, kind: ReferenceSite['kind'], label: string) =>
    makeSite(ins, word, vars, kind, label, isStage, escape, overlong);

  const copyFlags = (ins: Instruction, args: string, offset: number): void => {
    for (const word of splitWords(args)) {
      if (!word.text.startsWith('--')) break;
      const from = /^--from=/i.exec(word.text);
      // BuildKit expands no variable in COPY --from (it refuses the build), unlike RUN --mount's from=.
      if (from) sites.push(read(ins, shifted(word, from[0].length, offset), NO_VARIABLES, 'dockerfile-copy-from', 'COPY --from'));
    }
  };
  const runFlags = (ins: Instruction, args: string, offset: number): void => {
    for (const word of splitWords(args)) {
      if (!word.text.startsWith('--')) break;
      const m = /^--mount=/i.exec(word.text);
      if (!m) continue;
      let p = m[0].length;
      for (const part of word.text.slice(p).split(',')) {
        const from = /^from=/i.exec(part);
        if (from) sites.push(read(ins, { text: part.slice(from[0].length), start: offset + word.start + p + from[0].length }, stageArgs, 'dockerfile-mount-from', 'RUN --mount from'));
        p += part.length + 1;
      }
    }
  };

  for (const ins of list) {
    switch (ins.keyword) {
      case 'ARG': {
        const inStage = stages.length > 0;
        const scope = inStage ? stageArgs : globalArgs;
        const key = (name: string) => (inStage ? name : `global ${name}`);
        for (const word of splitWords(ins.args)) {
          const eq = word.text.indexOf('=');
          const name = eq < 0 ? word.text : word.text.slice(0, eq);
          if (inStage && stageEnv.has(name)) continue;
          overlong.delete(key(name));
          if (eq < 0) {
            // Inside a stage, a bare `ARG NAME` brings the global default into scope.
            scope.set(name, inStage ? globalArgs.get(name) : undefined);
            if (inStage && overlong.has(`global ${name}`)) overlong.add(name);
            continue;
          }
          const raw = word.text.slice(eq + 1);
          const sub = findTemplate(raw) ? undefined : substituteVariables(raw, scope, escape);
          scope.set(name, sub?.known ? sub.value : undefined);
          if (sub && (sub.problem?.startsWith('longer') || sub.unresolved.some((v) => overlong.has(key(v))))) overlong.add(key(name));
        }
        break;
      }
      case 'FROM': {
        const words = splitWords(ins.args).filter((t) => !t.text.startsWith('--'));
        const image = words[0];
        const asName = words[1]?.text.toLowerCase() === 'as' ? words[2]?.text : undefined;
        const index = stages.length;
        if (image) {
          const label = asName ? `stage ${asName}` : `stage ${index}`;
          sites.push(read(ins, image, globalArgs, 'dockerfile-from', label));
        }
        const name = asName?.toLowerCase();
        stages.push({ index, name, offset: ins.offset });
        if (name !== undefined && !stageNames.has(name)) stageNames.set(name, index);
        stageArgs = new Map();
        stageEnv = new Set();
        for (const k of overlong) if (!k.startsWith('global ')) overlong.delete(k);
        break;
      }
      case 'ENV': {
        // RUN --mount from= expands the stage's ENV as well as its ARGs; an ENV wins over an ARG of the same name.
        if (stages.length === 0) break;
        const words = splitWords(ins.args);
        const legacy = words[0] && !words[0].text.includes('=') ? words[0].text : undefined;
        const pairs = legacy !== undefined ? [{ name: legacy, raw: ins.args.slice(words[1]?.start ?? ins.args.length).trim() }] : words.map((w) => ({ name: w.text.slice(0, Math.max(0, w.text.indexOf('='))), raw: w.text.slice(w.text.indexOf('=') + 1) }));
        for (const { name, raw } of pairs) {
          if (!name) continue;
          overlong.delete(name);
          const sub = findTemplate(raw) ? undefined : substituteVariables(raw, stageArgs, escape);
          stageArgs.set(name, sub?.known ? sub.value : undefined);
          stageEnv.add(name);
          if (sub && (sub.problem?.startsWith('longer') || sub.unresolved.some((v) => overlong.has(v)))) overlong.add(name);
        }
        break;
      }
      case 'COPY':
        copyFlags(ins, ins.args, 0);
        break;
      case 'RUN':
        runFlags(ins, ins.args, 0);
        break;
      case 'ONBUILD': {
        // The trigger runs in a later build, but its --from still names an image (or a stage of that build).
        const inner = /^(\S+)\s+/.exec(ins.args);
        if (!inner) break;
        const keyword = inner[1].toUpperCase();
        if (keyword === 'COPY') copyFlags(ins, ins.args.slice(inner[0].length), inner[0].length);
        else if (keyword === 'RUN') runFlags(ins, ins.args.slice(inner[0].length), inner[0].length);
        break;
      }
    }
  }
  return { sites, stages };
}

const NO_VARIABLES: ReadonlyMap<string, string | undefined> = new Map();
const COPY_FROM_REFUSED = 'a variable, which BuildKit does not expand in COPY --from (the build stops)';

function shifted(word: Word, skip: number, offset: number): Word {
  return { text: word.text.slice(skip), start: offset + word.start + skip };
}

function makeSite(
  ins: Instruction,
  word: Word,
  vars: ReadonlyMap<string, string | undefined>,
  kind: ReferenceSite['kind'],
  label: string,
  isStage: (name: string) => boolean,
  escape: string,
  overlong: ReadonlySet<string>,
): ReferenceSite {
  const start = ins.at(word.start);
  const end = word.text.length ? ins.at(word.start + word.text.length - 1) + 1 : start;
  const template = findTemplate(word.text);
  const sub = template === undefined ? substituteVariables(word.text, vars, escape) : undefined;
  const base = { start, end, exact: sub !== undefined && !sub.changed && end - start === word.text.length, kind, label };
  if (kind === 'dockerfile-copy-from' && sub && /(^|[^\\`])\$[{A-Za-z_]/.test(word.text)) return { ...base, value: word.text, role: 'unresolved', variables: [COPY_FROM_REFUSED] };
  if (!sub || !sub.known) {
    const scope = kind === 'dockerfile-from' ? 'global ' : '';
    let variables: string[];
    if (!sub) variables = [template!];
    else if (sub.unresolved.length) variables = sub.unresolved.map((v) => (overlong.has(scope + v) ? `${v} (longer than ${MAX_SUBSTITUTED_LENGTH} characters)` : v));
    else variables = [sub.problem ?? 'a substitution the builder refuses'];
    return { ...base, value: word.text, role: 'unresolved', variables };
  }
  const value = sub.value;
  if (kind === 'dockerfile-from' && value.toLowerCase() === 'scratch') return { ...base, value, role: 'scratch' };
  if (isStage(value)) return { ...base, value, role: 'stage' };
  return { ...base, value, role: value ? 'image' : 'empty' };
}

/** The file's instructions, continuation lines joined, comments and heredoc bodies skipped; and its escape character. */
export function parseInstructions(text: string): { list: Instruction[]; escape: string } {
  const lines: Array<{ start: number; end: number }> = [];
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    lines.push({ start: s, end: e > s && text[e - 1] === '\r' ? e - 1 : e });
    s = e + 1;
  }
  const escape = escapeChar(text, lines);
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const { start, end } = lines[i];
    const line = text.slice(start, end);
    if (/^\s*(#|$)/.test(line)) {
      i++;
      continue;
    }
    // Join the instruction's physical lines; pieces map logical offsets to file offsets.
    const pieces: Array<{ logical: number; file: number; length: number }> = [];
    let logical = '';
    for (;;) {
      const l = lines[i];
      const body = text.slice(l.start, l.end);
      const trimmed = body.replace(/\s+$/, '');
      const continues = trimmed.endsWith(escape) && i + 1 < lines.length;
      const piece = continues ? trimmed.slice(0, -1) : body;
      pieces.push({ logical: logical.length, file: l.start, length: piece.length });
      logical += piece;
      i++;
      if (!continues) break;
      // Comment lines (and empty lines) inside a continued instruction are dropped by the builder.
      while (i < lines.length && /^\s*(#|$)/.test(text.slice(lines[i].start, lines[i].end))) i++;
      if (i >= lines.length) break;
    }
    const m = /^(\s*)(\S+)(\s*)/.exec(logical);
    if (!m) continue;
    const argsAt = m[0].length;
    const at = (k: number): number => {
      const pos = k + argsAt;
      for (let j = pieces.length - 1; j >= 0; j--) if (pieces[j].logical <= pos) return pieces[j].file + pos - pieces[j].logical;
      return pieces[0].file + pos;
    };
    const keyword = m[2].toUpperCase();
    const args = logical.slice(argsAt);
    out.push({ keyword, args, offset: start + m[1].length, at });
    // Heredocs (`RUN <<EOF`): their bodies are not instructions.
    if (logical.includes('<<') && canHoldHeredoc(keyword, args)) {
      for (const { name, chomp } of heredocNames(logical)) {
        while (i < lines.length) {
          let body = text.slice(lines[i].start, lines[i].end);
          if (chomp) body = body.replace(/^\t+/, '');
          i++;
          if (body === name) break;
        }
      }
    }
  }
  return { list: out, escape };
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** RUN, COPY and ADD (also after ONBUILD) in shell form; the JSON form has no heredocs. */
function canHoldHeredoc(keyword: string, args: string): boolean {
  let rest = args;
  if (keyword === 'ONBUILD') {
    const inner = /^(\S+)\s*/.exec(args);
    if (!inner) return false;
    keyword = inner[1].toUpperCase();
    rest = args.slice(inner[0].length);
  }
  if (!HEREDOC_KEYWORDS.has(keyword)) return false;
  if (!rest.trimStart().startsWith('[')) return true;
  try {
    const json: unknown = JSON.parse(rest);
    return !(Array.isArray(json) && json.every((x) => typeof x === 'string'));
  } catch {
    return true;
  }
}

/** The `# escape=` parser directive, read only from the directives at the very top. */
function escapeChar(text: string, lines: Array<{ start: number; end: number }>): string {
  for (const l of lines) {
    const m = /^\uFEFF?#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(text.slice(l.start, l.end));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}
