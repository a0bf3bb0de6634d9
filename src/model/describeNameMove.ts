import type { NameMove } from './planNameMoves';
import { shortId } from './shortId';

/**
 * One line of the question asked before a name leaves another image: which image
 * loses it and what that image is left with.
 */
export function describeNameMove(move: NameMove): string {
  const from = `image ${shortId(move.fromImage)}`;
  return move.keeps.length
    ? `${move.name} now names ${from}, which loses it and keeps ${move.keeps.join(', ')}.`
    : `${move.name} now names ${from}, which loses it and becomes <none>:<none> (it has no other name).`;
}
