import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  queryDatabase,
  runMarquee,
  servicesDeployment,
  startServices,
} from '@marquee/testing';
import { expectOneLineError, runToEnd } from './cliHarness.ts';

// Analytics through the router on PostgreSQL and Redis: ratings given through `rateMovie` reach
// the rollups by the rating event stream; who may read what.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

let routerUrl: string;
let databaseUrl: string;
let env: Record<string, string>;

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
};
const gql = async (query: string, token?: string, variables: Record<string, unknown> = {}) =>
  (
    await postGraphQL(
      `${routerUrl}/graphql`,
      { query, variables },
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    )
  ).body as Body;

async function signUp(username: string): Promise<{ token: string; id: string }> {
  const body = await gql(
    `mutation { signUp(username: "${username}", password: "a-long-password") { token user { id } } }`,
  );
  expect(body.errors).toBeUndefined();
  const payload = body.data?.['signUp'] as { token: string; user: { id: string } };
  return { token: payload.token, id: payload.user.id };
}

beforeAll(async () => {
  const deployment = await servicesDeployment(stack);
  env = deployment.env;
  databaseUrl = env['DATABASE_URL'] ?? '';
  await runMarquee(['seed'], env);
  await startServices(deployment, stack);
  routerUrl = deployment.routerUrl;
}, 120_000);

describe('analytics through the router', () => {
  let fan: { token: string; id: string };
  let other: { token: string; id: string };
  const STATS =
    'query ($id: ID!) { user(id: $id) { stats { ratings averageRating communityAverageRating ratingsByMonth { month ratings averageRating } favouriteGenres(first: 3) { genre ratings } peopleMostWatched(first: 2) { person { id name } films } } } }';

  const year = new Date().getUTCFullYear();
  const month = new Date().getUTCMonth() + 1;
  const MONTHLY = `{ genreTrends(from: ${year}, to: ${year}, bucket: MONTH) { genre year month titlesReleased ratingsGiven averageRating } }`;
  const sciFiThisMonth = async () => {
    const body = await gql(MONTHLY);
    expect(body.errors).toBeUndefined();
    const trends = body.data?.['genreTrends'] as Record<string, unknown>[];
    const found = trends.find((t) => t['genre'] === 'Sci-Fi' && t['month'] === month);
    return {
      ratingsGiven: Number(found?.['ratingsGiven'] ?? 0),
      averageRating: Number(found?.['averageRating'] ?? 0),
      titlesReleased: found?.['titlesReleased'],
    };
  };
  // The demo catalogue's own ratings (dated around now) before this test's three.
  let before: Awaited<ReturnType<typeof sciFiThisMonth>>;
  let rated: string[] = [];

  beforeAll(async () => {
    before = await sciFiThisMonth();
    fan = await signUp('trendwatcher');
    other = await signUp('bystander');
    const films = await queryDatabase<{ id: string }>(
      databaseUrl,
      "SELECT id FROM movies.movie WHERE 'Sci-Fi' = ANY(genres) ORDER BY id LIMIT 3",
    );
    expect(films).toHaveLength(3);
    rated = films.map((film) => film.id);
    for (const [i, film] of films.entries()) {
      const body = await gql(
        `mutation { rateMovie(movieId: "${film.id}", rating: ${3 + i}) { rating } }`,
        fan.token,
      );
      expect(body.errors).toBeUndefined();
    }
  }, 60_000);

  it('answers genreTrends to anyone, the rating events counted within seconds', async () => {
    let after = before;
    for (
      let attempt = 0;
      attempt < 50 && after.ratingsGiven !== before.ratingsGiven + 3;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await sciFiThisMonth();
    }
    // Three ratings of 3, 4 and 5 were added to what was there.
    expect(after.ratingsGiven).toBe(before.ratingsGiven + 3);
    expect(after.averageRating).toBeCloseTo(
      (before.averageRating * before.ratingsGiven + 12) / (before.ratingsGiven + 3),
      9,
    );
    expect(after.titlesReleased).toBeNull();

    const yearly = await gql('{ genreTrends(from: 1970, to: 1999) { genre year titlesReleased } }');
    expect(yearly.errors).toBeUndefined();
    const [expected] = await queryDatabase<{ n: number }>(
      databaseUrl,
      "SELECT count(*)::int AS n FROM movies.movie WHERE 'Sci-Fi' = ANY(genres) AND year = 1979",
    );
    const trends = yearly.data?.['genreTrends'] as {
      genre: string;
      year: number;
      titlesReleased: number;
    }[];
    expect(trends.find((t) => t.genre === 'Sci-Fi' && t.year === 1979)?.titlesReleased).toBe(
      expected?.n,
    );

    const tooWide = await gql('{ genreTrends(from: 1990, to: 2020, bucket: MONTH) { genre } }');
    expect(tooWide.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers risingPeople to anyone from the rating events, with the films that drove it', async () => {
    // The seed writes its ratings directly (no events): only this file's three count.
    const expected = await queryDatabase<{ person_id: string; n: number }>(
      databaseUrl,
      `SELECT person_id, count(*)::int AS n FROM people.credit
       WHERE role = 'ACTOR' AND movie_id = ANY($1::text[])
       GROUP BY person_id ORDER BY n DESC, person_id COLLATE "C" LIMIT 5`,
      [rated],
    );
    expect(expected.length).toBeGreaterThan(0);
    const query =
      '{ risingPeople(window: DAY, role: ACTOR, first: 5) { person { id name } ratings films { movie { id title } ratings } } }';
    type Trend = {
      person: { id: string; name: string };
      ratings: number;
      films: { movie: { id: string; title: string }; ratings: number }[];
    };
    let trends: Trend[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      const body = await gql(query);
      expect(body.errors).toBeUndefined();
      trends = body.data?.['risingPeople'] as Trend[];
      if (trends.reduce((sum, t) => sum + t.ratings, 0) >= expected.reduce((s, e) => s + e.n, 0))
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(trends.map((t) => [t.person.id, t.ratings])).toEqual(
      expected.map((row) => [row.person_id, row.n]),
    );
    expect(trends[0]?.person.name).toEqual(expect.any(String));
    for (const trend of trends) {
      expect(trend.films.length).toBe(trend.ratings);
      for (const film of trend.films) {
        expect(rated).toContain(film.movie.id);
        expect(film.ratings).toBe(1);
        expect(film.movie.title).toEqual(expect.any(String));
      }
    }
  });

  it("shows a user's stats to them and to admins only", async () => {
    const own = await gql(STATS, fan.token, { id: fan.id });
    expect(own.errors).toBeUndefined();
    const stats = (own.data?.['user'] as { stats: Record<string, unknown> }).stats;
    expect(stats['ratings']).toBe(3);
    expect(stats['averageRating']).toBe(4);
    expect(stats['communityAverageRating']).toEqual(expect.any(Number));
    expect(stats['ratingsByMonth']).toEqual([
      {
        month: new Date().toISOString().slice(0, 7),
        ratings: 3,
        averageRating: 4,
      },
    ]);
    expect((stats['favouriteGenres'] as { genre: string; ratings: number }[])[0]).toEqual({
      genre: 'Sci-Fi',
      ratings: 3,
    });
    const people = stats['peopleMostWatched'] as { person: { id: string; name: string } }[];
    expect(people.length).toBeGreaterThan(0);
    expect(people[0]?.person.name).toEqual(expect.any(String));

    const anonymous = await gql(STATS, undefined, { id: fan.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const someoneElse = await gql(STATS, other.token, { id: fan.id });
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((someoneElse.data?.['user'] as { stats: unknown }).stats).toBeNull();

    // The token is the last line of the command's output.
    const admin = (await runMarquee(['token', '--user', 'bystander', '--role', 'admin'], env))
      .trim()
      .split('\n')
      .at(-1);
    const asAdmin = await gql(STATS, admin, { id: fan.id });
    expect(asAdmin.errors).toBeUndefined();
    expect((asAdmin.data?.['user'] as { stats: unknown }).stats).toEqual(stats);
  });

  it('answers catalogueStats to admins only: titles by kind and source, ingestion runs, model versions', async () => {
    const fixture = fileURLToPath(new URL('fixtures/ml-conflicting-links', import.meta.url));
    await runMarquee(['ingest', 'movielens', fixture, '--rejects', await scratch()], env);
    await runMarquee(['train'], env);
    const STATS_QUERY =
      '{ catalogueStats { titles byKind { key titles } bySource { key titles } ingestionRuns(first: 5) { source mode files { file read inserted rejected } } modelVersions { version kind training { name value } } } }';
    expect((await gql(STATS_QUERY)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const user = await signUp('curious');
    const refused = await gql(STATS_QUERY, user.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.['catalogueStats'] ?? null).toBeNull();

    const admin = (await runMarquee(['token', '--user', 'curious', '--role', 'admin'], env))
      .trim()
      .split('\n')
      .at(-1);
    const body = await gql(STATS_QUERY, admin);
    expect(body.errors).toBeUndefined();
    const stats = body.data?.['catalogueStats'] as {
      titles: number;
      byKind: { key: string; titles: number }[];
      bySource: { key: string; titles: number }[];
      ingestionRuns: { source: string; mode: string; files: { file: string; read: number }[] }[];
      modelVersions: {
        version: number;
        kind: string;
        training: { name: string; value: number }[];
      }[];
    };
    // The counts the trigger keeps equal the catalogue counted the plain way.
    const [counts] = await queryDatabase<Record<string, number>>(
      databaseUrl,
      `SELECT count(*)::int AS titles,
              count(*) FILTER (WHERE kind = 'movie')::int AS movies,
              count(imdb_id)::int AS imdb, count(movielens_id)::int AS movielens,
              count(*) FILTER (WHERE imdb_id IS NULL AND movielens_id IS NULL AND tmdb_id IS NULL)::int AS none
       FROM movies.movie`,
    );
    expect(stats.titles).toBe(counts?.['titles']);
    expect(stats.byKind.find((row) => row.key === 'movie')?.titles).toBe(counts?.['movies']);
    for (const source of ['imdb', 'movielens', 'none'])
      expect(stats.bySource.find((row) => row.key === source)?.titles ?? 0).toBe(counts?.[source]);
    expect(stats.ingestionRuns[0]).toMatchObject({ source: 'movielens', mode: 'incremental' });
    expect(stats.ingestionRuns[0]?.files.map((file) => file.file)).toContain('movies.csv');
    // The services train once at start (no snapshot yet) and `marquee train` once more.
    const versions = await queryDatabase<{ version: number }>(
      databaseUrl,
      'SELECT version FROM recommendations.model_snapshot ORDER BY version DESC',
    );
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(stats.modelVersions.map((model) => model.version)).toEqual(
      versions.slice(0, 10).map((row) => row.version),
    );
    expect(stats.modelVersions[0]?.training.map((metric) => metric.name)).toContain('interactions');
  }, 120_000);

  it('writes the report as one HTML file with the charts, and refuses an output path it cannot write', async () => {
    const folder = await scratch();
    const out = join(folder, 'report.html');
    const output = await runMarquee(['report', '--out', out, '--user', 'trendwatcher'], env);
    expect(output).toContain(`Wrote ${out}.`);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg/g)?.length).toBe(4);
    expect(html).toContain('Films released per genre');
    expect(html).toContain('Sci-Fi');
    expect(html).not.toContain('<script');

    const missing = join(folder, 'no-such-folder', 'report.html');
    expect(expectOneLineError(await runToEnd(['report', '--out', missing], env))).toBe(
      `error: The folder ${join(folder, 'no-such-folder')} does not exist: create it or choose another --out.`,
    );
    expect(expectOneLineError(await runToEnd(['report', '--out', folder], env))).toContain(
      'is a folder',
    );
    expect(expectOneLineError(await runToEnd(['report'], env))).toContain("'--out <file>'");
  }, 120_000);
});

async function scratch(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'marquee-analytics-'));
  stack.defer(() => rm(folder, { recursive: true, force: true }));
  return folder;
}
