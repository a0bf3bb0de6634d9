import { familiarName } from '../familiarName';

/** What the engine said it loaded. */
export interface LoadAnswer {
  /** Names it loaded (`Loaded image: name:tag`). */
  readonly references: readonly string[];
  /** Untagged images it loaded (`Loaded image ID: sha256:…`). */
  readonly ids: readonly string[];
  /** The engine's error, when it reported one in the stream (its HTTP status is 200 regardless). */
  readonly error?: string;
  /** Names the load took from another image (`from`: that image's ID, which keeps its other names or becomes `<none>`). */
  readonly moved: ReadonlyArray<{ readonly reference: string; readonly from: string }>;
}

/**
 * Reads the JSON-lines answer of `POST /images/load`: `{"stream":"Loaded image: …\n"}`
 * lines, progress lines when not quiet, and `{"errorDetail":…,"error":"…"}` when the
 * load failed after the engine had begun to answer.
 */
export function parseLoadAnswer(text: string): LoadAnswer {
  const references: string[] = [];
  const ids: string[] = [];
  const moved: Array<{ reference: string; from: string }> = [];
  let error: string | undefined;
  const said = (line: string) => {
    const renamed = /^The image (\S+) already exists, renaming the old one with ID (\S+) to empty string$/.exec(line.trim());
    if (renamed) return void moved.push({ reference: familiarName(renamed[1]), from: renamed[2] });
    const image = /^Loaded image: (.+)$/.exec(line.trim());
    // Docker writes one line per name. Podman writes all of an image's names on one line,
    // comma-separated and in full (docker.io/…); a comma is never part of a name.
    if (image) return void references.push(...image[1].split(',').map((n) => familiarName(n.trim())).filter(Boolean));
    const id = /^Loaded image ID: (.+)$/.exec(line.trim());
    if (id) ids.push(id[1].trim());
  };
  // The engine writes one JSON object per line, but nothing stops two sharing one.
  for (const raw of text.split(/\r?\n|(?<=\})(?=\{)/)) {
    const line = raw.trim();
    if (!line) continue;
    let msg: { stream?: unknown; error?: unknown; errorDetail?: { message?: unknown } };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      said(line);
      continue;
    }
    if (typeof msg.errorDetail?.message === 'string') error ??= msg.errorDetail.message;
    else if (typeof msg.error === 'string') error ??= msg.error;
    if (typeof msg.stream === 'string') msg.stream.split('\n').forEach(said);
  }
  return { references, ids, error, moved };
}
