import { config } from '../../config';
import type { ImageSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import { buildImageTreeInSlices, type ImageTree } from '../../model/buildImageTree';
import type { EngineSession } from '../../session/EngineSession';
import type { PinnedEngines } from '../../session/PinnedEngines';
import type { EngineGroupNode } from '../pinned/EngineGroupNode';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';
import { RegistryNode } from './RegistryNode';
import { RepositoryNode } from './RepositoryNode';
import type { TagNode } from './TagNode';
import { UntaggedGroupNode } from './UntaggedNode';
import { hostSlicing } from '../hostSlicing';

/** Images, grouped by repository (or by registry), each tag expanding into its layers. */
export class ImagesTreeProvider extends StowageTreeProvider {
  private latest?: { images: ImageSummary[]; tree: ImageTree; nodes: TreeNode[] };

  constructor(session: EngineSession, pins?: PinnedEngines) {
    super(session, 'images', pins, 'images');
  }

  /**
   * The images of the main engine's current listing (the view's own, shared), for quick
   * picks and the language server; when grouped, its row's listing, or its own if it is not pinned.
   */
  async images(): Promise<ImageSummary[]> {
    await this.mainListing();
    return this.latest!.images;
  }

  /** Makes sure `latest` is the main engine's current listing. */
  private async mainListing(): Promise<void> {
    await this.roots();
    if (!this.grouped) return;
    const main = await this.mainGroup();
    if (main) await main.listed();
    else await this.listEngine(this.session);
  }

  protected async listEngine(session: EngineSession, parent?: EngineGroupNode): Promise<TreeNode[]> {
    const images = await engineModule().listImages(session.engine());
    const grouping = config.imageGrouping();
    const tree = await buildImageTreeInSlices(images, grouping, hostSlicing);
    // Repository nodes make their tag nodes when expanded: a refresh costs one node per repository.
    const nodes: TreeNode[] =
      grouping === 'registry'
        ? tree.registries.map((r) => new RegistryNode(r, session))
        : tree.repositories.map((r) => new RepositoryNode(r, session, parent));
    if (tree.untagged.length) nodes.push(new UntaggedGroupNode(tree.untagged));
    if (!nodes.length) nodes.push(new MessageNode('images:empty', 'No images yet. Pull one, or commit a container.', { icon: 'info' }));
    if (session === this.session) this.latest = { images, tree, nodes };
    return nodes;
  }

  /** Draws the rows again from the current listing, without asking the engine (new "newer on the registry" marks). */
  redraw(): void {
    this.emitter.fire(undefined);
  }

  /** The tag node for a reference (or image ID) in the current listing (callers refresh first), for reveal(). */
  async findTag(reference: string): Promise<TagNode | undefined> {
    await this.mainListing();
    for (const n of this.latest!.nodes) {
      const repos = n instanceof RegistryNode ? n.repositories : n instanceof RepositoryNode ? [n] : [];
      for (const r of repos) {
        const at = r.group.tags.findIndex((tag) => tag.reference === reference || tag.image.id === reference);
        if (at >= 0) return r.tags[at];
      }
    }
    return undefined;
  }
}
