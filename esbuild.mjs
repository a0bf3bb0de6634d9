// One build for every entry point. The extension bundle keeps `vscode` external and
// stays small; the engine client (dockerode, ~640 KB minified) is its own bundle, required
// on first use, so activation never pays for it. The language server and the CLI
// are bundled whole: they run as plain Node processes.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** dockerode's BuildKit session module (gRPC, protobuf) is replaced: see src/engine/withoutBuildSession.ts. */
const withoutBuildSession = {
  name: 'without-build-session',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      /[\\/]dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? { path: fileURLToPath(new URL('./src/engine/withoutBuildSession.ts', import.meta.url)) } : undefined,
    );
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/engine/index.ts', out: 'engine' },
  { in: 'src/server/server.ts', out: 'server' },
  { in: 'src/language/languageClientMain.ts', out: 'languageClient' },
  { in: 'src/cli/main.ts', out: 'cli' },
].filter((e) => existsSync(e.in));

const options = {
  entryPoints: entries,
  bundle: true,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  // ssh2's native crypto and cpu-features are optional (loaded in try/catch); npm 11 does not build them.
  external: ['vscode', './engine.js', 'cpu-features', '*.node'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  plugins: [withoutBuildSession],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
