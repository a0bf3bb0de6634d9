import { EngineError } from '../EngineError';
import type { RunSpec } from '../../model/run/RunSpec';

/** The engine's words for the usual run failures, turned into what to do about them. */
export function explainRunFailure(err: unknown, spec: RunSpec, what: string): unknown {
  if (!(err instanceof EngineError) || !err.engineMessage) return err;
  const said = err.engineMessage;
  const port = /(?:Bind for [^ ]*?:(\d+) failed: port is already allocated|listen tcp[46]? [^:]*:(\d+): bind: address already in use)/.exec(said);
  if (port) return new EngineError(`Could not ${what}: host port ${port[1] ?? port[2]} is already taken by another container or program. Choose another host port (or leave it empty for any free one). Nothing was left behind.`, err.kind, err.operation, err.statusCode, said);
  if (/port is already allocated|address already in use/.test(said)) return new EngineError(`Could not ${what}: a host port asked for is already taken. Nothing was left behind. (Engine: ${said})`, err.kind, err.operation, err.statusCode, said);
  const exe = /exec: "([^"]*)": (?:executable file not found in \$PATH|stat [^:]*: no such file or directory)|(no such file or directory)/.exec(said);
  if (exe && /starting container process|exec/.test(said)) {
    const program = exe[1] ?? spec.cmd?.[0] ?? 'the command';
    return new EngineError(`Could not ${what}: ${program} does not exist in the image ${spec.image}, so the container cannot start. Check the command. Nothing was left behind.`, err.kind, err.operation, err.statusCode, said);
  }
  if (/network .* not found/i.test(said)) return new EngineError(`Could not ${what}: there is no network named ${spec.network} on this engine. Nothing was left behind.`, err.kind, err.operation, err.statusCode, said);
  if (/No such image/i.test(said)) return new EngineError(`Could not ${what}: the engine has no image ${spec.image} (was it removed?).`, err.kind, err.operation, err.statusCode, said);
  return new EngineError(`${err.message} Nothing was left behind.`, err.kind, err.operation, err.statusCode, said);
}
