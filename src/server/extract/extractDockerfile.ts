import type { ReferenceSite } from './ReferenceSite';
import { substituteVariables } from './substituteVariables';

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
 * `COPY --from=…` and `RUN --mount=…,from=…`. A name given by an earlier `AS`, or a stage
 * number, is a stage, not an image; `scratch` is no image. ARGs declared before the
 * first FROM are substituted with their defaults; a reference that still depends on an
 * unknown variable is kept as unresolved, not checked. Continuation lines, comments,
 * the `escape` parser directive and heredocs are honoured.
 */
export function extractDockerfile(text: string): DockerfileAnalysis {
  const sites: ReferenceSite[] = [];
  const stages: DockerfileStage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  let stageArgs = new Map<string, string | undefined>();
  const isStage = (name: string) => /^\d+$/.test(name) ? Number(name) < stages.length : stages.some((s) => s.name === name.toLowerCase());

  for (const ins of instructions(text)) {
    switch (ins.keyword) {
      case 'ARG': {
        const scope = stages.length === 0 ? globalArgs : stageArgs;
        for (const tok of tokens(ins.args)) {
          const eq = tok.text.indexOf('=');
          const name = eq < 0 ? tok.text : tok.text.slice(0, eq);
          if (eq < 0) {
            // Inside a stage, a bare `ARG NAME` brings the global default into scope.
            scope.set(name, stages.length === 0 ? undefined : globalArgs.get(name));
          } else {
            const raw = unquote(tok.text.slice(eq + 1));
            scope.set(name, substituteVariables(raw, scope).unresolved.length ? undefined : substituteVariables(raw, scope).value);
          }
        }
        break;
      }
      case 'FROM': {
        const toks = tokens(ins.args).filter((t) => !t.text.startsWith('--'));
        const image = toks[0];
        const asName = toks[1]?.text.toLowerCase() === 'as' ? toks[2]?.text : undefined;
        const index = stages.length;
        if (image) {
          const label = asName ? `stage ${asName}` : `stage ${index}`;
          const site = makeSite(ins, image, globalArgs, 'dockerfile-from', label, isStage);
          sites.push(site);
        }
        stages.push({ index, name: asName?.toLowerCase(), offset: ins.offset });
        stageArgs = new Map();
        break;
      }
      case 'COPY':
        for (const tok of tokens(ins.args)) {
          if (!tok.text.startsWith('--')) break;
          const m = /^--from=/i.exec(tok.text);
          if (m) sites.push(makeSite(ins, { text: tok.text.slice(m[0].length), start: tok.start + m[0].length }, stageArgs, 'dockerfile-copy-from', 'COPY --from', isStage));
        }
        break;
      case 'RUN':
        for (const tok of tokens(ins.args)) {
          if (!tok.text.startsWith('--')) break;
          const m = /^--mount=/i.exec(tok.text);
          if (!m) continue;
          let p = m[0].length;
          for (const part of tok.text.slice(p).split(',')) {
            if (/^from=/i.test(part)) {
              sites.push(makeSite(ins, { text: part.slice(5), start: tok.start + p + 5 }, stageArgs, 'dockerfile-mount-from', 'RUN --mount from', isStage));
            }
            p += part.length + 1;
          }
        }
        break;
    }
  }
  return { sites, stages };
}

function makeSite(
  ins: Instruction,
  tok: Token,
  vars: ReadonlyMap<string, string | undefined>,
  kind: ReferenceSite['kind'],
  label: string,
  isStage: (name: string) => boolean,
): ReferenceSite {
  const start = ins.at(tok.start);
  const end = tok.text.length ? ins.at(tok.start + tok.text.length - 1) + 1 : start;
  const sub = substituteVariables(tok.text, vars);
  const base = { start, end, exact: !sub.changed && end - start === tok.text.length, kind, label };
  if (sub.unresolved.length) return { ...base, value: tok.text, role: 'unresolved', variables: sub.unresolved };
  const value = sub.value;
  if (kind === 'dockerfile-from' && value.toLowerCase() === 'scratch') return { ...base, value, role: 'scratch' };
  if (isStage(value)) return { ...base, value, role: 'stage' };
  return { ...base, value, role: value ? 'image' : 'empty' };
}

interface Token {
  readonly text: string;
  /** Offset in the instruction's logical args. */
  readonly start: number;
}

function tokens(args: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args))) out.push({ text: m[0], start: m.index });
  return out;
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

/** The file's instructions, continuation lines joined, comments and heredoc bodies skipped. */
export function instructions(text: string): Instruction[] {
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
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      const re = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
      let h: RegExpExecArray | null;
      while ((h = re.exec(args))) {
        const word = h[3];
        const stripTabs = h[1] === '-';
        while (i < lines.length) {
          let body = text.slice(lines[i].start, lines[i].end);
          if (stripTabs) body = body.replace(/^\t+/, '');
          i++;
          if (body === word) break;
        }
      }
    }
  }
  return out;
}

/** The `# escape=` parser directive, read only from the directives at the very top. */
function escapeChar(text: string, lines: Array<{ start: number; end: number }>): string {
  for (const l of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(text.slice(l.start, l.end));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}
