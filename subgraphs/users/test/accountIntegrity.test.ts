import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService, type Identity } from '@marquee/auth';
import { createMemoryRevocationStore, type RevocationStore } from '@marquee/cache';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import {
  createMemoryEventStream,
  type AccountDeletedEvent,
  type MarqueeTopics,
} from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createUsersSubgraph } from '../src/server.ts';

const secret = 'a'.repeat(32);
let db: Database;
let tokens: TokenService;
let revocations: RevocationStore;
let subgraph: ReturnType<typeof createUsersSubgraph>;
let stop: () => Promise<void>;
const deleted: AccountDeletedEvent[] = [];

const build = (cache: RevocationStore) => {
  const stream = createMemoryEventStream<MarqueeTopics>();
  void stream.consume('account.deleted', 'test', ({ payload }) => {
    deleted.push(payload);
    return Promise.resolve();
  });
  return createUsersSubgraph({
    db,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
    tokens,
    tokenTtlSeconds: 600,
    revocations: cache,
    stream,
    movies: createFixedEntityExistence(['m1', 'm2'], 'film'),
  });
};

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  revocations = createMemoryRevocationStore();
  subgraph = build(revocations);
  await subgraph.server.start();
  stop = await subgraph.start();
  // PGlite start plus migrations can exceed the default hook timeout when many files start at once.
}, 60_000);
afterAll(async () => {
  await stop();
  await subgraph.server.stop();
  await db.close();
});

async function signUp(
  username: string,
  password = 'correct horse battery',
): Promise<{ id: string; identity: Identity }> {
  const result = await executeInProcess<{ signUp: { token: string; user: { id: string } } }>(
    subgraph,
    'mutation ($u: String!, $p: String!) { signUp(username: $u, password: $p) { token user { id } } }',
    { variables: { u: username, p: password } },
  );
  const session = result.data?.signUp;
  if (session === undefined) throw new Error(JSON.stringify(result.errors));
  return { id: session.user.id, identity: await tokens.verify(session.token) };
}

const run = (query: string, variables: Record<string, unknown>, identity?: Identity) =>
  executeInProcess(subgraph, query, {
    variables,
    ...(identity === undefined ? {} : { identity, identitySecret: secret }),
  });

const rows = async (sql: string, id: string) =>
  (await db.sql.query<{ n: number }>(sql, [id]))[0]?.n;

describe('watchlist and list writes of films the catalogue holds', () => {
  it('refuses an unknown film on a watchlist or a list with NOT_FOUND and stores nothing', async () => {
    const { id, identity } = await signUp('nadia');
    const watch = await run(
      'mutation ($m: ID!) { addToWatchlist(movieId: $m) { id } }',
      { m: 'tt-nowhere' },
      identity,
    );
    expect(watch.errors?.map((error) => [error.extensions?.['code'], error.message])).toEqual([
      ['NOT_FOUND', 'There is no film with the id "tt-nowhere".'],
    ]);
    const list = await run('mutation { createList(name: "Later") { id } }', {}, identity);
    const listId = (list.data as { createList: { id: string } }).createList.id;
    const item = await run(
      'mutation ($l: ID!, $m: ID!) { addToList(listId: $l, movieId: $m) { id } }',
      { l: listId, m: 'tt-nowhere' },
      identity,
    );
    expect(item.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const known = await run(
      'mutation ($l: ID!, $m: ID!) { addToList(listId: $l, movieId: $m) { movies { id } } }',
      { l: listId, m: 'm1' },
      identity,
    );
    expect(known).toEqual({ data: { addToList: { movies: [{ id: 'm1' }] } } });
    expect(
      await rows('SELECT count(*)::int AS n FROM users.watchlist_item WHERE user_id = $1', id),
    ).toBe(0);
    expect(
      await rows('SELECT count(*)::int AS n FROM users.list_item WHERE list_id = $1', listId),
    ).toBe(1);
  });
});

describe('deleteAccount', () => {
  it('refuses a wrong password and keeps the account', async () => {
    const { id, identity } = await signUp('keeper');
    const result = await run(
      'mutation { deleteAccount(password: "not the password") }',
      {},
      identity,
    );
    expect(result.errors?.map((error) => [error.extensions?.['code'], error.message])).toEqual([
      ['UNAUTHENTICATED', 'Wrong password.'],
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM users."user" WHERE id = $1', id)).toBe(1);
  });

  it('removes the account, its watchlist, lists, preferences and refresh tokens, revokes the token and announces account.deleted', async () => {
    const { id, identity } = await signUp('leaving', 'leaving-for-good');
    await run(
      'mutation { addToWatchlist(movieId: "m1") { id } setFavouriteGenres(genres: ["Drama"]) { favouriteGenres } }',
      {},
      identity,
    );
    const list = await run(
      'mutation { createList(name: "Mine", isPublic: true) { id } }',
      {},
      identity,
    );
    const listId = (list.data as { createList: { id: string } }).createList.id;
    await run(
      'mutation ($l: ID!) { addToList(listId: $l, movieId: "m2") { id } }',
      { l: listId },
      identity,
    );
    deleted.length = 0;

    const result = await run(
      'mutation { deleteAccount(password: "leaving-for-good") }',
      {},
      identity,
    );
    expect(result).toEqual({ data: { deleteAccount: true } });
    for (const [table, column] of [
      ['"user"', 'id'],
      ['watchlist_item', 'user_id'],
      ['list', 'owner_id'],
      ['preference', 'user_id'],
      ['refresh_token', 'user_id'],
    ]) {
      expect(
        await rows(`SELECT count(*)::int AS n FROM users.${table} WHERE ${column} = $1`, id),
        table,
      ).toBe(0);
    }
    expect(
      await rows('SELECT count(*)::int AS n FROM users.list_item WHERE list_id = $1', listId),
    ).toBe(0);
    // The event was stored with the deletion; the relay hands it to the stream a moment later.
    await expect.poll(() => deleted.map((event) => event.userId)).toEqual([id]);
    await expect(revocations.isRevoked(identity.tokenId ?? '')).resolves.toBe(true);
    const profile = await run('query ($id: ID!) { user(id: $id) { id } }', { id });
    expect(profile).toEqual({ data: { user: null } });
  });
});

describe('revocations', () => {
  it('keeps a logout in PostgreSQL and loads it into a fresh revocation cache when the subgraph starts again', async () => {
    const { identity } = await signUp('restarter');
    const out = await run('mutation { logOut }', {}, identity);
    expect(out).toEqual({ data: { logOut: true } });
    const tokenId = identity.tokenId ?? '';
    expect(
      await rows('SELECT count(*)::int AS n FROM users.revoked_token WHERE token_id = $1', tokenId),
    ).toBe(1);

    // A new process: an empty in-memory cache, as after a restart of the embedded default.
    const fresh = createMemoryRevocationStore();
    const restarted = build(fresh);
    await expect(fresh.isRevoked(tokenId)).resolves.toBe(false);
    const stopRestarted = await restarted.start();
    try {
      await expect(fresh.isRevoked(tokenId)).resolves.toBe(true);
      await expect(fresh.isLoaded()).resolves.toBe(true);
    } finally {
      await stopRestarted();
    }
  });

  it('forgets expired revocations from PostgreSQL and never loads them', async () => {
    await db.sql.query(
      `INSERT INTO users.revoked_token (token_id, user_id, expires_at) VALUES ('old-token', 'someone', now() - interval '1 minute')`,
    );
    const fresh = createMemoryRevocationStore();
    const stopRestarted = await build(fresh).start();
    await stopRestarted();
    await expect(fresh.isRevoked('old-token')).resolves.toBe(false);
  });
});
