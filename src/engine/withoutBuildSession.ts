/**
 * Takes the place of dockerode's lib/session.js in the engine bundle
 * (esbuild.mjs swaps it in). That module opens a BuildKit session over gRPC,
 * which dockerode does only for `buildImage` with `version: '2'`; Stowage never
 * builds images. Left in, it brings @grpc/grpc-js and @grpc/proto-loader,
 * loaded on the engine's first use for nothing: without them the production
 * bundle is 735 KB instead of 1,061 KB and requires in 18 ms instead of 25.
 * Should a build ever ask for a session, it fails with this error instead of
 * a missing module.
 */
type SessionHandler = (err: Error | null, sessionId: string | null, done: () => void) => void;

function withoutBuildSession(_docker: unknown, _auth: unknown, handler: SessionHandler): void {
  handler(new Error('BuildKit sessions (buildImage with version "2") are not part of Stowage'), null, () => undefined);
}

export = withoutBuildSession;
