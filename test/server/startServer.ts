import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EngineImagesResult } from '../../src/shared/protocol';

/** From out/test/server back to the repository. */
export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface ServerOptions {
  readonly trusted: boolean;
  /** Answers `stowage/engineImages`; counts how often it was asked. */
  readonly engineImages: () => Promise<EngineImagesResult>;
  /** The `stowage.references` settings the client gives for any document. */
  settings?: unknown;
}

/**
 * The real server process (dist/server.js over stdio) and a bare LSP client around it:
 * diagnostics are queued per URI so a test can wait for the next publication of a given
 * document version instead of sleeping.
 */
export class TestServer {
  readonly connection: MessageConnection;
  engineRequests = 0;
  configurationRequests = 0;
  private readonly proc: ChildProcess;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<{ uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  stderr = '';

  constructor(readonly options: ServerOptions) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      this.configurationRequests++;
      return params.items.map(() => this.options.settings ?? null);
    });
    this.connection.onRequest('stowage/engineImages', () => {
      this.engineRequests++;
      return this.options.engineImages();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const i = this.waiters.findIndex((w) => w.uri === p.uri && w.test(p));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(p);
      else this.published.set(p.uri, [...(this.published.get(p.uri) ?? []), p]);
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.listen();
  }

  async initialize(rootUri: string): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { trusted: this.options.trusted, debounceMs: 20 },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The next (or an already queued) publication for `uri` whose version is `version`. */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    const test = (p: PublishDiagnosticsParams) => version === undefined || p.version === version;
    const queued = this.published.get(uri) ?? [];
    const i = queued.findIndex(test);
    if (i >= 0) return Promise.resolve(queued.splice(i, 1)[0].diagnostics);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve: (p) => resolve(p.diagnostics) }));
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) await new Promise((r) => this.proc.once('exit', r));
  }
}
