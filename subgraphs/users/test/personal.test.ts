import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService, type Identity } from '@marquee/auth';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryEventStream, type MarqueeTopics } from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createUsersSubgraph } from '../src/server.ts';

const secret = 'p'.repeat(32);
let db: Database;
let tokens: TokenService;
let subgraph: ReturnType<typeof createUsersSubgraph>;
const revoked: { tokenId: string; expiresAt: number }[] = [];

const SIGN_UP =
  'mutation ($u: String!) { signUp(username: $u, password: "correct horse battery") { token refreshToken user { id } } }';

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  subgraph = createUsersSubgraph({
    db,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
    tokens,
    tokenTtlSeconds: 600,
    revocations: {
      revoke: (tokenId, expiresAt) => {
        revoked.push({ tokenId, expiresAt });
        return Promise.resolve();
      },
      isLoaded: () => Promise.resolve(true),
      markLoaded: () => Promise.resolve(),
    },
    stream: createMemoryEventStream<MarqueeTopics>(),
    // The movies subgraph's catalogue, as far as these tests need it.
    movies: createFixedEntityExistence(['m1', 'm2', 'm3', 'm9', 'secret-film'], 'film'),
  });
  await subgraph.server.start();
  // PGlite start plus migrations can exceed the default hook timeout when many files start at once.
}, 60_000);
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

interface Account {
  id: string;
  token: string;
  refreshToken: string;
  identity: Identity;
}

async function account(username: string): Promise<Account> {
  const result = await executeInProcess<{
    signUp: { token: string; refreshToken: string; user: { id: string } };
  }>(subgraph, SIGN_UP, { variables: { u: username } });
  const session = result.data?.signUp;
  if (session === undefined) throw new Error(JSON.stringify(result.errors));
  const verified = await tokens.verify(session.token);
  return {
    id: session.user.id,
    token: session.token,
    refreshToken: session.refreshToken,
    identity: verified,
  };
}

const run = <Data = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  who?: Account | Identity,
) =>
  executeInProcess<Data>(subgraph, query, {
    variables,
    ...(who === undefined
      ? {}
      : { identity: 'identity' in who ? who.identity : who, identitySecret: secret }),
  });

const WATCHLIST =
  'query ($id: ID!, $first: Int, $after: String) { user(id: $id) { watchlist(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }';
const ADD = 'mutation ($m: ID!) { addToWatchlist(movieId: $m) { id } }';
const REMOVE = 'mutation ($m: ID!) { removeFromWatchlist(movieId: $m) { id } }';
type WatchlistData = {
  user: {
    watchlist: {
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  } | null;
};

describe('watchlist', () => {
  it('lists films newest first, pages with a cursor, and ignores repeated adds and removes', async () => {
    const ann = await account('ann');
    for (const movieId of ['m1', 'm2', 'm3']) {
      await run(ADD, { m: movieId }, ann);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await run(ADD, { m: 'm1' }, ann);
    await run(REMOVE, { m: 'm2' }, ann);
    await run(REMOVE, { m: 'never-added' }, ann);
    const page = await run<WatchlistData>(WATCHLIST, { id: ann.id, first: 1 }, ann);
    expect(page.data?.user?.watchlist?.edges.map((edge) => edge.node.id)).toEqual(['m3']);
    expect(page.data?.user?.watchlist?.pageInfo.hasNextPage).toBe(true);
    const next = await run<WatchlistData>(
      WATCHLIST,
      { id: ann.id, first: 5, after: page.data?.user?.watchlist?.pageInfo.endCursor },
      ann,
    );
    expect(next.data?.user?.watchlist?.edges.map((edge) => edge.node.id)).toEqual(['m1']);
    expect(next.data?.user?.watchlist?.pageInfo.hasNextPage).toBe(false);
  });
});

describe('authorization matrix for private data', () => {
  it('lets only the owner and admins read a watchlist and preferences; nobody can change another user’s', async () => {
    const owner = await account('owner');
    const other = await account('other');
    const admin: Identity = {
      userId: 'admin-id',
      role: 'ADMIN',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    };
    await run(ADD, { m: 'secret-film' }, owner);
    await run(
      'mutation { setFavouriteGenres(genres: ["Drama", "Drama", " Horror "]) { favouriteGenres } }',
      {},
      owner,
    );
    const PRIVATE =
      'query ($id: ID!) { user(id: $id) { username watchlist { edges { node { id } } } preferences { favouriteGenres } } }';

    const asOwner = await run(PRIVATE, { id: owner.id }, owner);
    expect(asOwner.data).toEqual({
      user: {
        username: 'owner',
        watchlist: { edges: [{ node: { id: 'secret-film' } }] },
        preferences: { favouriteGenres: ['Drama', 'Horror'] },
      },
    });
    const asAdmin = await run(PRIVATE, { id: owner.id }, admin);
    expect(asAdmin.errors).toBeUndefined();

    for (const who of [other, undefined]) {
      const result = await run(PRIVATE, { id: owner.id }, who);
      expect(result.data).toEqual({
        user: { username: 'owner', watchlist: null, preferences: null },
      });
      expect(result.errors?.map((error) => error.extensions?.['code']).sort()).toEqual(
        who === undefined ? ['UNAUTHENTICATED', 'UNAUTHENTICATED'] : ['FORBIDDEN', 'FORBIDDEN'],
      );
    }
    // Mutations act on the caller's own data only: `other` removing the film changes their list, not owner's.
    await run(REMOVE, { m: 'secret-film' }, other);
    const still = await run<WatchlistData>(WATCHLIST, { id: owner.id }, owner);
    expect(still.data?.user?.watchlist?.edges).toEqual([{ node: { id: 'secret-film' } }]);
  });

  it('shows public lists to everyone, private lists only to the owner and admins, and lets only them change a list', async () => {
    const alice = await account('alice');
    const mallory = await account('mallory');
    const created = await run<{ a: { id: string }; b: { id: string } }>(
      'mutation { a: createList(name: "Noir", isPublic: true) { id } b: createList(name: "Guilty pleasures") { id } }',
      {},
      alice,
    );
    const [publicId, privateId] = [created.data?.a.id, created.data?.b.id];
    await run(
      'mutation ($l: ID!) { addToList(listId: $l, movieId: "m9") { id } }',
      { l: publicId },
      alice,
    );
    const LISTS =
      'query ($id: ID!) { user(id: $id) { lists { name isPublic movies { id } owner { username } } } }';
    const byStranger = await run(LISTS, { id: alice.id }, mallory);
    expect(byStranger.data).toEqual({
      user: {
        lists: [
          { name: 'Noir', isPublic: true, movies: [{ id: 'm9' }], owner: { username: 'alice' } },
        ],
      },
    });
    const byOwner = await run<{ user: { lists: unknown[] } }>(LISTS, { id: alice.id }, alice);
    expect(byOwner.data?.user.lists).toHaveLength(2);

    await expect(
      run('query ($id: ID!) { list(id: $id) { name } }', { id: privateId }, mallory),
    ).resolves.toEqual({ data: { list: null } });
    const rename = await run(
      'mutation ($id: ID!) { updateList(id: $id, name: "Mine now") { name } }',
      { id: publicId },
      mallory,
    );
    expect(rename.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const hidden = await run(
      'mutation ($id: ID!) { deleteList(id: $id) }',
      { id: privateId },
      mallory,
    );
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const add = await run(
      'mutation ($id: ID!) { addToList(listId: $id, movieId: "x") { id } }',
      { id: publicId },
      mallory,
    );
    expect(add.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const renamed = await run(
      'mutation ($id: ID!) { updateList(id: $id, name: "Secret", isPublic: false) { name isPublic } }',
      { id: publicId },
      alice,
    );
    expect(renamed.data).toEqual({ updateList: { name: 'Secret', isPublic: false } });
    await expect(
      run('query ($id: ID!) { list(id: $id) { name } }', { id: publicId }, mallory),
    ).resolves.toEqual({ data: { list: null } });
    const deleted = await run(
      'mutation ($id: ID!) { deleteList(id: $id) }',
      { id: publicId },
      alice,
    );
    expect(deleted.data).toEqual({ deleteList: publicId });
    const rows = await db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users.list_item WHERE list_id = $1',
      [publicId],
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe('sessions', () => {
  it('finds a user by username and exposes only the public profile', async () => {
    const bea = await account('bea');
    const found = await run(
      '{ userByUsername(username: "BEA") { id username } missing: userByUsername(username: "nobody") { id } }',
      {},
    );
    expect(found.data).toEqual({ userByUsername: { id: bea.id, username: 'bea' }, missing: null });
  });

  it('trades a refresh token once for a new session, and logOut revokes the access token and the refresh token', async () => {
    const cy = await account('cyd');
    const REFRESH =
      'mutation ($t: String!) { refreshToken(token: $t) { token refreshToken user { username } } }';
    const refreshed = await run<{
      refreshToken: { token: string; refreshToken: string; user: { username: string } };
    }>(REFRESH, { t: cy.refreshToken });
    expect(refreshed.data?.refreshToken.user.username).toBe('cyd');
    await expect(tokens.verify(refreshed.data?.refreshToken.token ?? '')).resolves.toMatchObject({
      userId: cy.id,
    });
    const reused = await run(REFRESH, { t: cy.refreshToken });
    expect(reused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const loggedOut = await run(
      'mutation ($r: String) { logOut(refreshToken: $r) }',
      { r: refreshed.data?.refreshToken.refreshToken },
      cy,
    );
    expect(loggedOut.data).toEqual({ logOut: true });
    expect(revoked).toContainEqual({
      tokenId: cy.identity.tokenId,
      expiresAt: cy.identity.expiresAt,
    });
    const afterLogout = await run(REFRESH, { t: refreshed.data?.refreshToken.refreshToken });
    expect(afterLogout.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const anonymous = await run('mutation { logOut }', {});
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('injection', () => {
  it('stores SQL fragments in list names and genre names as plain text', async () => {
    const dan = await account('dan');
    const name = 'x\'); DROP TABLE users."user"; --';
    const list = await run(
      'mutation ($n: String!) { createList(name: $n) { name } }',
      { n: name },
      dan,
    );
    expect(list.data).toEqual({ createList: { name } });
    const genres = await run(
      'mutation { setFavouriteGenres(genres: ["\' OR 1=1 --"]) { favouriteGenres } }',
      {},
      dan,
    );
    expect(genres.data).toEqual({ setFavouriteGenres: { favouriteGenres: ["' OR 1=1 --"] } });
    const users = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users."user"');
    expect(users[0]?.n).toBeGreaterThan(0);
  });

  it('answers NUL characters as bad input, wrong credentials or nothing found, never as an internal error', async () => {
    const eve = await account('eve');
    const list = await run(
      'mutation ($n: String!) { createList(name: $n) { id } }',
      { n: 'a\u0000b' },
      eve,
    );
    expect(list.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const login = await run(
      'mutation ($u: String!) { logIn(username: $u, password: "whatever-it-is") { token } }',
      { u: 'ev\u0000e' },
    );
    expect(login.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const lookups = await run(
      'query ($id: ID!, $name: String!) { user(id: $id) { id } list(id: $id) { id } userByUsername(username: $name) { id } }',
      { id: 'x\u0000', name: 'x\u0000' },
    );
    expect(lookups).toEqual({ data: { user: null, list: null, userByUsername: null } });
    const update = await run('mutation { updateList(id: "x\\u0000", name: "n") { id } }', {}, eve);
    expect(update.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('rejects SQL fragments as usernames and MongoDB operator objects as strings', async () => {
    const sql = await run(
      'mutation { signUp(username: "a\'; DROP TABLE x; --", password: "long enough pass") { token } }',
      {},
    );
    expect(sql.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const operator = await run(
      'mutation ($u: String!, $p: String!) { logIn(username: $u, password: $p) { token } }',
      { u: 'ann', p: { $gt: '' } },
    );
    expect(operator.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(operator.data).toBeUndefined();
    const lookup = await run('query ($u: String!) { userByUsername(username: $u) { id } }', {
      u: { $ne: null },
    });
    expect(lookup.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
