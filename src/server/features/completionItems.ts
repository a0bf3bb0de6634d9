import type { CompletionItem, Range } from 'vscode-languageserver';
import { parseReference } from '../../reference';
import type { DocumentAnalysis } from '../analyzeDocument';
import type { EngineIndex } from './EngineIndex';
import { formatBytes } from '../../shared/formatBytes';

/** Where the cursor is, if it is where a reference goes. */
export interface CompletionSlot {
  /** Start of the reference text being typed. */
  readonly start: number;
  /** End of the word under the cursor. */
  readonly end: number;
  /** Text from `start` to the cursor. */
  readonly prefix: string;
  /** Offer build stages too (Dockerfile FROM, --from=, from=). */
  readonly stages: boolean;
  /** Put a space before the inserted text (`image:|` with nothing after the colon). */
  readonly needsSpace: boolean;
}

/** The completion slot at `offset`, or undefined when the cursor is not where a reference goes. */
export function completionSlot(analysis: DocumentAnalysis, text: string, offset: number): CompletionSlot | undefined {
  if (analysis.kind === 'dockerfile') {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const m =
      /^\s*FROM\s+(?:--\S+\s+)*(\S*)$/i.exec(before) ??
      /^\s*COPY\s+(?:--\S+\s+)*--from=(\S*)$/i.exec(before) ??
      /^\s*RUN\s+(?:--\S+\s+)*--mount=\S*?\bfrom=([^,\s]*)$/i.exec(before);
    if (!m) return undefined;
    let end = offset;
    while (end < text.length && /[^\s,]/.test(text[end])) end++;
    return { start: offset - m[1].length, end, prefix: m[1], stages: true, needsSpace: false };
  }
  for (const { site } of analysis.sites) {
    if (offset < site.start || offset > site.end || !site.exact) continue;
    if (site.role !== 'image' && site.role !== 'empty') return undefined;
    if (site.role === 'empty') return { start: offset, end: offset, prefix: '', stages: false, needsSpace: text[offset - 1] === ':' };
    return { start: site.start, end: site.end, prefix: site.value.slice(0, offset - site.start), stages: false, needsSpace: false };
  }
  // Half-typed YAML is often not YAML yet (`image: nginx:` reads as a nested mapping), so
  // no site exists: recognise the line instead.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^\s*(?:-\s+)?(?:image|container)\s*:\s+["']?([^\s"'#]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  let end = offset;
  while (end < text.length && /[^\s"'#]/.test(text[end])) end++;
  return { start: offset - m[1].length, end, prefix: m[1], stages: false, needsSpace: false };
}

/**
 * Completion where a reference goes: the engine's repositories, then, after `:`, that
 * repository's tags; build stages after `FROM` and `--from=`. `toRange` maps offsets.
 */
export function completionItems(
  analysis: DocumentAnalysis,
  slot: CompletionSlot,
  engine: EngineIndex | undefined,
  toRange: (start: number, end: number) => Range,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  const { prefix } = slot;
  const colon = tagColon(prefix);
  if (colon >= 0) {
    if (!engine?.available) return items;
    const repo = parseReference(prefix.slice(0, colon), 'normalized');
    if (!repo.valid || !repo.fullName) return items;
    const range = toRange(slot.start + colon + 1, slot.end);
    for (const tag of engine.tags(repo.fullName)) {
      const image = engine.find({ ...repo, tag, digest: null });
      items.push({ label: tag, kind: 12 /* Value */, detail: image ? `${image.id.replace(/^sha256:/, '').slice(0, 12)} · ${formatBytes(image.size)}` : undefined, textEdit: { range, newText: tag } });
    }
    return items;
  }
  const range = toRange(slot.start, slot.end);
  const space = slot.needsSpace ? ' ' : '';
  if (slot.stages) {
    for (const stage of analysis.stages ?? []) {
      if (!stage.name || stage.offset >= slot.start) continue;
      items.push({ label: stage.name, kind: 18 /* Reference */, detail: 'build stage', sortText: `0${stage.name}`, textEdit: { range, newText: space + stage.name } });
    }
  }
  if (engine?.available) {
    for (const repo of engine.repositories()) {
      items.push({ label: repo, kind: 9 /* Module */, detail: 'image in the engine', sortText: `1${repo}`, filterText: repo, textEdit: { range, newText: space + repo } });
    }
  }
  return items;
}

/** Index of the `:` that starts a tag in what has been typed, or -1. */
function tagColon(prefix: string): number {
  if (prefix.includes('@')) return -1;
  const colon = prefix.lastIndexOf(':');
  return colon > prefix.lastIndexOf('/') ? colon : -1;
}
