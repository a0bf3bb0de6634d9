import type { StowageContext } from './StowageContext';

/**
 * Shows an image's tag in the Images view after a pull, commit, tag or load. With
 * focus, VS Code also opens the view when its section is collapsed; the user asked
 * for the operation, so taking them to its result is the point.
 */
export async function revealImage(ctx: StowageContext, reference: string): Promise<void> {
  try {
    const node = await ctx.images.findTag(reference);
    if (node) await ctx.imagesView.reveal(node, { select: true, focus: true, expand: false });
  } catch (err) {
    ctx.log.info(`Could not reveal ${reference}: ${(err as Error).message}`);
  }
}
