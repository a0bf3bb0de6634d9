import { after, before, it, type TestContext } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../../src/engine/contexts/createContext';
import type { Engine } from '../../../src/engine/Engine';
import { startSecondEngine, type SecondEngine } from '../../support/secondEngine';
import { cleanup, ensureBaseImage, TEST_LABEL, testEngine } from '../../support/testEngine';
import { buildVsix } from './buildVsix';
import { e2eTools } from './e2eTools';
import { failureReporter } from './failureReporter';
import { launchBrowser, type Browser } from './launchBrowser';
import { removeLeftoversOfDeadRuns } from './removeLeftoversOfDeadRuns';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './startCodeServer';
import { Workbench } from './Workbench';

/** Marks what a run made with its pid, so a later run can tell leftovers of dead runs from live ones. */
export const OWNER_LABEL = 'stowage.e2e.owner';
const SHOTS = 'media/screenshots';
const FAILURES = 'test-results/e2e';

export interface E2eSession {
  readonly engine: Engine;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly wb: Workbench;
  /** The repository's root, and media/screenshots in it. */
  readonly root: string;
  readonly shots: string;
  /** The labels every container or image the test makes should carry (removed after, and after a dead run). */
  readonly labels: Record<string, string>;
  /** Names the containers and images (references or IDs) to remove when the suite ends, made by the UI or by the test. */
  removeAtEnd(what: { containers?: string[]; images?: string[] }): void;
  /**
   * Runs `body` as the check `id`: when it fails, a screenshot and the logs are appended to
   * the error (as `step` does, for a test that calls `it` itself).
   */
  check(id: string, body: () => Promise<void>): Promise<void>;
  /**
   * One step of a story: skipped when an earlier one failed (it depends on it, and says
   * which), with a screenshot and the logs appended when it fails.
   */
  step(id: string, title: string, body: () => Promise<void>): void;
}

export interface E2eSessionOptions {
  /** Prefix of failure screenshots (test-results/e2e/<prefix>-<step>.png). */
  prefix: string;
  /** Image names a dead run of this test left, with the dead pid as the first group (see removeLeftoversOfDeadRuns). */
  leftoverNames?: RegExp;
  /** Runs before code-server starts, against the engine (the base image is there): containers the views should list at once. */
  setup?: (session: E2eSetup) => Promise<void>;
  /** code-server's options beyond the Stowage package (env, settings, files); more packages are built from the repository's root, beside Stowage's. */
  codeServer?: Omit<CodeServerOptions, 'vsixes'> & { vsixes?: ((root: string) => Promise<string>)[] };
}

/** What `setup` gets: the shared engine, and what it needs to give code-server more and clean it up. */
export interface E2eSetup extends Pick<E2eSession, 'engine' | 'labels' | 'removeAtEnd'> {
  /** Runs `work` when the suite ends, after the browser, code-server and removeAtEnd's objects, in the order given, each on its own. */
  atEnd(work: () => unknown): void;
  /** Environment for code-server (so for the extension host) known only once setup has made it: over codeServer.env. */
  addEnv(env: Record<string, string>): void;
  /**
   * Adds a docker CLI context to a throwaway DOCKER_CONFIG of the suite's (removed at the end);
   * code-server then runs with that DOCKER_CONFIG and no DOCKER_HOST or DOCKER_CONTEXT, so it
   * sees exactly the contexts added, with the machine's engine as `default`.
   */
  addContext(context: { name: string; description: string; host: string }): Promise<void>;
  /** Starts a second dockerd of the suite's own (removed at the end), added as the context `context.name`. */
  startEngine(label: string, context: { name: string; description: string }): Promise<SecondEngine>;
}

/**
 * What every e2e suite repeats, once: inside a `describe`, registers the `before` that
 * builds the package, clears what dead runs left, starts code-server with Stowage and a
 * Chromium on it, opens the Stowage views; and the `after` that closes all that and removes
 * what the test named with removeAtEnd (each part on its own, so one failing does not keep
 * the others from running). The fields are read once `before` has run.
 */
export function useE2eSession(options: E2eSessionOptions): E2eSession {
  let engine: Engine | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  let root = '';
  const containers: string[] = [];
  const images: string[] = [];
  const labels = { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid) };
  const check = failureReporter({ dir: () => join(root, FAILURES), prefix: options.prefix, workbench: () => wb, server: () => server });
  let broken: string | undefined;
  const atEnd: (() => unknown)[] = [];
  const env: Record<string, string> = {};
  let dockerConfig: string | undefined;
  const addContext = async (context: { name: string; description: string; host: string }) => {
    if (dockerConfig === undefined) {
      dockerConfig = mkdtempSync(join(tmpdir(), 'stowage-e2e-docker-config-'));
      Object.assign(env, { DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: '' });
    }
    await createContext(context, { configDir: dockerConfig });
  };
  const startEngine = async (label: string, context: { name: string; description: string }) => {
    const second = await startSecondEngine(label);
    atEnd.push(() => second.remove());
    await addContext({ ...context, host: `unix://${second.socketPath}` });
    return second;
  };
  const removeAtEnd = (what: { containers?: string[]; images?: string[] }) => {
    containers.push(...(what.containers ?? []));
    images.push(...(what.images ?? []));
  };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e session's ${what} is not up (its before() failed or has not run)`);
    return value;
  };

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    mkdirSync(join(root, SHOTS), { recursive: true });
    const vsixBuilt = Promise.all([buildVsix(tools.root), ...(options.codeServer?.vsixes ?? []).map((build) => build(tools.root))]);
    vsixBuilt.catch(() => {}); // awaited below; this only keeps an early failure elsewhere from going unhandled
    engine = testEngine();
    await removeLeftoversOfDeadRuns(engine, OWNER_LABEL, options.leftoverNames);
    await ensureBaseImage(engine);
    await options.setup?.({ engine, labels, removeAtEnd, atEnd: (work) => atEnd.push(work), addEnv: (more) => Object.assign(env, more), addContext, startEngine });
    // Read after setup, which may have set them.
    const given = options.codeServer;
    server = await startCodeServer(tools, { ...given, env: { ...given?.env, ...env }, vsixes: await vsixBuilt });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb!.openStowage(server!.url));
  });

  after(async () => {
    const quietly = (work: () => unknown) => Promise.resolve().then(work).catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    await quietly(() => browser?.close());
    await quietly(() => server?.stop());
    if (engine) await quietly(() => cleanup(engine!, { containers, images }));
    for (const work of atEnd) await quietly(work);
    if (dockerConfig !== undefined) rmSync(dockerConfig, { recursive: true, force: true });
  });

  return {
    get engine() { return need(engine, 'engine'); },
    get server() { return need(server, 'code-server'); },
    get browser() { return need(browser, 'browser'); },
    get wb() { return need(wb, 'workbench'); },
    get root() { return root; },
    get shots() { return join(root, SHOTS); },
    labels,
    removeAtEnd,
    check,
    step(id, title, body) {
      it(title, async (t: TestContext) => {
        if (broken) return t.skip(`needs the step "${broken}", which failed`);
        try {
          await check(id, body);
        } catch (err) {
          broken = id;
          throw err;
        }
      });
    },
  };
}
