/** One YAML document's text within a file, cut at `---` lines. */
export interface YamlChunk {
  /** Offset of the chunk in the file. */
  readonly start: number;
  readonly text: string;
}

/**
 * Cuts a YAML stream into its documents at `---` lines. A `---` at the start of a line
 * always starts a document (even inside a block scalar), so each piece parses on its own
 * exactly as it would in the whole stream, and an edit only invalidates its own piece.
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text))) {
    if (m.index > last) chunks.push({ start: last, text: text.slice(last, m.index) });
    last = m.index;
    marker.lastIndex = m.index + 3;
  }
  if (last < text.length || chunks.length === 0) chunks.push({ start: last, text: text.slice(last) });
  return chunks;
}
