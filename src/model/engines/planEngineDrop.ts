import { plural } from '../plural';

/** An engine as a drag names it: its name in the view and the endpoint it reaches (two names may reach one engine). */
export interface DropEngine {
  readonly name: string;
  readonly url: string;
}

/** What was dragged from one engine's rows: the tags (a repository's are all its tags). */
export interface DraggedImages {
  readonly from: DropEngine;
  readonly references: readonly string[];
}

export type EngineDropPlan =
  | { readonly kind: 'copy'; readonly from: DropEngine; readonly to: DropEngine; readonly references: string[] }
  | { readonly kind: 'refuse'; readonly message: string };

/**
 * What a drop of image rows onto an engine's row does: copy them from the engine they
 * were listed on to that one, as Copy to Engine… would. A drop onto the engine they
 * are already on, or of rows of several engines at once, copies nothing and says why.
 */
export function planEngineDrop(dragged: readonly DraggedImages[], to: DropEngine): EngineDropPlan {
  const withTags = dragged.filter((d) => d.references.length > 0);
  if (!withTags.length) return { kind: 'refuse', message: 'Nothing to copy: drag image tags or a repository from an engine’s rows in the Images view.' };
  const sources = new Map<string, DropEngine>();
  for (const d of withTags) sources.set(d.from.url, d.from);
  if (sources.size > 1) {
    const names = [...sources.values()].map((e) => e.name).join(', ');
    return { kind: 'refuse', message: `The dragged rows come from several engines (${names}): drag rows of one engine at a time.` };
  }
  const [from] = sources.values();
  const references = [...new Set(withTags.flatMap((d) => d.references))];
  if (from.url === to.url) {
    const what = references.length === 1 ? references[0] : plural(references.length, 'image');
    const alias = from.name === to.name ? '' : ` (${from.name} and ${to.name} are the same engine, ${to.url})`;
    return { kind: 'refuse', message: `${what} ${references.length === 1 ? 'is' : 'are'} already on ${to.name}${alias}: nothing copied. Drop on another engine’s row to copy there.` };
  }
  return { kind: 'copy', from, to, references };
}
