import type { Engine } from './Engine';

const known = new WeakMap<Engine, Promise<boolean>>();

/**
 * Whether the engine is Podman's Docker-compatible service (its version lists a
 * "Podman Engine" component), asked once per Engine. Only for the few places where
 * Podman's API cannot do what Docker's does; an engine that does not answer counts
 * as Docker, and is asked again next time.
 */
export function isPodman(engine: Engine): Promise<boolean> {
  let answer = known.get(engine);
  if (!answer) {
    answer = engine.api.version().then(
      (v) => (v.Components ?? []).some((c) => /^podman/i.test(c.Name)),
      () => {
        known.delete(engine);
        return false;
      },
    );
    known.set(engine, answer);
  }
  return answer;
}
