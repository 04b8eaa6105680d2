import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { loadEnv } from '@marquee/env';
import { UserError } from '@marquee/errors/user';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `1h`, `7d` → seconds (1 second to 365 days). */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds =
    match === null ? Number.NaN : Number(match[1]) * (UNITS[match[2] || 's'] ?? Number.NaN);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 365 * 86_400) {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 1h or 7d (at most 365d)');
  }
  return seconds;
}

export function parseRole(value: string): 'ADMIN' | 'USER' {
  const role = value.toUpperCase();
  if (role !== 'ADMIN' && role !== 'USER') throw new InvalidArgumentError('expected admin or user');
  return role;
}

interface TokenOptions {
  user: string;
  role?: 'ADMIN' | 'USER';
  ttl: number;
}

/**
 * Prints an access token for an existing account (sign-ups, demo and MovieLens imports alike),
 * signed with the users subgraph's key. `--role admin` promotes the account to ADMIN in the users
 * store first, so the token never claims a role the account does not have; `--role user` demotes.
 * The token is alone on the last line of stdout.
 */
export async function tokenCommand(options: TokenOptions): Promise<void> {
  const env = loadEnv();
  // Loaded when the command runs: the users subgraph and the stores take seconds to import.
  const { createUserStore } = await import('@marquee/users/import');
  const { openStores } = await import('@marquee/server-kit/stores');
  const stores = await openStores(env, { command: 'marquee token', signs: true });
  try {
    const users = createUserStore(stores.db);
    let user = await users.findByUsername(options.user.trim().toLowerCase());
    if (user === null) user = await users.findByUsername(options.user.trim());
    if (user === null)
      throw new UserError(`No user named "${options.user}". Sign up first, or seed/import users.`);
    if (options.role !== undefined && options.role !== user.role) {
      user = await users.setRole(user.id, options.role);
      console.log(`Changed ${user.username}'s role to ${user.role}.`);
    }
    const { token, expiresAt } = await stores.tokens.issue(
      { userId: user.id, role: user.role },
      options.ttl,
      randomUUID(),
    );
    console.log(
      `Token for ${user.username} (${user.id}, ${user.role}), valid until ${expiresAt.toISOString()}:`,
    );
    console.log(token);
  } finally {
    await stores.close();
  }
}

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      'Print an access token for an existing user (operators and scripts); the token is the last line of stdout.',
    )
    .requiredOption('--user <username>', 'the account, e.g. ripley or movielens:42')
    .option(
      '--role <role>',
      'admin promotes the account to ADMIN first (persisted); user demotes it',
      parseRole,
    )
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 1h, 7d', parseTtl, 3600)
    .action(tokenCommand);
}
