import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startServices,
} from '@marquee/testing';

// The data team's path, as the recommendations issue states it: MovieLens files ingested,
// `marquee train`, then an imported user's own recommendations through the router with a token
// from `marquee token --user movielens:<id>` (imported accounts have no password).
const stack = new DisposalStack();
let routerUrl: string;
let env: Record<string, string>;
let ratedByUser: Map<string, Set<string>>;
let tagsFile: string;
afterAll(() => stack.disposeAll());

beforeAll(async () => {
  const deployment = await servicesDeployment(stack);
  env = deployment.env;
  routerUrl = deployment.routerUrl;
  const dir = await mkdtemp(join(tmpdir(), 'marquee-movielens-'));
  stack.defer(() => rm(dir, { recursive: true, force: true }));
  await runMarquee(
    ['generate', 'movielens', dir, '--titles', '400', '--users', '60', '--ratings', '6000'],
    env,
  );
  await runMarquee(['ingest', 'movielens', dir], env);
  tagsFile = await readFile(join(dir, 'tags.csv'), 'utf8');
  const trained = await runMarquee(['train'], env);
  expect(trained).toMatch(/snapshot version 1/);
  ratedByUser = new Map();
  const [, ...lines] = (await readFile(join(dir, 'ratings.csv'), 'utf8')).trim().split(/\r?\n/);
  for (const line of lines) {
    const [userId, movieId] = line.split(',');
    if (userId === undefined || movieId === undefined) continue;
    const rated = ratedByUser.get(userId) ?? new Set<string>();
    rated.add(movieId);
    ratedByUser.set(userId, rated);
  }
  await startServices(deployment, stack);
}, 240_000);

describe('recommendations for an imported MovieLens user', () => {
  it('answers me { recommendations } with MovieLens ids, scores and reasons, never a film the user rated', async () => {
    // A rater of median activity: enough ratings for the trained model (not the cold-start list) to
    // answer, and far from having rated the whole catalogue.
    const byActivity = [...ratedByUser].sort((a, b) => a[1].size - b[1].size);
    const [userId, rated] = byActivity[Math.floor(byActivity.length / 2)] as [string, Set<string>];
    expect(rated.size).toBeGreaterThanOrEqual(5);
    const token = (await runMarquee(['token', '--user', `movielens:${userId}`], env))
      .trim()
      .split('\n')
      .at(-1) as string;
    const result = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query:
          '{ me { username recommendations(first: 20) { movie { externalIds { movielens } } score reason } } }',
      },
      { authorization: `Bearer ${token}` },
    );
    expect(result.body.errors).toBeUndefined();
    const me = result.body.data?.['me'] as {
      username: string;
      recommendations: {
        movie: { externalIds: { movielens: string | null } };
        score: number;
        reason: string;
      }[];
    };
    expect(me.username).toBe(`movielens:${userId}`);
    expect(me.recommendations).toHaveLength(20);
    for (const recommendation of me.recommendations) {
      expect(recommendation.movie.externalIds.movielens).toMatch(/^\d+$/);
      expect(rated.has(recommendation.movie.externalIds.movielens as string)).toBe(false);
      expect(Number.isFinite(recommendation.score)).toBe(true);
    }
    const scores = me.recommendations.map((recommendation) => recommendation.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      me.recommendations.some((recommendation) =>
        recommendation.reason.startsWith('Because you liked '),
      ),
    ).toBe(true);
  });

  it('gives the most tagged film its most used tags as keywords, from its MongoDB document', async () => {
    // tags.csv as a MovieLens reader sees it: userId,movieId,tag,timestamp with quoted tags.
    const taggers = new Map<string, Map<string, Set<string>>>();
    for (const line of tagsFile.trim().split(/\r?\n/).slice(1)) {
      const match = /^(\d+),(\d+),("(?:[^"]|"")*"|[^,]*),\d+$/.exec(line);
      if (match === null) throw new Error(`unexpected tags.csv line: ${line}`);
      const [, userId = '', movieId = '', raw = ''] = match;
      const tag = (raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw)
        .trim()
        .toLowerCase();
      const byTag = taggers.get(movieId) ?? new Map<string, Set<string>>();
      byTag.set(tag, (byTag.get(tag) ?? new Set()).add(userId));
      taggers.set(movieId, byTag);
    }
    const [movieId, byTag] = [...taggers].sort(
      (a, b) => b[1].size - a[1].size || Number(a[0]) - Number(b[0]),
    )[0] as [string, Map<string, Set<string>>];
    const expected = [...byTag]
      .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([tag]) => tag);
    expect(expected.length).toBeGreaterThan(1);

    const result = await postGraphQL(`${routerUrl}/graphql`, {
      query: 'query ($id: String!) { movieByExternalId(source: MOVIELENS, id: $id) { keywords } }',
      variables: { id: movieId },
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.['movieByExternalId']).toEqual({ keywords: expected });
  });
});
