import * as vscode from 'vscode';
import { config } from '../config';
import { engineModule } from '../engineModule';
import { EngineSession } from './EngineSession';

/** One engine pinned in the Engines view: its name as pinned, and its own session (or why it has none). */
export interface PinnedEngine {
  readonly name: string;
  readonly session?: EngineSession;
  /** Why the name could not be made an endpoint (no such context, a malformed URL). */
  readonly error?: string;
}

/**
 * The engines pinned in the Engines view (`stowage.pinnedEngines`). With two or more,
 * the Images and Containers views group by engine, and each engine has a session of
 * its own: its own event stream, reconnection and messages, so one that is down or
 * frozen never holds another. The engine the main session uses is not connected
 * twice: its group shares the main session. With fewer than two, `engines()` is
 * undefined and the views are exactly as with one engine.
 */
export class PinnedEngines implements vscode.Disposable {
  private resolved?: Promise<PinnedEngine[] | undefined>;
  private sessions = new Map<string, EngineSession>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly main: EngineSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stowage.pinnedEngines') || config.reconnectKeys.some((k) => e.affectsConfiguration(k))) {
          this.resolved = undefined;
          this.changed.fire();
        }
      }),
    );
  }

  /** The pinned names, as stored. */
  names(): string[] {
    return config.pinnedEngines();
  }

  /** The pinned engines when two or more are pinned; undefined otherwise. */
  engines(): Promise<PinnedEngine[] | undefined> {
    this.resolved ??= this.resolve();
    return this.resolved;
  }

  /**
   * The session of the engine pinned as `name` (its rows' files and documents name it);
   * the main session for no name. Throws, saying so, when it is no longer pinned.
   */
  async sessionNamed(name: string | undefined): Promise<EngineSession> {
    if (name === undefined) return this.main;
    const engine = (await this.engines())?.find((e) => e.name === name);
    if (!engine) throw new Error(`${name} is no longer pinned in the Engines view: pin it again to read from it.`);
    if (!engine.session) throw new Error(`${name} cannot be used: ${engine.error ?? 'no endpoint'}`);
    return engine.session;
  }

  private async resolve(): Promise<PinnedEngine[] | undefined> {
    const names = [...new Set(this.names().map((n) => n.trim()))];
    if (names.length < 2) {
      this.keepOnly(new Set());
      return undefined;
    }
    let mainUrl: string | undefined;
    try {
      mainUrl = this.main.endpoint().url;
    } catch {
      // The main endpoint is unusable: no pinned engine shares its session.
    }
    const kept = new Set<string>();
    const engines = await Promise.all(
      names.map(async (name): Promise<PinnedEngine> => {
        try {
          const endpoint = await engineModule().resolveEngineName(name, `pinned engine "${name}"`);
          if (endpoint.url === mainUrl) return { name, session: this.main };
          const key = `${name}\n${endpoint.url}`;
          kept.add(key);
          let session = this.sessions.get(key);
          if (!session) {
            session = new EngineSession(this.log, { name, endpoint });
            this.sessions.set(key, session);
          }
          return { name, session };
        } catch (err) {
          return { name, error: (err as Error).message };
        }
      }),
    );
    this.keepOnly(kept);
    return engines;
  }

  /** Ends the sessions (event streams) of engines no longer pinned. */
  private keepOnly(keys: ReadonlySet<string>): void {
    for (const [key, session] of this.sessions) {
      if (keys.has(key)) continue;
      session.dispose();
      this.sessions.delete(key);
    }
  }

  dispose(): void {
    this.keepOnly(new Set());
    this.changed.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
