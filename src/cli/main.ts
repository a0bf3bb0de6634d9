#!/usr/bin/env node
import { runRef } from './refCommand';

const USAGE = `Usage: stowage <command> [options] [arguments]

Commands:
  ref       check image references: stowage ref [--strict] [--json] [--] REFERENCE...
  lint      check Dockerfiles and compose files
  analyze   what each layer of an image holds, its wasted space, CI rules
  tags      list a remote repository's tags, digests and platforms: stowage tags [--json] REPOSITORY
  transfer  copy images to another engine, only the layers it lacks:
            stowage transfer IMAGE... --to ENGINE [--from ENGINE] [--json]

Run 'stowage <command> --help' for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'ref':
      return runRef(args);
    case 'lint': {
      // Required on use, so `stowage ref` never pays for loading the linter.
      const { runLint } = require('./lintCommand') as typeof import('./lintCommand');
      return runLint(args);
    }
    case 'tags': {
      // Required on use, like lint: `stowage ref` never loads the registry client.
      const { runTags } = require('./tagsCommand') as typeof import('./tagsCommand');
      return runTags(args);
    }
    case 'transfer': {
      // Required on use: it brings the engine client, which ref and lint never need.
      const { runTransfer } = require('./transferCommand') as typeof import('./transferCommand');
      return runTransfer(args);
    }
    case 'analyze': {
      // Required on use, like lint: `stowage ref` never loads the engine client.
      const { runAnalyze } = require('./analyzeCommand') as typeof import('./analyzeCommand');
      return runAnalyze(args);
    }
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      process.stderr.write(`stowage: no command given\n\n${USAGE}`);
      return 2;
    default:
      process.stderr.write(`stowage: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

// A reader that stops early (`stowage ref … | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`stowage: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
