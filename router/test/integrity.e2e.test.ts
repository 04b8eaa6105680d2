import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  queryDatabase,
  runMarquee,
  servicesDeployment,
  startServices,
} from '@marquee/testing';

// Issue 11 items 3 and 4 through the router, in services mode (six processes on real PostgreSQL,
// FerretDB and Redis): writes of unknown films, missing films in lists, deleteRating, demotion
// and account deletion.
const stack = new DisposalStack();
let graphql: string;
let env: Record<string, string>;
let movieIds: string[];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sql = <Row extends Record<string, unknown>>(statement: string, params: unknown[] = []) =>
  queryDatabase<Row>(env['DATABASE_URL'] ?? '', statement, params);
const countOf = async (statement: string, params: unknown[]) =>
  Number((await sql<{ n: number }>(statement, params))[0]?.n);

beforeAll(async () => {
  const deployment = await servicesDeployment(stack, {
    RATE_LIMIT_IP_PER_MINUTE: '10000',
    TRAIN_INTERVAL_SECONDS: '0',
  });
  env = deployment.env;
  graphql = `${deployment.routerUrl}/graphql`;
  await runMarquee(['seed'], env);
  await startServices(deployment, stack);
  const first = await postGraphQL(graphql, {
    query: '{ movies(first: 10) { edges { node { id } } } }',
  });
  movieIds = (first.body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges.map(
    (edge) => edge.node.id,
  );
}, 180_000);
afterAll(() => stack.disposeAll());

async function signUp(username: string, password = 'a-long-password') {
  const result = await postGraphQL(graphql, {
    query:
      'mutation ($u: String!, $p: String!) { signUp(username: $u, password: $p) { token user { id } } }',
    variables: { u: username, p: password },
  });
  expect(result.body.errors).toBeUndefined();
  const session = result.body.data?.['signUp'] as { token: string; user: { id: string } };
  return { token: session.token, id: session.user.id };
}

/** A film only this test knows, added to (and later removed from) the movies subgraph's table. */
async function temporaryFilm(id: string, title: string) {
  await sql(`INSERT INTO movies.movie (id, title, genres) VALUES ($1, $2, '{Drama}')`, [id, title]);
  return { remove: () => sql('DELETE FROM movies.movie WHERE id = $1', [id]) };
}

describe('writes of films the catalogue does not hold', () => {
  it('refuses a rating, a review, a watchlist entry and a list item of an unknown film with NOT_FOUND and stores none of them', async () => {
    const { token, id } = await signUp('nobody-film');
    const list = await postGraphQL(
      graphql,
      { query: 'mutation { createList(name: "Later") { id } }' },
      bearer(token),
    );
    const listId = (list.body.data?.['createList'] as { id: string }).id;
    const writes = [
      ['rateMovie', 'mutation { rateMovie(movieId: "tt0000000x", rating: 4) { rating } }'],
      [
        'writeReview',
        'mutation { writeReview(movieId: "tt0000000x", rating: 4, body: "Never made.") { id } }',
      ],
      ['addToWatchlist', 'mutation { addToWatchlist(movieId: "tt0000000x") { id } }'],
      ['addToList', `mutation { addToList(listId: "${listId}", movieId: "tt0000000x") { id } }`],
    ] as const;
    for (const [field, query] of writes) {
      const result = await postGraphQL(graphql, { query }, bearer(token));
      expect(result.body, field).toMatchObject({
        data: null,
        errors: [
          {
            message: 'There is no film with the id "tt0000000x".',
            path: [field],
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
    }
    expect(
      await countOf('SELECT count(*)::int AS n FROM reviews.rating WHERE user_id = $1', [id]),
    ).toBe(0);
    expect(
      await countOf('SELECT count(*)::int AS n FROM reviews.review WHERE user_id = $1', [id]),
    ).toBe(0);
    expect(
      await countOf('SELECT count(*)::int AS n FROM users.watchlist_item WHERE user_id = $1', [id]),
    ).toBe(0);
    expect(
      await countOf('SELECT count(*)::int AS n FROM users.list_item WHERE list_id = $1', [listId]),
    ).toBe(0);
    // A film the catalogue holds is accepted as before.
    const known = await postGraphQL(
      graphql,
      {
        query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4) { rating movie { id } } }',
        variables: { m: movieIds[0] },
      },
      bearer(token),
    );
    expect(known.body).toEqual({ data: { rateMovie: { rating: 4, movie: { id: movieIds[0] } } } });
  });
});

describe('a film missing from the catalogue in a list of films', () => {
  it('answers trending with the missing film as null and an error instead of data: null', async () => {
    const film = await temporaryFilm('tt9900001', 'Here Today');
    const { token, id } = await signUp('trend-setter');
    for (const movieId of ['tt9900001', movieIds[1]]) {
      const rated = await postGraphQL(
        graphql,
        {
          query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 5) { rating } }',
          variables: { m: movieId },
        },
        bearer(token),
      );
      expect(rated.body.errors).toBeUndefined();
    }
    // The recommendations subgraph learns ratings from events; trending reads what it has learnt.
    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id = $1', [
            id,
          ]),
        { timeout: 15_000 },
      )
      .toBe(2);
    await film.remove();

    const result = await postGraphQL(graphql, {
      query: '{ trending(window: DAY, first: 20) { movie { id title } reason } }',
    });
    const trending = result.body.data?.['trending'] as ({
      movie: { id: string; title: string } | null;
      reason: string;
    } | null)[];
    expect(Array.isArray(trending)).toBe(true);
    const missingAt = trending.findIndex((entry) => entry?.movie === null);
    expect(missingAt).toBeGreaterThanOrEqual(0);
    expect(trending.filter((entry) => entry?.movie === null)).toHaveLength(1);
    expect(trending).toContainEqual(
      expect.objectContaining({ movie: { id: movieIds[1], title: expect.any(String) } }),
    );
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: 'There is no film with the id "tt9900001".',
        path: ['trending', missingAt, 'movie'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });

  it('answers Person.knownFor with a title the catalogue does not hold as a null item and an error', async () => {
    await sql(
      `INSERT INTO people.person (id, name, known_for) VALUES ('nm9900001', 'Known For Little', ARRAY[$1, 'tt9900404'])`,
      [movieIds[2]],
    );
    const result = await postGraphQL(graphql, {
      query: '{ person(id: "nm9900001") { name knownFor { id title } } }',
    });
    const person = result.body.data?.['person'] as {
      name: string;
      knownFor: ({ id: string; title: string } | null)[];
    };
    expect(person.name).toBe('Known For Little');
    expect(person.knownFor).toEqual([{ id: movieIds[2], title: expect.any(String) }, null]);
    expect(result.body.errors?.map((error) => [error.extensions?.['code'], error.path])).toEqual([
      ['NOT_FOUND', ['person', 'knownFor', 1]],
    ]);
  });
});

describe('deleteRating', () => {
  it('removes the caller’s rating, tells the recommender, and answers false the second time', async () => {
    const { token, id } = await signUp('un-rater');
    const [movieId] = movieIds as [string];
    await postGraphQL(
      graphql,
      {
        query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4.5) { rating } }',
        variables: { m: movieId },
      },
      bearer(token),
    );
    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id = $1', [
            id,
          ]),
        { timeout: 15_000 },
      )
      .toBe(1);

    const removed = await postGraphQL(
      graphql,
      { query: 'mutation ($m: ID!) { deleteRating(movieId: $m) }', variables: { m: movieId } },
      bearer(token),
    );
    expect(removed.body).toEqual({ data: { deleteRating: true } });
    const mine = await postGraphQL(
      graphql,
      { query: '{ me { ratings { rating } } }' },
      bearer(token),
    );
    expect(mine.body).toEqual({ data: { me: { ratings: [] } } });
    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id = $1', [
            id,
          ]),
        { timeout: 15_000 },
      )
      .toBe(0);
    const again = await postGraphQL(
      graphql,
      { query: 'mutation ($m: ID!) { deleteRating(movieId: $m) }', variables: { m: movieId } },
      bearer(token),
    );
    expect(again.body).toEqual({ data: { deleteRating: false } });
  });
});

describe('tokens against the account behind them', () => {
  it('takes admin powers from a demoted admin’s token at once', async () => {
    const victim = await signUp('watched');
    await postGraphQL(
      graphql,
      {
        query: 'mutation ($m: ID!) { addToWatchlist(movieId: $m) { id } }',
        variables: { m: movieIds[3] },
      },
      bearer(victim.token),
    );
    await signUp('moderator');
    const issued = await runMarquee(
      ['token', '--user', 'moderator', '--role', 'admin', '--ttl', '365d'],
      env,
    );
    const adminToken = issued.trim().split('\n').at(-1) ?? '';
    const PRIVATE =
      'query ($u: ID!) { user(id: $u) { username watchlist { edges { node { id } } } } }';

    const asAdmin = await postGraphQL(
      graphql,
      { query: PRIVATE, variables: { u: victim.id } },
      bearer(adminToken),
    );
    expect(asAdmin.body).toEqual({
      data: {
        user: { username: 'watched', watchlist: { edges: [{ node: { id: movieIds[3] } }] } },
      },
    });

    await runMarquee(['token', '--user', 'moderator', '--role', 'user'], env);
    const demoted = await postGraphQL(
      graphql,
      { query: PRIVATE, variables: { u: victim.id } },
      bearer(adminToken),
    );
    expect(demoted.body.data).toEqual({ user: { username: 'watched', watchlist: null } });
    expect(demoted.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
  });

  it('refuses every token of a deleted account and removes its ratings, reviews, watchlist and lists', async () => {
    const leaver = await signUp('leaver', 'leaving-for-good');
    const second = await postGraphQL(graphql, {
      query: 'mutation { logIn(username: "leaver", password: "leaving-for-good") { token } }',
    });
    const otherSession = (second.body.data?.['logIn'] as { token: string }).token;
    const [m1, m2] = movieIds as [string, string];
    const auth = bearer(leaver.token);
    await postGraphQL(
      graphql,
      {
        query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 3) { rating } }',
        variables: { m: m1 },
      },
      auth,
    );
    const review = await postGraphQL(
      graphql,
      {
        query:
          'mutation ($m: ID!) { writeReview(movieId: $m, rating: 5, body: "Leaving soon.") { id } }',
        variables: { m: m2 },
      },
      auth,
    );
    const reviewId = (review.body.data?.['writeReview'] as { id: string }).id;
    await postGraphQL(
      graphql,
      { query: 'mutation ($m: ID!) { addToWatchlist(movieId: $m) { id } }', variables: { m: m1 } },
      auth,
    );
    const list = await postGraphQL(
      graphql,
      { query: 'mutation { createList(name: "Public", isPublic: true) { id } }' },
      auth,
    );
    const listId = (list.body.data?.['createList'] as { id: string }).id;
    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id = $1', [
            leaver.id,
          ]),
        { timeout: 15_000 },
      )
      .toBe(2);

    const wrong = await postGraphQL(
      graphql,
      { query: 'mutation { deleteAccount(password: "not-my-password") }' },
      auth,
    );
    expect(wrong.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const gone = await postGraphQL(
      graphql,
      { query: 'mutation { deleteAccount(password: "leaving-for-good") }' },
      auth,
    );
    expect(gone.body).toEqual({ data: { deleteAccount: true } });

    for (const token of [leaver.token, otherSession]) {
      const write = await postGraphQL(
        graphql,
        {
          query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 1) { rating } }',
          variables: { m: m1 },
        },
        bearer(token),
      );
      expect(write.status).toBe(401);
      expect(write.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const refused = await postGraphQL(
      graphql,
      { query: 'mutation { createList(name: "Again") { id } }' },
      bearer(otherSession),
    );
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'This account no longer exists.',
      extensions: { code: 'UNAUTHENTICATED' },
    });

    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM reviews.rating WHERE user_id = $1', [leaver.id]),
        { timeout: 15_000 },
      )
      .toBe(0);
    await expect
      .poll(
        () =>
          countOf('SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id = $1', [
            leaver.id,
          ]),
        { timeout: 15_000 },
      )
      .toBe(0);
    const after = await postGraphQL(graphql, {
      query:
        'query ($u: ID!, $r: ID!, $l: ID!) { user(id: $u) { id } review(id: $r) { id } list(id: $l) { id } }',
      variables: { u: leaver.id, r: reviewId, l: listId },
    });
    expect(after.body).toEqual({ data: { user: null, review: null, list: null } });
    expect(
      await countOf('SELECT count(*)::int AS n FROM users.watchlist_item WHERE user_id = $1', [
        leaver.id,
      ]),
    ).toBe(0);
  });
});
