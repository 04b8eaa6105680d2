import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryEventStream, type MarqueeTopics } from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createUsersSubgraph } from '../src/server.ts';

const secret = 's'.repeat(32);
let db: Database;
let tokens: TokenService;
let subgraph: ReturnType<typeof createUsersSubgraph>;

const SIGN_UP =
  'mutation ($u: String!, $p: String!, $d: String) { signUp(username: $u, password: $p, displayName: $d) { token expiresAt user { id username displayName role } } }';
const LOG_IN =
  'mutation ($u: String!, $p: String!) { logIn(username: $u, password: $p) { token user { id username } } }';

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
      revoke: () => Promise.resolve(),
      isLoaded: () => Promise.resolve(true),
      markLoaded: () => Promise.resolve(),
    },
    stream: createMemoryEventStream<MarqueeTopics>(),
    movies: createFixedEntityExistence([], 'film'),
  });
  await subgraph.server.start();
  // PGlite start plus migrations can exceed the default hook timeout when many files start at once.
}, 60_000);
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

describe('users subgraph', () => {
  it('signs up a user and returns a PASETO v4 token that verifies to that user', async () => {
    const result = await executeInProcess<{
      signUp: {
        token: string;
        expiresAt: string;
        user: { id: string; username: string; displayName: string; role: string };
      };
    }>(subgraph, SIGN_UP, { variables: { u: 'Ripley', p: 'nostromo-1979', d: 'Ellen Ripley' } });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.signUp;
    expect(payload?.user).toMatchObject({
      username: 'ripley',
      displayName: 'Ellen Ripley',
      role: 'USER',
    });
    expect(payload?.token).toMatch(/^v4\.public\./);
    expect(Date.parse(payload?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    const verified = await tokens.verify(payload?.token ?? '');
    expect(verified.userId).toBe(payload?.user.id);
  });

  it('logs in with the right password and refuses a wrong one without saying which part was wrong', async () => {
    await executeInProcess(subgraph, SIGN_UP, {
      variables: { u: 'dallas', p: 'captain-of-the-ship' },
    });
    const ok = await executeInProcess<{ logIn: { user: { username: string } } }>(subgraph, LOG_IN, {
      variables: { u: 'dallas', p: 'captain-of-the-ship' },
    });
    expect(ok.data?.logIn.user.username).toBe('dallas');
    const wrong = await executeInProcess(subgraph, LOG_IN, {
      variables: { u: 'dallas', p: 'wrong-password' },
    });
    const unknown = await executeInProcess(subgraph, LOG_IN, {
      variables: { u: 'nobody', p: 'wrong-password' },
    });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Wrong username or password.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Wrong username or password.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('rejects a taken username, a short password and a malformed username with clear codes', async () => {
    await executeInProcess(subgraph, SIGN_UP, { variables: { u: 'kane', p: 'chestburster' } });
    const taken = await executeInProcess(subgraph, SIGN_UP, {
      variables: { u: 'KANE', p: 'chestburster' },
    });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const short = await executeInProcess(subgraph, SIGN_UP, {
      variables: { u: 'lambert', p: 'short' },
    });
    expect(short.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
    const malformed = await executeInProcess(subgraph, SIGN_UP, {
      variables: { u: 'movielens:1', p: 'long-enough-pass' },
    });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'username',
    });
  });

  it('answers me only for a router-signed identity, never for a forged header', async () => {
    const signed = await executeInProcess<{ signUp: { user: { id: string } } }>(subgraph, SIGN_UP, {
      variables: { u: 'parker', p: 'engineer-parker' },
    });
    const userId = signed.data?.signUp.user.id ?? '';
    const identity = {
      userId,
      role: 'USER' as const,
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    };
    const me = await executeInProcess(subgraph, '{ me { username } }', {
      identity,
      identitySecret: secret,
    });
    expect(me.data).toEqual({ me: { username: 'parker' } });
    const forged = await executeInProcess(subgraph, '{ me { username } }', {
      identity,
      identitySecret: 'not-the-router-secret-000000000000',
    });
    expect(forged.data).toEqual({ me: null });
  });

  it('resolves User entities and never exposes a password hash in the schema', async () => {
    const created = await executeInProcess<{ signUp: { user: { id: string } } }>(
      subgraph,
      SIGN_UP,
      { variables: { u: 'brett', p: 'here-kitty-kitty' } },
    );
    const id = created.data?.signUp.user.id;
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { username } } }',
      {
        variables: {
          r: [
            { __typename: 'User', id },
            { __typename: 'User', id: 'missing' },
          ],
        },
      },
    );
    expect(result.data).toEqual({ _entities: [{ username: 'brett' }, null] });
    const hash = await executeInProcess(subgraph, '{ me { passwordHash } }');
    expect(hash.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
