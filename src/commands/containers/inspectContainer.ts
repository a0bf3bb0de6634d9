import { engineModule } from '../../engineModule';
import type { TreeNode } from '../../views/TreeNode';
import { pickContainers } from '../pick/pickContainer';
import type { StowageContext } from '../StowageContext';

export async function inspectContainer(ctx: StowageContext, node?: TreeNode): Promise<void> {
  const [container] = await pickContainers(ctx, node, undefined, 'Inspect container');
  const info = await engineModule().inspectContainer(ctx.session.engine(), container.id);
  await ctx.inspect.show('container', container.id, container.name, info, ctx.session);
}
