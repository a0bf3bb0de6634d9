import * as vscode from 'vscode';
import type { DraggedImages, DropEngine, EngineDropPlan } from '../../model/engines/planEngineDrop';
import { planEngineDrop } from '../../model/engines/planEngineDrop';
import type { EngineSession } from '../../session/EngineSession';
import { EngineGroupNode } from '../pinned/EngineGroupNode';
import { engineOwnerOf } from '../pinned/engineOwner';
import type { TreeNode } from '../TreeNode';
import { referencesOfRows } from './referencesOfRows';

/** The Images view's own rows in a drag (VS Code's tree MIME type: `application/vnd.code.tree.<view id>`). */
export const IMAGES_DRAG_MIME = 'application/vnd.code.tree.stowage.images';

/** Dragged rows of one engine, with the session they were listed from (the copy reads from it). */
interface DraggedFrom extends DraggedImages {
  readonly session: EngineSession;
}

/**
 * Drag image tags (or a repository) from one pinned engine's rows onto another
 * engine's row (or any row under it): the images are copied there as Copy to Engine…
 * copies them. A drop onto the engine they are on, or from several engines at once,
 * copies nothing and says why.
 */
export class ImagesDragAndDrop implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = [IMAGES_DRAG_MIME];
  readonly dropMimeTypes = [IMAGES_DRAG_MIME];

  constructor(
    /** The session of rows with no pinned engine (one engine shown). */
    private readonly main: EngineSession,
    private readonly copy: (source: EngineSession, plan: Extract<EngineDropPlan, { kind: 'copy' }>, target: EngineSession) => Promise<void>,
    private readonly refuse: (message: string) => void,
  ) {}

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const bySession = new Map<EngineSession, { name?: string; nodes: TreeNode[] }>();
    for (const node of source) {
      const owner = engineOwnerOf(node);
      const session = owner?.session ?? this.main;
      const entry = bySession.get(session) ?? { name: owner?.engine.name, nodes: [] };
      entry.nodes.push(node);
      bySession.set(session, entry);
    }
    const dragged: DraggedFrom[] = [];
    for (const [session, { name, nodes }] of bySession) {
      const references = referencesOfRows(nodes);
      const from = engineOf(session, name);
      if (references.length && from) dragged.push({ from, references, session });
    }
    if (dragged.length) data.set(IMAGES_DRAG_MIME, new vscode.DataTransferItem(dragged));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const group = target instanceof EngineGroupNode ? target : engineOwnerOf(target);
    // Only an engine's row (or a row under one) is a place to copy to.
    if (!group) return;
    const value: unknown = data.get(IMAGES_DRAG_MIME)?.value;
    // Only rows this view handed over carry their session; anything else (another window's drag) is not ours.
    const dragged = Array.isArray(value) ? value.filter(isDraggedFrom) : [];
    if (!dragged.length) return;
    const targetSession = group.session;
    if (!targetSession) return this.refuse(`${group.engine.name} cannot be reached: ${group.engine.error ?? 'no endpoint'}. Nothing copied.`);
    const to = engineOf(targetSession, group.engine.name);
    if (!to) return this.refuse(`${group.engine.name}: ${targetSession.describeEndpoint()}. Nothing copied.`);
    const plan = planEngineDrop(dragged, to);
    if (plan.kind === 'refuse') return this.refuse(plan.message);
    const source = dragged.find((d) => d.from.url === plan.from.url)!.session;
    await this.copy(source, plan, targetSession);
  }
}

function isDraggedFrom(d: unknown): d is DraggedFrom {
  const x = d as Partial<DraggedFrom> | null;
  return typeof x === 'object' && x !== null && typeof x.session?.engine === 'function' && typeof x.from?.url === 'string' && Array.isArray(x.references);
}

/** How a drag names an engine; undefined when its endpoint cannot be resolved. */
function engineOf(session: EngineSession, name: string = session.label): DropEngine | undefined {
  try {
    return { name, url: session.endpoint().url };
  } catch {
    return undefined;
  }
}
