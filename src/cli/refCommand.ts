import { parseReference } from '../reference';
import type { ReferenceMode, ReferenceResult } from '../reference';
import { printable } from './printable';

export const REF_USAGE = `Usage: stowage ref [--strict] [--json] [--] REFERENCE...

Check image references against the distribution/reference grammar and show
their parts, or say exactly what is wrong and where.

  --strict    read each reference as written (Go reference.Parse): no
              docker.io or library/ defaults; JSON then has no familiar/fullName
  --json      print one JSON object per reference, one per line
  --          end of options: later arguments are references even if they
              start with '-'
  -h, --help  show this help

Exit status: 0 when every reference is valid, 1 when one is not, 2 on bad usage.
`;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

interface Options {
  mode: ReferenceMode;
  json: boolean;
  help: boolean;
  references: string[];
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { mode: 'normalized', json: false, help: false, references: [] };
  let optionsEnded = false;
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-') || arg === '-') options.references.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--strict') options.mode = 'strict';
    else if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else return `unknown option '${arg}' (use -- before a reference that starts with '-')`;
  }
  if (!options.help && options.references.length === 0) return 'no reference given';
  return options;
}

function toJson(r: ReferenceResult, mode: ReferenceMode): string {
  const normalized = mode === 'normalized';
  const record: Record<string, unknown> = {
    input: r.input,
    valid: r.valid,
    domain: r.valid ? r.domain : null,
    path: r.valid ? r.path : null,
    tag: r.valid ? r.tag : null,
    digest: r.valid ? r.digest : null,
  };
  if (normalized) {
    record.familiar = r.valid ? (r.familiar ?? null) : null;
    record.fullName = r.valid ? (r.fullName ?? null) : null;
  }
  if (!r.valid) record.error = { message: r.error.message, start: r.error.start, end: r.error.end };
  return JSON.stringify(record);
}

const WINDOW = 100;

/** The input with a caret line under [start, end); long inputs are cut to a window around the error. */
function caret(input: string, start: number, end: number): string {
  let from = 0;
  let to = input.length;
  if (to > WINDOW) {
    from = Math.max(0, start - 30);
    to = Math.min(input.length, from + WINDOW);
  }
  const lead = from > 0 ? '...' : '';
  const tail = to < input.length ? '...' : '';
  const shown = printable(input.slice(from, to));
  const marks = Math.max(1, Math.min(end, to) - start);
  return `  ${lead}${shown}${tail}\n  ${' '.repeat(lead.length + start - from)}${'^'.repeat(marks)}\n`;
}

function shortInput(input: string): string {
  return printable(input.length > WINDOW ? `${input.slice(0, WINDOW - 3)}...` : input);
}

function toText(r: ReferenceResult, mode: ReferenceMode): string {
  if (!r.valid) return `${shortInput(r.input)}: ${r.error.message}\n${caret(r.input, r.error.start, r.error.end)}`;
  const rows: Array<[string, string | null | undefined]> = [
    ['domain', r.domain],
    ['path', r.path],
    ['tag', r.tag],
    ['digest', r.digest],
  ];
  if (mode === 'normalized') rows.push(['full name', r.fullName], ['familiar', r.familiar]);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(10)}${value ?? '-'}`);
  return `${shortInput(r.input)}\n${lines.join('\n')}\n`;
}

/** `stowage ref`: checks each reference and prints its parts or its error. */
export async function runRef(args: string[], io: Output = processOutput): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.err(`stowage ref: ${options}\n\n${REF_USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(REF_USAGE);
    return 0;
  }
  let allValid = true;
  const chunks: string[] = [];
  for (const input of options.references) {
    const r = parseReference(input, options.mode);
    allValid &&= r.valid;
    chunks.push(options.json ? `${toJson(r, options.mode)}\n` : toText(r, options.mode));
  }
  io.out(chunks.join(''));
  return allValid ? 0 : 1;
}
