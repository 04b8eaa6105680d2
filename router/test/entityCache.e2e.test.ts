import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startServices,
  type ServicesDeployment,
} from '@marquee/testing';

// Services mode with the entity cache on: the events that invalidate it travel as deployed,
// from the subgraphs' outboxes through their relays and the Redis stream to the router. Every
// wait is well under the cached answers' ages (30 s for rating summaries, 300 s for people), so
// only an invalidation can make a change show.
const stack = new DisposalStack();
let deployment: ServicesDeployment;
let graphql: string;

beforeAll(async () => {
  deployment = await servicesDeployment(stack, { ENTITY_CACHE_SECONDS: '300' });
  graphql = `${deployment.routerUrl}/graphql`;
  await runMarquee(['seed'], deployment.env);
  await startServices(deployment, stack);
});
afterAll(() => stack.disposeAll());

const FILM = 'tt0068646';
const film = async () => {
  const { body } = await postGraphQL(graphql, {
    query: `{ movie(id: "${FILM}") { ratingSummary { count } directors { id name } } }`,
  });
  expect(body.errors).toBeUndefined();
  return body.data?.['movie'] as {
    ratingSummary: { count: number };
    directors: { id: string; name: string }[];
  };
};

describe('the entity cache in services mode', () => {
  it('shows a new rating once the rating.changed event reaches the router', async () => {
    const signUp = await postGraphQL(graphql, {
      query:
        'mutation { signUp(username: "cache-e2e", password: "correct-horse-battery") { token } }',
    });
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    // Cached from here on, for 30 s.
    const before = (await film()).ratingSummary.count;
    expect((await film()).ratingSummary.count).toBe(before);
    const rated = await postGraphQL(
      graphql,
      { query: `mutation { rateMovie(movieId: "${FILM}", rating: 4.5) { rating } }` },
      { authorization: `Bearer ${token}` },
    );
    expect(rated.body.errors).toBeUndefined();
    await expect
      .poll(async () => (await film()).ratingSummary.count, { interval: 100, timeout: 15_000 })
      .toBe(before + 1);
  });

  it("shows a person's new name once an ingestion run's catalog.changed reaches the router", async () => {
    const [director] = (await film()).directors;
    if (director === undefined) throw new Error(`${FILM} has no director in the demo catalogue`);
    const dir = await mkdtemp(join(tmpdir(), 'entity-cache-e2e-'));
    stack.defer(() => rm(dir, { recursive: true, force: true }));
    await writeFile(
      join(dir, 'name.basics.tsv'),
      [
        'nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles',
        `${director.id}\t${director.name} (renamed)\t1939\t\\N\tdirector\t${FILM}`,
        '',
      ].join('\n'),
    );
    await runMarquee(['ingest', 'imdb', dir], deployment.env);
    await expect
      .poll(async () => (await film()).directors[0]?.name, { interval: 100, timeout: 60_000 })
      .toBe(`${director.name} (renamed)`);
  });
});
