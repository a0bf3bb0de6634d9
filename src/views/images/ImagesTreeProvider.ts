import { config } from '../../config';
import type { ImageSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import { buildImageTree, type ImageTree } from '../../model/buildImageTree';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';
import { RegistryNode } from './RegistryNode';
import { RepositoryNode } from './RepositoryNode';
import type { TagNode } from './TagNode';
import { UntaggedGroupNode } from './UntaggedNode';

/** Images, grouped by repository (or by registry), each tag expanding into its layers. */
export class ImagesTreeProvider extends StowageTreeProvider {
  private latest?: { images: ImageSummary[]; tree: ImageTree; nodes: TreeNode[] };
  /** This refresh's listing: the view and a reveal right after it share one engine call. */
  private listing?: Promise<TreeNode[]>;

  constructor(session: EngineSession) {
    super(session, 'images');
  }

  /** The images as last listed, for quick picks; lists them if the view has not yet. */
  async images(): Promise<ImageSummary[]> {
    if (!this.latest) await this.roots();
    return this.latest!.images;
  }

  override refresh(): void {
    this.listing = undefined;
    super.refresh();
  }

  protected roots(): Promise<TreeNode[]> {
    this.listing ??= this.list().catch((err) => {
      this.listing = undefined;
      throw err;
    });
    return this.listing;
  }

  private async list(): Promise<TreeNode[]> {
    const images = await engineModule().listImages(this.session.engine());
    const grouping = config.imageGrouping();
    const tree = buildImageTree(images, grouping);
    const nodes: TreeNode[] =
      grouping === 'registry'
        ? tree.registries.map((r) => new RegistryNode(r, this.session))
        : tree.repositories.map((r) => new RepositoryNode(r, this.session));
    if (tree.untagged.length) nodes.push(new UntaggedGroupNode(tree.untagged));
    if (!nodes.length) nodes.push(new MessageNode('images:empty', 'No images yet. Pull one, or commit a container.', { icon: 'info' }));
    this.latest = { images, tree, nodes };
    return nodes;
  }

  /** The tag node for a reference in the current listing (callers refresh first), for reveal(). */
  async findTag(reference: string): Promise<TagNode | undefined> {
    await this.roots();
    for (const n of this.latest!.nodes) {
      const repos = n instanceof RegistryNode ? n.repositories : n instanceof RepositoryNode ? [n] : [];
      for (const r of repos) {
        const t = r.tags.find((tag) => tag.reference === reference || tag.imageId === reference);
        if (t) return t;
      }
    }
    return undefined;
  }
}
