import * as vscode from 'vscode';
import { config } from '../config';
import type { Endpoint } from '../engine/Endpoint';
import type { Engine } from '../engine/Engine';
import type { EventWatch } from '../engine/watchEvents';
import type { EngineEvent } from '../engine/types';
import { engineModule } from '../engineModule';
import { kindsForEvent, type ChangeKind } from './kindsForEvent';
import { RefreshScheduler } from './RefreshScheduler';
import { requireTrust } from './restrictedMode';

export type { ChangeKind } from './kindsForEvent';
export type SessionState = { kind: 'unknown' } | { kind: 'up' } | { kind: 'down'; message: string };

/**
 * The extension's connection to one engine: built lazily on first use, rebuilt when
 * the endpoint setting changes, and kept true by the engine's event stream (no
 * polling while the stream is up). Views listen to `onDidChange`.
 */
export class EngineSession implements vscode.Disposable {
  private current?: Engine;
  private watch?: EventWatch;
  /** Engine events settle here before a view lists again (issue 9: a storm listed each view 9 times). */
  private readonly scheduler = new RefreshScheduler<ChangeKind>((kinds) => this.changed.fire(kinds));
  private stateValue: SessionState = { kind: 'unknown' };
  private readonly changed = new vscode.EventEmitter<ReadonlySet<ChangeKind>>();
  private readonly stateChanged = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeState = this.stateChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * `pinned`: a session bound to one engine pinned in the Engines view, whatever the
   * endpoint setting says; without it, the engine the setting (or the docker CLI) names.
   */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    readonly pinned?: { readonly name: string; readonly endpoint: Endpoint },
  ) {
    if (pinned) return;
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (config.reconnectKeys.some((k) => e.affectsConfiguration(k))) this.reconnect();
      }),
    );
  }

  /** The endpoint this session talks to (resolving the setting for the main session); throws if it is unusable. */
  endpoint(): Endpoint {
    return this.pinned?.endpoint ?? engineModule().resolveEndpoint({ setting: config.dockerHost(), env: process.env });
  }

  /** How this session's engine is named in messages: its pinned name, or its endpoint. */
  get label(): string {
    return this.pinned ? this.pinned.name : this.describeEndpoint();
  }

  /** Whether an engine client exists yet (it is made on first use, not at activation). */
  get connected(): boolean {
    return this.current !== undefined;
  }

  requestCount(): number {
    return this.current?.requestCount ?? 0;
  }

  get state(): SessionState {
    return this.stateValue;
  }

  /** The engine, connecting (and starting the event watch) on first use. Throws if the endpoint is unusable. */
  engine(): Engine {
    // The last line of defence: commands and views check trust first, with their own words.
    requireTrust();
    if (!this.current) {
      const mod = engineModule();
      const endpoint = this.endpoint();
      const prefix = this.pinned ? `[${this.pinned.name}] ` : '';
      this.log.info(`${prefix}Using the Docker engine at ${endpoint.url} (from ${endpoint.source})`);
      this.current = new mod.Engine(endpoint, (line) => this.log.info(prefix + line));
      this.watch = mod.watchEvents(this.current, (e) => this.onEvent(e), (s) => this.setState(s.up ? { kind: 'up' } : { kind: 'down', message: s.error.message }));
    }
    return this.current;
  }

  /** The endpoint's URL and source without connecting, or the reason it cannot be resolved. */
  describeEndpoint(): string {
    try {
      const ep = this.endpoint();
      return `${ep.url} (${ep.source})`;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** Called by views when a request failed because the engine is gone. */
  reportDown(message: string): void {
    this.setState({ kind: 'down', message });
  }

  /**
   * Called when a request succeeded: an engine reported down by a request (a read it
   * left unanswered while its event stream stayed open) is up again.
   */
  reportUp(): void {
    if (this.stateValue.kind === 'down') this.setState({ kind: 'up' });
  }

  retry(): void {
    this.watch?.retryNow();
    this.fire(['images', 'containers']);
  }

  /** Refresh now (after our own actions, or the Refresh button): no need to wait for the event. */
  refresh(kinds: ChangeKind[] = ['images', 'containers']): void {
    this.fire(kinds);
  }

  private reconnect(): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.current = undefined;
    this.setState({ kind: 'unknown' });
    this.fire(['images', 'containers']);
  }

  private onEvent(e: EngineEvent): void {
    for (const kind of kindsForEvent(e)) this.scheduler.request(kind);
  }

  private fire(kinds: ChangeKind[]): void {
    this.scheduler.now(kinds);
  }

  private setState(s: SessionState): void {
    const was = this.stateValue;
    this.stateValue = s;
    const whose = this.pinned ? ` ${this.pinned.name}` : '';
    if (s.kind === 'down' && was.kind !== 'down') this.log.warn(`Docker engine${whose} unreachable: ${s.message}`);
    if (s.kind === 'up' && was.kind === 'down') {
      this.log.info(`Docker engine${whose} is back`);
      // It may have changed while we were away.
      this.fire(['images', 'containers']);
    }
    if (s.kind !== was.kind || (s.kind === 'down' && was.kind === 'down' && s.message !== was.message)) this.stateChanged.fire(s);
  }

  dispose(): void {
    this.watch?.dispose();
    this.scheduler.dispose();
    this.changed.dispose();
    this.stateChanged.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
