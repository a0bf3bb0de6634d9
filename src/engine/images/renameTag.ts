import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { InputError } from './InputError';
import { requireReference } from './requireReference';
import { tagImage, type TagResult } from './tagImage';
import { untagImage } from './untagImage';

/**
 * Renames a tag: tag with the new name, then untag the old one, as one action.
 * The order means a failure can only ever leave one name too many, never none:
 * if the untag fails after tagging, both names stay and the error says so.
 */
export async function renameTag(engine: Engine, from: string, to: string, options: { replace?: boolean } = {}): Promise<TagResult> {
  const source = requireReference(from, 'name to rename', { allowDigest: false });
  const target = requireReference(to, 'new name', { allowDigest: false });
  if (withTag(source.string, source.tag) === withTag(target.string, target.tag)) {
    throw new InputError('new name', to, `it is the same name as ${from}`, 0, to.length);
  }
  const tagged = await tagImage(engine, from, to, options);
  try {
    await untagImage(engine, from);
  } catch (err) {
    const e = err instanceof EngineError ? err : undefined;
    const why = e?.engineMessage ?? (err as Error).message;
    throw new EngineError(
      `Renamed only halfway: ${to} now names the image, but ${from} could not be removed (${why}). The image has both names; nothing was lost.`,
      e?.kind ?? 'engine',
      `rename ${from} to ${to}`,
      e?.statusCode,
      e?.engineMessage,
    );
  }
  return tagged;
}

/** `string` is the full name with its tag as written; a missing tag means latest. */
function withTag(full: string, tag: string | null): string {
  return tag === null ? `${full}:latest` : full;
}
