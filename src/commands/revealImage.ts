import type { StowageContext } from './StowageContext';

/** Shows an image's tag in the Images view (after a pull, commit, tag or load), when the view can show it. */
export async function revealImage(ctx: StowageContext, reference: string): Promise<void> {
  try {
    const node = await ctx.images.findTag(reference);
    if (node) await ctx.imagesView.reveal(node, { select: true, focus: false, expand: false });
  } catch (err) {
    ctx.log.info(`Could not reveal ${reference}: ${(err as Error).message}`);
  }
}
