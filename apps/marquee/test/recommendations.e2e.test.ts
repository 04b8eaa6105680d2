import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startEmbedded,
  startServices,
} from '@marquee/testing';

// The acceptance path on the demo catalogue, in both runtime modes: seed, `marquee train`, start;
// a new user rates five science-fiction films through the router and their recommendations
// follow within 5 s.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

async function seedAndTrain(env: Record<string, string>) {
  await runMarquee(['seed'], env);
  const trained = await runMarquee(['train'], env);
  expect(trained).toMatch(/Trained ease on \d+ ratings .* snapshot version 1/);
}

async function startEmbeddedMode(): Promise<string> {
  const deployment = await embeddedDeployment(stack);
  await seedAndTrain(deployment.env);
  await startEmbedded(deployment, stack);
  return deployment.routerUrl;
}

async function startServicesMode(): Promise<string> {
  const deployment = await servicesDeployment(stack);
  await seedAndTrain(deployment.env);
  await startServices(deployment, stack);
  return deployment.routerUrl;
}

type Rec = { movie: { id: string; genres: string[] }; score: number; reason: string };

describe.each([
  ['embedded (marquee start)', startEmbeddedMode],
  ['services (Redis cache and pub/sub, PostgreSQL)', startServicesMode],
])('recommendations through the router, %s', (_mode, start) => {
  let routerUrl: string;
  beforeAll(async () => {
    routerUrl = await start();
  }, 120_000);

  it('follow a new user who rates five science-fiction films within 5 s, leaning to related films and never repeating a rated one', async () => {
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const { body } = await postGraphQL(
        `${routerUrl}/graphql`,
        { query, variables },
        token === undefined ? {} : { authorization: `Bearer ${token}` },
      );
      expect(body.errors).toBeUndefined();
      return body.data ?? {};
    };
    const signUp = await gql(
      'mutation { signUp(username: "stargazer", password: "a-long-password") { token } }',
    );
    const { token } = signUp['signUp'] as { token: string };
    const recommendations = async () =>
      (
        (
          await gql(
            '{ me { recommendations(first: 10) { movie { id genres } score reason } } }',
            {},
            token,
          )
        )['me'] as { recommendations: Rec[] }
      ).recommendations;

    const before = await recommendations();
    expect(before).toHaveLength(10);
    const popular = (
      await gql('{ popular(genre: "Sci-Fi", first: 5) { movie { id genres } reason } }')
    )['popular'] as Rec[];
    expect(popular.map((r) => r.reason)).toEqual(Array(5).fill('Popular in Sci-Fi'));
    const rated = popular.map((r) => r.movie.id);
    for (const movieId of rated)
      await gql(
        'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 5) { rating } }',
        { m: movieId },
        token,
      );
    const ratedAt = Date.now();

    let after: Rec[] = before;
    await expect
      .poll(
        async () => {
          after = await recommendations();
          return (
            after.some((r) => r.reason.startsWith('Because you liked')) &&
            after.every((r) => !rated.includes(r.movie.id))
          );
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBe(true);
    expect(Date.now() - ratedAt).toBeLessThan(5_000);
    expect(after.map((r) => r.movie.id)).not.toEqual(before.map((r) => r.movie.id));
    for (const r of after) expect(rated).not.toContain(r.movie.id);
    // The demo catalogue is about a third science fiction; the list leans well past that.
    expect(after.filter((r) => r.movie.genres.includes('Sci-Fi')).length).toBeGreaterThanOrEqual(6);
  });

  it('finds similar films for a demo film, never the film itself', async () => {
    const { body } = await postGraphQL(`${routerUrl}/graphql`, {
      query:
        '{ popular(genre: "Sci-Fi", first: 1) { movie { id genres similar(first: 5) { id genres } } } }',
    });
    expect(body.errors).toBeUndefined();
    const [first] = (body.data?.['popular'] ?? []) as {
      movie: { id: string; genres: string[]; similar: { id: string; genres: string[] }[] };
    }[];
    expect(first?.movie.similar).toHaveLength(5);
    for (const film of first?.movie.similar ?? []) {
      expect(film.id).not.toBe(first?.movie.id);
      expect(film.genres.some((genre) => first?.movie.genres.includes(genre))).toBe(true);
    }
  });
});
