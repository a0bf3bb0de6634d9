import type { Engine } from '../../../src/engine/Engine';

/**
 * Removes what earlier e2e runs left when they were killed before their cleanup: the
 * containers and images carrying `label` = a process id that is no longer alive, and the
 * images whose names `names` matches with a dead process id as its first group (images the
 * extension made, such as a commit, carry no label of ours). Live runs are left alone.
 */
export async function removeLeftoversOfDeadRuns(engine: Engine, label: string, names?: RegExp): Promise<void> {
  const dead = (pid: number) => pid > 0 && pid !== process.pid && !alive(pid);
  const filters = JSON.stringify({ label: [label] });
  for (const c of await engine.api.listContainers({ all: true, filters })) {
    if (dead(Number(c.Labels?.[label]))) await engine.api.getContainer(c.Id).remove({ force: true }).catch(() => {});
  }
  // Without names, only labelled images can be leftovers: the engine filters them (a shared
  // engine may hold thousands of images, and listing them all takes long on a busy one).
  for (const image of await engine.api.listImages(names ? {} : { filters })) {
    const byLabel = dead(Number(image.Labels?.[label]));
    const byName = (image.RepoTags ?? []).some((t) => {
      const m = names?.exec(t);
      return !!m && dead(Number(m[1]));
    });
    if (byLabel || byName) await engine.api.getImage(image.Id).remove({ force: true }).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
