import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startServices,
} from '@marquee/testing';

// recordInteraction, User.history and Movie.predictedRating through the router, in services mode
// (PostgreSQL, Redis), with a write budget low enough to reach: who may call and read what.
const stack = new DisposalStack();
const WRITES_PER_MINUTE = 25;
let graphql: string;
let movieIds: string[];

beforeAll(async () => {
  const deployment = await servicesDeployment(stack, {
    RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
  });
  await runMarquee(['seed'], deployment.env);
  await runMarquee(['train'], deployment.env);
  await startServices(deployment, stack);
  graphql = `${deployment.routerUrl}/graphql`;
  const { body } = await postGraphQL(graphql, {
    query: '{ movies(first: 12) { edges { node { id } } } }',
  });
  movieIds = (body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges.map(
    (edge) => edge.node.id,
  );
}, 180_000);
afterAll(() => stack.disposeAll());

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const { body } = await postGraphQL(
    graphql,
    { query, variables },
    token === undefined ? {} : { authorization: `Bearer ${token}` },
  );
  return body;
}

async function signUp(username: string): Promise<string> {
  const result = await gql(
    'mutation ($u: String!) { signUp(username: $u, password: "a-long-password") { token } }',
    { u: username },
  );
  expect(result.errors).toBeUndefined();
  return (result.data?.['signUp'] as { token: string }).token;
}

const RECORD =
  'mutation ($m: ID!, $k: InteractionKind!) { recordInteraction(movieId: $m, kind: $k) { kind rating at movie { id title } } }';
const HISTORY =
  'query ($after: String) { me { history(first: 2, after: $after) { edges { node { kind rating movie { id } } } pageInfo { hasNextPage endCursor } } } }';

type Entry = { kind: string; rating: number | null; movie: { id: string } };
type Page = {
  edges: { node: Entry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const at = (i: number) => movieIds[i] ?? '';

describe('signals beyond ratings and predicted ratings, through the router', () => {
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    alice = await signUp('alice-signals');
    bob = await signUp('bob-signals');
  });

  it('records an interaction once per user, film, kind and day, and only for a signed-in user and a known film', async () => {
    const first = await gql(RECORD, { m: at(0), k: 'VIEWED' }, alice);
    expect(first.errors).toBeUndefined();
    const entry = first.data?.['recordInteraction'] as Entry & {
      at: string;
      movie: { title: string };
    };
    expect(entry).toMatchObject({ kind: 'VIEWED', rating: null, movie: { id: at(0) } });
    expect(entry.movie.title).toEqual(expect.any(String));
    const again = await gql(RECORD, { m: at(0), k: 'VIEWED' }, alice);
    expect((again.data?.['recordInteraction'] as { at: string }).at).toBe(entry.at);

    const anonymous = await gql(RECORD, { m: at(0), k: 'VIEWED' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(RECORD, { m: 'no-such-film', k: 'WATCHED' }, alice);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badKind = await gql(RECORD, { m: at(0), k: 'LIKED' }, alice);
    expect(badKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("lists the viewer's interactions and ratings most recent first, a page at a time, to the owner only", async () => {
    for (const [m, k] of [
      [at(1), 'TRAILER_PLAYED'],
      [at(1), 'WATCHED'],
    ] as const) {
      const result = await gql(RECORD, { m, k }, alice);
      expect(result.errors).toBeUndefined();
    }
    const rated = await gql(
      'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4.5) { rating } }',
      { m: at(2) },
      alice,
    );
    expect(rated.errors).toBeUndefined();
    // The rating reaches the recommender by event: wait for it to show.
    const entries: Entry[] = [];
    await expect
      .poll(
        async () => {
          entries.length = 0;
          let after: string | null = null;
          for (;;) {
            const result = await gql(HISTORY, { after }, alice);
            expect(result.errors).toBeUndefined();
            const page = (result.data?.['me'] as { history: Page }).history;
            expect(page.edges.length).toBeLessThanOrEqual(2);
            entries.push(...page.edges.map((edge) => edge.node));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          return entries.length;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(4);
    expect(entries).toEqual([
      { kind: 'RATED', rating: 4.5, movie: { id: at(2) } },
      { kind: 'WATCHED', rating: null, movie: { id: at(1) } },
      { kind: 'TRAILER_PLAYED', rating: null, movie: { id: at(1) } },
      { kind: 'VIEWED', rating: null, movie: { id: at(0) } },
    ]);

    const byBob = await gql(
      '{ userByUsername(username: "alice-signals") { username history { edges { node { kind } } } } }',
      {},
      bob,
    );
    expect(byBob.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byBob.errors?.[0]?.message).not.toMatch(/VIEWED|WATCHED/);
    const anonymous = await gql(
      '{ userByUsername(username: "alice-signals") { history { edges { node { kind } } } } }',
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badCursor = await gql(HISTORY, { after: 'not-a-cursor' }, alice);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('predicts ratings for the signed-in viewer only, never for a film they rated', async () => {
    const query =
      'query ($rated: ID!, $other: ID!) { rated: movie(id: $rated) { predictedRating } other: movie(id: $other) { predictedRating } }';
    const variables = { rated: at(2), other: at(5) };
    const mine = await gql(query, variables, alice);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.['rated']).toEqual({ predictedRating: null });
    const predicted = (mine.data?.['other'] as { predictedRating: number }).predictedRating;
    expect(predicted).toBeGreaterThanOrEqual(0.5);
    expect(predicted).toBeLessThanOrEqual(5);
    const anonymous = await gql(query, variables);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data).toEqual({
      rated: { predictedRating: null },
      other: { predictedRating: null },
    });
    // Bob rated nothing: he gets the baseline (mean plus the film's bias), the film he did not rate included.
    const bobs = await gql(query, variables, bob);
    expect((bobs.data?.['rated'] as { predictedRating: number }).predictedRating).toEqual(
      expect.any(Number),
    );
  });

  it('counts interactions against the per-user write budget', async () => {
    const carol = await signUp('carol-signals');
    const fields = Array.from(
      { length: WRITES_PER_MINUTE + 1 },
      (_, n) => `r${n}: recordInteraction(movieId: $m, kind: VIEWED) { kind }`,
    ).join(' ');
    const burst = await gql(`mutation ($m: ID!) { ${fields} }`, { m: at(3) }, carol);
    expect(burst.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const history = await gql(HISTORY, { after: null }, carol);
    expect((history.data?.['me'] as { history: Page }).history.edges).toEqual([]);
  });
});
