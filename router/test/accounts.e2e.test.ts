import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import {
  DisposalStack,
  postGraphQL,
  queryDatabase,
  runMarquee,
  servicesDeployment,
  startServices,
  type MarqueeProcess,
} from '@marquee/testing';

// Issue 4's acceptance scenario, end to end: six processes in services mode on real PostgreSQL,
// FerretDB and Redis, with a per-user limit low enough to reach in a test.
const stack = new DisposalStack();
const USER_LIMIT = 40;
let graphql: string;
let env: Record<string, string>;
let tokens: TokenService;
let processes: MarqueeProcess[];
let movieIds: string[];
const secrets = new Set<string>();

beforeAll(async () => {
  const deployment = await servicesDeployment(stack, {
    LOG_LEVEL: 'info',
    RATE_LIMIT_USER_PER_MINUTE: String(USER_LIMIT),
    RATE_LIMIT_IP_PER_MINUTE: '10000',
  });
  env = deployment.env;
  tokens = await TokenService.fromKeys(deployment.keys);
  graphql = `${deployment.routerUrl}/graphql`;
  await runMarquee(['seed'], env);
  processes = await startServices(deployment, stack);
  const first = await postGraphQL(graphql, {
    query: '{ movies(first: 10) { edges { node { id } } } }',
  });
  movieIds = (first.body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges.map(
    (edge) => edge.node.id,
  );
}, 180_000);
afterAll(() => stack.disposeAll());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function signUp(username: string, password: string) {
  secrets.add(password);
  const result = await postGraphQL(graphql, {
    query:
      'mutation ($u: String!, $p: String!) { signUp(username: $u, password: $p) { token refreshToken user { id } } }',
    variables: { u: username, p: password },
  });
  expect(result.body.errors).toBeUndefined();
  const session = result.body.data?.['signUp'] as {
    token: string;
    refreshToken: string;
    user: { id: string };
  };
  secrets.add(session.token);
  secrets.add(session.refreshToken);
  return session;
}

describe('accounts, reviews and personal data through the router', () => {
  it('runs the acceptance scenario: sign up, log in, rate, review, watchlist; a second user sees the review but not the watchlist', async () => {
    await signUp('amelie', 'montmartre-2001');
    await expect(
      postGraphQL(graphql, {
        query: 'mutation { logIn(username: "amelie", password: "wrong-password") { token } }',
      }),
    ).resolves.toMatchObject({
      body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    const login = await postGraphQL(graphql, {
      query:
        'mutation { logIn(username: "amelie", password: "montmartre-2001") { token expiresAt user { id } } }',
    });
    const { token, user } = login.body.data?.['logIn'] as { token: string; user: { id: string } };
    secrets.add(token);
    const auth = bearer(token);
    const [m1, m2, m3] = movieIds as [string, string, string];

    for (const [movieId, rating] of [
      [m1, 4.5],
      [m2, 3],
      [m3, 5],
    ] as const) {
      const rated = await postGraphQL(
        graphql,
        {
          query: 'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating } }',
          variables: { m: movieId, r: rating },
        },
        auth,
      );
      expect(rated.body).toEqual({ data: { rateMovie: { rating } } });
    }
    const review = await postGraphQL(
      graphql,
      {
        query:
          'mutation ($m: ID!) { writeReview(movieId: $m, rating: 5, body: "A wonderful, joyful film.") { id sentiment { label } movie { title } } }',
        variables: { m: m3 },
      },
      auth,
    );
    expect(review.body.errors).toBeUndefined();
    expect(review.body.data?.['writeReview']).toMatchObject({
      sentiment: { label: 'POSITIVE' },
      movie: { title: expect.any(String) },
    });
    for (const movieId of [m1, m2]) {
      const added = await postGraphQL(
        graphql,
        {
          query: 'mutation ($m: ID!) { addToWatchlist(movieId: $m) { id } }',
          variables: { m: movieId },
        },
        auth,
      );
      expect(added.body.errors).toBeUndefined();
    }
    const mine = await postGraphQL(
      graphql,
      {
        query:
          '{ me { ratings { rating } reviews { body } watchlist { edges { node { id title } } } } }',
      },
      auth,
    );
    expect(mine.body.errors).toBeUndefined();
    const me = mine.body.data?.['me'] as {
      ratings: unknown[];
      reviews: unknown[];
      watchlist: { edges: { node: { id: string; title: string } }[] };
    };
    expect(me.ratings).toHaveLength(3);
    expect(me.reviews).toEqual([{ body: 'A wonderful, joyful film.' }]);
    expect(me.watchlist.edges.map((edge) => edge.node.id)).toEqual([m2, m1]);
    expect(me.watchlist.edges[0]?.node.title).toEqual(expect.any(String));

    const bruno = await signUp('bruno', 'second-user-pass');
    const seen = await postGraphQL(
      graphql,
      {
        query:
          'query ($m: ID!, $u: ID!) { movie(id: $m) { reviews(first: 5) { edges { node { body author { username } } } } ratingSummary { count histogram { rating count } } } user(id: $u) { username watchlist { edges { node { id } } } } }',
        variables: { m: m3, u: user.id },
      },
      bearer(bruno.token),
    );
    const movie = seen.body.data?.['movie'] as {
      reviews: { edges: { node: { body: string; author: { username: string } } }[] };
    };
    expect(movie.reviews.edges).toContainEqual({
      node: { body: 'A wonderful, joyful film.', author: { username: 'amelie' } },
    });
    expect(seen.body.data?.['user']).toEqual({ username: 'amelie', watchlist: null });
    expect(seen.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const change = await postGraphQL(
      graphql,
      {
        query: 'mutation ($id: ID!) { deleteReview(id: $id) }',
        variables: { id: (review.body.data?.['writeReview'] as { id: string }).id },
      },
      bearer(bruno.token),
    );
    expect(change.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('answers UNAUTHENTICATED with HTTP 401 for an expired, tampered, foreign-key or logged-out token', async () => {
    const expired = await tokens.issue({ userId: 'someone', role: 'USER' }, 1, 'short-lived');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const valid = await signUp('claude', 'another-long-pass');
    const foreign = await (
      await TokenService.fromKeys(await generateTokenKeyPair())
    ).issue({ userId: valid.user.id, role: 'ADMIN' }, 60, 'x');
    const tampered = `${valid.token.slice(0, -6)}AAAAAA`;
    for (const token of [expired.token, tampered, foreign.token]) {
      const result = await postGraphQL(graphql, { query: '{ me { id } }' }, bearer(token));
      expect(result.status).toBe(401);
      expect(result.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const out = await postGraphQL(
      graphql,
      {
        query: 'mutation ($r: String) { logOut(refreshToken: $r) }',
        variables: { r: valid.refreshToken },
      },
      bearer(valid.token),
    );
    expect(out.body).toEqual({ data: { logOut: true } });
    const after = await postGraphQL(graphql, { query: '{ me { id } }' }, bearer(valid.token));
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]).toMatchObject({
      message: 'This session has ended; log in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('ends 1,000 concurrent ratings by 100 users on 10 films with exactly 1,000 more ratings and matching summaries', async () => {
    const summaries = async () => {
      const result = await postGraphQL(graphql, {
        query: `{ ${movieIds.map((id, i) => `m${i}: movie(id: ${JSON.stringify(id)}) { ratingSummary { average count histogram { rating count } } }`).join(' ')} }`,
      });
      expect(result.body.errors).toBeUndefined();
      return movieIds.map(
        (_, i) =>
          (
            result.body.data?.[`m${i}`] as {
              ratingSummary: {
                average: number | null;
                count: number;
                histogram: { rating: number; count: number }[];
              };
            }
          ).ratingSummary,
      );
    };
    const before = await summaries();
    // Writes need an existing account (the router checks); accounts without passwords, made in one
    // statement, keep argon2 out of the measurement.
    const loadIds = Array.from({ length: 100 }, (_, i) => `load-${i}`);
    await queryDatabase(
      env['DATABASE_URL'] ?? '',
      'INSERT INTO users."user" (id, username, display_name) SELECT id, id, id FROM unnest($1::text[]) AS id',
      [loadIds],
    );
    const users = await Promise.all(
      loadIds.map((userId) => tokens.issue({ userId, role: 'USER' }, 600, userId)),
    );
    const ratingOf = (user: number, movie: number) => (((user * 7 + movie * 3) % 10) + 1) / 2;
    const calls = users.flatMap(({ token }, user) =>
      movieIds.map((movieId, movie) =>
        postGraphQL(
          graphql,
          {
            query:
              'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating } }',
            variables: { m: movieId, r: ratingOf(user, movie) },
          },
          bearer(token),
        ),
      ),
    );
    const results = await Promise.all(calls);
    expect(
      results.filter((result) => result.status !== 200 || result.body.errors !== undefined),
    ).toEqual([]);

    const after = await summaries();
    expect(
      after.reduce((sum, s) => sum + s.count, 0) - before.reduce((sum, s) => sum + s.count, 0),
    ).toBe(1_000);
    after.forEach((summary, movie) => {
      const expected = before[movie]?.histogram.map((bucket) => ({
        rating: bucket.rating,
        count:
          bucket.count + users.filter((_, user) => ratingOf(user, movie) === bucket.rating).length,
      }));
      expect(summary.histogram).toEqual(expected);
      const count = (expected ?? []).reduce((sum, bucket) => sum + bucket.count, 0);
      const total = (expected ?? []).reduce((sum, bucket) => sum + bucket.rating * bucket.count, 0);
      expect(summary.count).toBe(count);
      expect(summary.average).toBeCloseTo(total / count, 2);
    });
  }, 120_000);

  it('rate-limits one user with RATE_LIMITED and a retry hint while another user keeps being served', async () => {
    const flood = await tokens.issue({ userId: 'flooder', role: 'USER' }, 600, 'flood');
    const calm = await tokens.issue({ userId: 'calm', role: 'USER' }, 600, 'calm');
    const results = await Promise.all(
      Array.from({ length: USER_LIMIT + 5 }, () =>
        postGraphQL(graphql, { query: '{ __typename }' }, bearer(flood.token)),
      ),
    );
    const limited = results.filter((result) => result.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]?.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    await expect(
      postGraphQL(graphql, { query: '{ __typename }' }, bearer(calm.token)),
    ).resolves.toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses too deep or too costly operations with QUERY_TOO_COMPLEX', async () => {
    const deep = await postGraphQL(graphql, {
      query:
        '{ movies { edges { node { similar { similar { similar { similar { similar { similar { similar { similar { similar { title } } } } } } } } } } } } }',
    });
    expect(deep.body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    const costly = await postGraphQL(graphql, {
      query:
        '{ movies(first: 100) { edges { node { cast(first: 100) { person { name } } crew: cast(first: 100) { characters } } } } }',
    });
    expect(costly.body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  });

  it('prints an operator token with `marquee token`, promoting the account with --role admin', async () => {
    await signUp('operator-made', 'operator-made-pass');
    const output = await runMarquee(
      ['token', '--user', 'operator-made', '--role', 'admin', '--ttl', '10m'],
      env,
    );
    const token = output.trim().split('\n').at(-1) ?? '';
    secrets.add(token);
    expect(token).toMatch(/^v4\.public\./);
    const me = await postGraphQL(graphql, { query: '{ me { username role } }' }, bearer(token));
    expect(me.body).toEqual({ data: { me: { username: 'operator-made', role: 'ADMIN' } } });
    await expect(runMarquee(['token', '--user', 'nobody-here'], env)).rejects.toThrow(
      /No user named "nobody-here"/,
    );
  });

  it('never writes a password, a password hash or a token to a log line', async () => {
    const session = await signUp('logged', 'never-in-the-logs');
    const wrong = 'wrong-and-secret-guess';
    secrets.add(wrong);
    await postGraphQL(graphql, {
      query: 'mutation ($p: String!) { logIn(username: "logged", password: $p) { token } }',
      variables: { p: wrong },
    });
    const refreshed = await postGraphQL(graphql, {
      query: 'mutation ($t: String!) { refreshToken(token: $t) { token refreshToken } }',
      variables: { t: session.refreshToken },
    });
    const renewed = refreshed.body.data?.['refreshToken'] as {
      token: string;
      refreshToken: string;
    };
    secrets.add(renewed.token);
    secrets.add(renewed.refreshToken);
    await postGraphQL(graphql, { query: '{ me { id } }' }, bearer(`${session.token}x`));
    const nul = await postGraphQL(
      graphql,
      {
        query: 'mutation ($b: String!) { writeReview(movieId: "m", rating: 3, body: $b) { id } }',
        variables: { b: 'null byte \u0000 here' },
      },
      bearer(session.token),
    );
    expect(nul.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const logs = processes.map((process) => process.output()).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(5);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toContain('$argon2id$');
  });
});
