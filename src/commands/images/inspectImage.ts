import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickImages } from '../pick/pickImages';
import type { StowageContext } from '../StowageContext';

export async function inspectImage(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [target] = await pickImages(ctx, node, undefined, 'Inspect image', false);
  const info = await engineModule().inspectImage(ctx.session.engine(), target.image.id);
  await ctx.inspect.show('image', target.image.id, target.reference, info, ctx.session);
}
