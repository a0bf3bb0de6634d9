import { config } from '../../config';
import type { ImageSummary } from '../../engine/types';
import { engineModule } from '../../engineModule';
import { buildImageTreeInSlices, type ImageTree, type Slicing } from '../../model/buildImageTree';
import type { EngineSession } from '../../session/EngineSession';
import { MessageNode } from '../MessageNode';
import { StowageTreeProvider } from '../StowageTreeProvider';
import type { TreeNode } from '../TreeNode';
import { RegistryNode } from './RegistryNode';
import { RepositoryNode } from './RepositoryNode';
import type { TagNode } from './TagNode';
import { UntaggedGroupNode } from './UntaggedNode';

/**
 * The tree is built in slices of this many ms, letting the extension host answer
 * between them: an engine with tens of thousands of tags never holds it for long.
 */
const slicing: Slicing = { now: () => performance.now(), pause: () => new Promise((resolve) => setImmediate(resolve)), sliceMs: 10 };

/** Images, grouped by repository (or by registry), each tag expanding into its layers. */
export class ImagesTreeProvider extends StowageTreeProvider {
  private latest?: { images: ImageSummary[]; tree: ImageTree; nodes: TreeNode[] };

  constructor(session: EngineSession) {
    super(session, 'images');
  }

  /** The images of the current listing (the view's own, shared), for quick picks and the language server. */
  async images(): Promise<ImageSummary[]> {
    await this.roots();
    return this.latest!.images;
  }

  protected async list(): Promise<TreeNode[]> {
    const images = await engineModule().listImages(this.session.engine());
    const grouping = config.imageGrouping();
    const tree = await buildImageTreeInSlices(images, grouping, slicing);
    // Repository nodes make their tag nodes when expanded: a refresh costs one node per repository.
    const nodes: TreeNode[] =
      grouping === 'registry'
        ? tree.registries.map((r) => new RegistryNode(r, this.session))
        : tree.repositories.map((r) => new RepositoryNode(r, this.session));
    if (tree.untagged.length) nodes.push(new UntaggedGroupNode(tree.untagged));
    if (!nodes.length) nodes.push(new MessageNode('images:empty', 'No images yet. Pull one, or commit a container.', { icon: 'info' }));
    this.latest = { images, tree, nodes };
    return nodes;
  }

  /** Draws the rows again from the current listing, without asking the engine (new "newer on the registry" marks). */
  redraw(): void {
    this.emitter.fire(undefined);
  }

  /** The tag node for a reference (or image ID) in the current listing (callers refresh first), for reveal(). */
  async findTag(reference: string): Promise<TagNode | undefined> {
    await this.roots();
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
