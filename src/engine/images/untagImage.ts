import type { Engine } from '../Engine';
import { removeImage } from '../removeImage';
import { requireReference } from './requireReference';

export interface UntagResult {
  /** `untagged`: the image keeps its other names. `deleted`: that was its last name, so the image went too. */
  readonly outcome: 'untagged' | 'deleted';
  readonly untagged: readonly string[];
  /** Image and layer IDs the engine deleted (empty when only untagged). */
  readonly deleted: readonly string[];
}

/**
 * Removes one name. The engine decides what that means (another name left: only
 * untag; last name: delete the image), and its answer says which happened. Never
 * forced: the engine refuses to delete an image a container still uses, and that
 * refusal reaches the user as is.
 */
export async function untagImage(engine: Engine, reference: string): Promise<UntagResult> {
  requireReference(reference, 'reference');
  const { untagged, deleted } = await removeImage(engine, reference);
  return { outcome: deleted.length > 0 ? 'deleted' : 'untagged', untagged, deleted };
}
