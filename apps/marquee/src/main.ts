import { Command, CommanderError } from 'commander';
import { loadEnv } from '@marquee/env';
import {
  parseBulkMode,
  parseIngestSource,
  parsePositiveInteger,
  parseServiceName,
} from './commands/arguments.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerTokenCommand } from './commands/token.ts';
import { registerTrainCommand } from './commands/train.ts';
import { describeError, describeUsageError, isHelpExit } from './errorReport.ts';

/**
 * A command's code, loaded when it runs: the commands between them load every subgraph, the
 * database and the drivers, seconds of imports that `--help`, a typo or a startup check that
 * fails should not wait for.
 */
function lazy<Args extends unknown[]>(
  load: () => Promise<(...args: Args) => Promise<void> | void>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    await (
      await load()
    )(...args);
  };
}

const program = new Command()
  .name('marquee')
  .description('Marquee: a movie platform backend as a federated GraphQL supergraph.')
  .option('--verbose', 'print the stack trace of an error')
  // Parse errors come back as exceptions, printed below as one line like every other error;
  // subcommands inherit both settings.
  .exitOverride()
  .configureOutput({ outputError: () => undefined });

program
  .command('start')
  .description(
    'Run the router and the five subgraphs in one process (embedded stores unless DATABASE_URL, MONGO_URL, REDIS_URL are set).',
  )
  .action(lazy(async () => (await import('./commands/start.ts')).startCommand));

program
  .command('serve')
  .description('Run one service in this process (services mode).')
  .argument(
    '<service>',
    'router | movies | people | users | reviews | recommendations',
    parseServiceName,
  )
  .action(lazy(async () => (await import('./commands/serve.ts')).serveCommand));

program
  .command('migrate')
  .description(
    'Apply pending database migrations (prisma/migrations) to DATABASE_URL or the embedded database.',
  )
  .action(lazy(async () => (await import('./commands/migrate.ts')).migrateCommand));

program
  .command('seed')
  .description(
    'Write the demo catalogue (about 60 films with cast, crew, demo users and ratings); safe to re-run.',
  )
  .action(lazy(async () => (await import('./commands/seed.ts')).seedCommand));

program
  .command('ingest')
  .description(
    'Stream IMDb TSVs or MovieLens files from a directory into the stores (idempotent; bad rows go to a rejects folder).',
  )
  .argument('<source>', 'imdb | movielens', parseIngestSource)
  .argument('<dir>', 'directory holding the source files')
  .option('--rejects <dir>', 'where rejected rows are written (default <dir>/rejects)')
  .option('--json', 'print the summary as JSON', false)
  .option(
    '--batch-size <rows>',
    'rows per COPY batch (default 10000; 2500 in a bulk IMDb load)',
    parsePositiveInteger,
  )
  .option(
    '--bulk <mode>',
    'auto: a bulk initial load (indexes dropped, COPY, indexes rebuilt) when the target tables are empty on PostgreSQL, else upserts; on: bulk or fail; off: always upserts',
    parseBulkMode,
    'auto',
  )
  .action(lazy(async () => (await import('./commands/ingest.ts')).ingestCommand));

program
  .command('generate')
  .description(
    'Write synthetic IMDb or MovieLens files in their public formats (deterministic per --seed).',
  )
  .argument('<source>', 'imdb | movielens', parseIngestSource)
  .argument('<outdir>', 'directory to write into')
  .requiredOption('--titles <n>', 'number of titles (films)', parsePositiveInteger)
  .option('--users <n>', 'MovieLens: number of users (default titles/10)', parsePositiveInteger)
  .option('--ratings <n>', 'MovieLens: number of ratings (default titles*10)', parsePositiveInteger)
  .option('--people <n>', 'IMDb: number of people (default = titles)', parsePositiveInteger)
  .option(
    '--principals <n>',
    'IMDb: title.principals rows (default titles*5)',
    parsePositiveInteger,
  )
  .option('--seed <n>', 'random seed', parsePositiveInteger, 1)
  .option('--gzip', 'IMDb: write .tsv.gz files', false)
  .action(lazy(async () => (await import('./commands/generate.ts')).generateCommand));

program
  .command('compose')
  .description('Compose the subgraph schemas into schema/supergraph.graphql.')
  .option('--check', 'fail if the committed supergraph is stale instead of writing it', false)
  .action(lazy(async () => (await import('./commands/compose.ts')).composeCommand));

program
  .command('keys')
  .description('Print a fresh token key pair and internal identity secret in .env form.')
  .action(lazy(async () => (await import('./commands/keys.ts')).keysCommand));

registerEvaluateCommand(program);
registerTrainCommand(program);
registerTokenCommand(program);
registerReportCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  process.exit(report(error));
}

/** Prints why the command failed, in one line unless a stack was asked for; returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (isHelpExit(error)) return error.exitCode;
    console.error(`error: ${describeUsageError(error, commandName())}`);
    return error.exitCode === 0 ? 1 : error.exitCode;
  }
  console.error(`error: ${describeError(error)}`);
  // The whole error, its stack and the `cause` chain (a UserError wraps what it explains).
  if (wantsStack()) console.error(error);
  return 1;
}

/** `--verbose` anywhere on the line (the error may come before commander read it), or LOG_LEVEL=debug/trace. */
function wantsStack(): boolean {
  if (process.argv.slice(2).includes('--verbose')) return true;
  try {
    const { LOG_LEVEL } = loadEnv();
    return LOG_LEVEL === 'debug' || LOG_LEVEL === 'trace';
  } catch {
    return false;
  }
}

/** The subcommand the user named, when it is one, for the pointer to its help. */
function commandName(): string | undefined {
  const named = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  return program.commands.some((command) => command.name() === named) ? named : undefined;
}
