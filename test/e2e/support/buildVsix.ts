import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run';

// Folders that live in the working tree but must never reach the package: the e2e tools
// (code-server alone is tens of thousands of files, and vsce chokes on its symlinks),
// and the launch state.
const ALWAYS_IGNORED = ['.tools/**', '.run/**', '*.vsix'];

// Used only while the project has no .vscodeignore (nor a "files" list) of its own.
const FALLBACK_IGNORED = [
  '.git/**', '.ci/**', '.github/**', '.vscode/**', '.gitignore', 'node_modules/**', 'out/**', 'src/**',
  'test/**', 'scripts/**', '**/*.map', 'tsconfig*.json', 'esbuild.mjs', 'package-lock.json', 'test-results/**',
];

let cached: Promise<string> | undefined;

/**
 * Builds the extension for production and packages it as a .vsix, once per test process,
 * the way a user would get it. STOWAGE_E2E_VSIX names a ready-made one instead.
 */
export function buildVsix(root: string): Promise<string> {
  const given = process.env.STOWAGE_E2E_VSIX;
  if (given) {
    if (!existsSync(given)) return Promise.reject(new Error(`STOWAGE_E2E_VSIX names ${given}, which does not exist`));
    return Promise.resolve(given);
  }
  cached ??= build(root);
  return cached;
}

async function build(root: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-vsix-'));
  // The package is needed until the last code-server of this process has installed it.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // npm test leaves a development build (with source maps) in dist/ for the tests after
  // this one; the package gets a production build, and the development one is put back.
  const hadDevBuild = existsSync(join(root, 'dist', 'extension.js.map'));
  await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
  const out = join(dir, 'stowage.vsix');
  const args = ['--no', 'vsce', 'package', '--no-dependencies', '--out', out];
  // vsce refuses relative README images unless it knows where the repository lives, and
  // it only works that out for GitHub/GitLab URLs; give it the package's own repository URL.
  const repository = repositoryUrl(root);
  if (repository && !/github\.com|gitlab\.com/.test(repository)) args.push('--baseContentUrl', repository, '--baseImagesUrl', repository);
  const rules = ignoreRules(root);
  if (rules) {
    const ignoreFile = join(dir, 'vscodeignore');
    writeFileSync(ignoreFile, rules.join('\n') + '\n');
    args.push('--ignoreFile', ignoreFile);
  }
  try {
    await run('npx', args, { cwd: root, timeoutMs: 180_000 });
  } finally {
    if (hadDevBuild) await run(process.execPath, ['esbuild.mjs'], { cwd: root });
  }
  if (!existsSync(out)) throw new Error(`vsce reported success but ${out} is missing`);
  return out;
}

/**
 * The project's own packaging rules when it has them, plus the working-tree folders above;
 * none when package.json has a "files" list, which whitelists and excludes ignore files.
 */
function ignoreRules(root: string): string[] | undefined {
  const own = join(root, '.vscodeignore');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files?: string[] };
  if (pkg.files) return undefined;
  if (existsSync(own)) return [...readFileSync(own, 'utf8').split('\n'), ...ALWAYS_IGNORED];
  return [...FALLBACK_IGNORED, ...ALWAYS_IGNORED];
}

function repositoryUrl(root: string): string | undefined {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return url?.replace(/\.git$/, '');
}
