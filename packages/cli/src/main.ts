import { Command } from 'commander';
import { EnvError } from '@marquee/env';
import { composeCommand } from './commands/compose.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { keysCommand } from './commands/keys.ts';
import { registerTokenCommand } from './commands/token.ts';
import { migrateCommand } from './commands/migrate.ts';
import { parseServiceName, serveCommand } from './commands/serve.ts';
import { seedCommand } from './commands/seed.ts';
import { startCommand } from './commands/start.ts';

const program = new Command()
  .name('marquee')
  .description('Marquee: a movie platform backend as a federated GraphQL supergraph.')
  .showHelpAfterError();

program
  .command('start')
  .description('Run the router and the five subgraphs in one process (embedded stores unless DATABASE_URL, MONGO_URL, REDIS_URL are set).')
  .action(startCommand);

program
  .command('serve')
  .description('Run one service in this process (services mode).')
  .argument('<service>', 'router | movies | people | users | reviews | recommendations', parseServiceName)
  .action(serveCommand);

program
  .command('migrate')
  .description('Apply pending database migrations (prisma/migrations) to DATABASE_URL or the embedded database.')
  .action(migrateCommand);

program
  .command('seed')
  .description('Write the demo catalogue (about 60 films with cast, crew, demo users and ratings); safe to re-run.')
  .action(seedCommand);

program
  .command('compose')
  .description('Compose the subgraph schemas into schema/supergraph.graphql.')
  .option('--check', 'fail if the committed supergraph is stale instead of writing it', false)
  .action(composeCommand);

program
  .command('keys')
  .description('Print a fresh token key pair and internal identity secret in .env form.')
  .action(keysCommand);

registerEvaluateCommand(program);
registerTokenCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  // Configuration mistakes get their message alone; anything else its stack as well.
  console.error(error instanceof EnvError ? error.message : error);
  process.exitCode = 1;
}
