import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent } from 'node:http';
import { Duplex } from 'node:stream';
import type { Endpoint } from '../Endpoint';
import { explainSshFailure } from './explainSshFailure';
import { sshArgs } from './sshArgs';

/** An idle connection (an ssh process) is kept this long for the next request. */
const IDLE_MS = 5_000;
/** Enough of stderr to explain a failure; ssh writes a few lines. */
const MAX_STDERR = 16 * 1024;

/**
 * One HTTP connection to a remote engine: the stdin and stdout of
 * `ssh HOST docker system dial-stdio`, which relays them to the remote engine's
 * socket. When ssh ends without the engine having said anything, the connection
 * fails with the step that went wrong (explainSshFailure).
 */
class SshChannel extends Duplex {
  private answered = false;
  private stderr = '';

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    url: string,
  ) {
    super();
    child.stdout.on('data', (chunk: Buffer) => {
      this.answered = true;
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < MAX_STDERR) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.on('error', (err) => this.destroy(err));
    child.on('close', (code) => {
      if (this.destroyed) return;
      if (!this.answered && code !== 0) this.destroy(explainSshFailure(url, this.stderr, code));
      else {
        this.push(null);
        // Once ssh has quit, nothing written reaches the engine: the connection closes
        // (after what is left to read), so the agent drops it from its idle pool, where
        // nothing reads it, instead of handing a dead one to the next request.
        if (this.readableLength === 0) this.destroy();
        else this.once('end', () => this.destroy());
      }
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    // A write into an ssh that already quit fails with EPIPE; its exit says why, so that waits for it.
    this.child.stdin.write(chunk, () => callback());
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.child.stdin.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    clearTimeout(this.idle);
    if (this.child.exitCode === null) this.child.kill();
    callback(err);
  }

  private idle?: NodeJS.Timeout;

  // What http asks of a socket. The agent unrefs a connection when it goes idle in its
  // pool and refs it when reused: an idle one must not keep the process alive, and is
  // ended after IDLE_MS, so no ssh process lingers.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    clearTimeout(this.idle);
    this.child.ref();
    for (const s of [this.child.stdout, this.child.stderr, this.child.stdin]) (s as unknown as { ref?: () => void }).ref?.();
    return this;
  }
  unref(): this {
    this.child.unref();
    for (const s of [this.child.stdout, this.child.stderr, this.child.stdin]) (s as unknown as { unref?: () => void }).unref?.();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.destroy(), IDLE_MS);
    this.idle.unref();
    return this;
  }
}

/**
 * An http.Agent whose connections are ssh processes, as the docker CLI reaches an
 * ssh:// engine: the user's ssh, keys, agent, config and known_hosts, and
 * `docker system dial-stdio` on the remote end; nothing installed there but docker.
 * Connections are kept alive for the next request (a new ssh login costs a key
 * exchange and a remote docker start each time), at most 4 idle, each ended after
 * IDLE_MS of idleness.
 */
export class SshDialAgent extends Agent {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    super({ keepAlive: true, maxFreeSockets: 4 });
  }

  override createConnection(): Duplex {
    const child = spawn('ssh', sshArgs(this.endpoint, this.env), { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new SshChannel(child, this.endpoint.url);
  }
}
