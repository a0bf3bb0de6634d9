import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeServer } from './startCodeServer';
import type { Workbench } from './Workbench';

/**
 * Wraps each check of an e2e test: a failure gets a screenshot of the workbench at that
 * moment (in the folder `dir()` names, as `<prefix>-<check>.png`) and what code-server and the
 * extension host logged, appended to its message, so it can be understood from the
 * report alone. Getters, because the workbench and server come up in `before`.
 */
export function failureReporter(options: {
  dir: () => string;
  prefix: string;
  workbench: () => Workbench | undefined;
  server: () => CodeServer | undefined;
}): (name: string, body: () => Promise<void>) => Promise<void> {
  return async (name, body) => {
    try {
      await body();
    } catch (err) {
      const dir = options.dir();
      const shot = join(dir, `${options.prefix}-${name}.png`);
      mkdirSync(dir, { recursive: true });
      const taken = await options.workbench()?.screenshot(shot).then(() => true, () => false);
      // What the user would have read on screen: a command that failed says why in a toast.
      const toasts = await options.workbench()?.notifications().then((n) => n.map((t) => t.message), () => undefined);
      const error = err instanceof Error ? err : new Error(String(err));
      error.message += `\n(${taken ? `screenshot: ${shot}` : 'no screenshot: the browser was not up'})\nnotifications showing: ${JSON.stringify(toasts ?? [])}\n${options.server()?.diagnostics() ?? ''}`;
      throw error;
    }
  };
}
