import type { LayerEntry } from '../engine/types';

export interface LayerRow {
  /** The Dockerfile instruction that made the layer, shortened for a tree label. */
  readonly instruction: string;
  /** The same, whole, for the tooltip. */
  readonly fullInstruction: string;
  readonly size: number;
  /** Metadata only (CMD, ENV, LABEL…): no filesystem layer behind it. */
  readonly empty: boolean;
  /** The rootfs layer (diff ID) this entry added, when the count lines up. */
  readonly diffId: string | null;
  /** Set on the topmost entry of a parent/base image: that image's name. */
  readonly baseImage: string | null;
  readonly created: number;
  readonly comment: string;
  readonly imageId: string | null;
}

const METADATA_ONLY = new Set([
  'CMD', 'ENTRYPOINT', 'ENV', 'LABEL', 'EXPOSE', 'USER', 'VOLUME', 'WORKDIR', 'ONBUILD',
  'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ARG', 'MAINTAINER',
]);
const MAX_LABEL = 60;

/**
 * Turns `docker history` (newest first) and the image's rootfs diff IDs (oldest
 * first) into the rows of the Layers view, newest on top. Empty layers are told
 * apart by their instruction; where the non-empty count matches the rootfs, each
 * row gets its diff ID.
 */
export function describeLayers(history: readonly LayerEntry[], rootfsLayers: readonly string[], ownTags: readonly string[]): LayerRow[] {
  const own = new Set(ownTags);
  const rows = history.map((h, index) => {
    const full = instructionOf(h.createdBy, h.comment);
    const keyword = full.split(/\s+/, 1)[0].toUpperCase();
    const empty = h.size === 0 && METADATA_ONLY.has(keyword);
    const foreignTags = index === 0 ? [] : h.tags.filter((t) => !own.has(t));
    return {
      instruction: full.length > MAX_LABEL ? `${full.slice(0, MAX_LABEL - 1)}…` : full,
      fullInstruction: full,
      size: h.size,
      empty,
      diffId: null as string | null,
      baseImage: foreignTags.length ? foreignTags[0] : null,
      created: h.created,
      comment: h.comment,
      imageId: h.id,
    };
  });
  const nonEmpty = rows.filter((r) => !r.empty);
  if (nonEmpty.length === rootfsLayers.length) {
    // history is newest first, rootfs oldest first.
    nonEmpty.forEach((r, i) => (r.diffId = rootfsLayers[rootfsLayers.length - 1 - i]));
  }
  return rows;
}

/** `/bin/sh -c #(nop) CMD ["sh"]` → `CMD ["sh"]`; `/bin/sh -c apk add x` → `RUN apk add x`. */
export function instructionOf(createdBy: string, comment = ''): string {
  const text = createdBy.trim().replace(/\s+/g, ' ');
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop) return nop[1].trim();
  const shell = /^\/bin\/sh -c (.*)$/s.exec(text);
  if (shell) return `RUN ${shell[1]}`;
  if (/^(RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|LABEL|EXPOSE|USER|VOLUME|WORKDIR|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|ARG|MAINTAINER)\b/i.test(text)) {
    // BuildKit writes the instruction itself, sometimes with a " # buildkit" suffix.
    return text.replace(/ # buildkit$/, '');
  }
  // An exec-form RUN and a commit both record a bare command; only a commit can carry a
  // message (the builder's own comments name BuildKit), so the message tells them apart.
  const committed = comment !== '' && !comment.startsWith('buildkit');
  if (committed) return text ? `(commit) ${text}` : '(commit)';
  return text || '(no command recorded)';
}
