/**
 * The Engine view's Images row. The engine's `docker info` count is every image in
 * its store, intermediate build images included; the Images view lists top-level
 * images only (as `docker image ls` does). Say which is which, so 13 beside 9
 * listed is not a puzzle.
 */
export function describeImageCount(stored: number, listed: number | undefined): { description: string; tooltip: string } {
  const storedText = `${stored} in the store`;
  if (listed === undefined || listed > stored) {
    return { description: `${storedText} (intermediate build images included)`, tooltip: `The engine's count (docker info): every image in its store, intermediate build images included. The Images view lists top-level images only.` };
  }
  const hidden = stored - listed;
  const description = hidden ? `${storedText}: ${listed} listed, ${hidden} intermediate` : `${storedText}, all listed`;
  return {
    description,
    tooltip: `The engine's count (docker info) is every image in its store: ${stored}. The Images view lists the ${listed} top-level ${listed === 1 ? 'image' : 'images'} (as docker image ls does)${hidden ? `; the other ${hidden} ${hidden === 1 ? 'is an intermediate build image' : 'are intermediate build images'}, parents of other images with no name of their own` : ''}.`,
  };
}
