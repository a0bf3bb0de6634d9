import type { LayerEntry } from '../../engine/layers/LayerEntry';

/** A path in a container's filesystem: what the container sees there and where it comes from. */
export interface ContainerTreeNode {
  readonly name: string;
  /** From the root, without a leading `/`. */
  readonly path: string;
  entry?: LayerEntry;
  /** The image layer (0 = bottom) it comes from, or `writable` for the container's own layer. */
  from: number | 'writable';
  /** Folders only, by name. */
  readonly children?: Map<string, ContainerTreeNode>;
}

/**
 * A container's filesystem as its union mount shows it: the image's layers bottom-up,
 * then the writable layer on top, each layer's whiteouts and opaque folders hiding
 * what is below before its entries are laid on. Only the index is stacked, no content.
 */
export function containerTree(imageLayers: ReadonlyArray<readonly LayerEntry[]>, writable: readonly LayerEntry[]): ContainerTreeNode {
  const root: Mutable = { name: '', path: '', from: 0, children: new Map() };
  const all: Array<[readonly LayerEntry[], number | 'writable']> = [...imageLayers.map((l, i) => [l, i] as [readonly LayerEntry[], number]), [writable, 'writable']];
  for (const [entries, from] of all) {
    for (const e of entries) {
      if (e.kind === 'whiteout') {
        const slash = e.path.lastIndexOf('/');
        folderAt(root, slash < 0 ? '' : e.path.slice(0, slash))?.children!.delete(e.path.slice(slash + 1));
      } else if (e.kind === 'opaque') {
        const folder = folderAt(root, e.path);
        // Only what lower layers put there goes; this layer's own entries may come before the marker.
        if (folder) for (const [n, child] of folder.children!) if (child.from !== from) folder.children!.delete(n);
      }
    }
    for (const e of entries) {
      if (e.kind === 'whiteout' || e.kind === 'opaque' || e.path === '') continue;
      const parts = e.path.split('/');
      let node = root;
      for (let i = 0; i < parts.length - 1; i++) {
        let child = node.children!.get(parts[i]);
        if (!child?.children) {
          child = { name: parts[i], path: parts.slice(0, i + 1).join('/'), from, children: new Map() };
          node.children!.set(parts[i], child);
        }
        node = child;
      }
      const name = parts[parts.length - 1];
      const existing = node.children!.get(name);
      if (e.kind === 'dir' && existing?.children) {
        existing.entry = e;
        existing.from = from;
      } else {
        node.children!.set(name, e.kind === 'dir' ? { name, path: e.path, entry: e, from, children: new Map() } : { name, path: e.path, entry: e, from });
      }
    }
  }
  return root;
}

type Mutable = ContainerTreeNode;

function folderAt(root: Mutable, path: string): Mutable | undefined {
  let node: Mutable | undefined = root;
  if (path === '') return root;
  for (const part of path.split('/')) {
    node = node?.children?.get(part);
    if (!node) return undefined;
  }
  return node.children ? node : undefined;
}

/** A folder's rows: folders first, then by name. */
export function sortedChildren(node: ContainerTreeNode): ContainerTreeNode[] {
  return [...(node.children?.values() ?? [])].sort((a, b) => (a.children ? 0 : 1) - (b.children ? 0 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
