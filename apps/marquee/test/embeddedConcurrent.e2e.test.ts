import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  postGraphQL,
  runMarquee,
  spawnMarquee,
  startEmbedded,
  type MarqueeProcess,
  type TestDeployment,
} from '@marquee/testing';

// The embedded data directory has one owner: the running server. Commands run meanwhile go
// through its socket, so nothing they write — nor anything written through the router at the
// same time — is lost, and the server sees it at once.
const stack = new DisposalStack();
let deployment: TestDeployment;
let graphql: string;
let server: MarqueeProcess;
let secondSource: string;

const signUpMutation =
  'mutation ($u: String!) { signUp(username: $u, password: "a-long-password") { token user { id } } }';
const logInMutation =
  'mutation ($u: String!) { logIn(username: $u, password: "a-long-password") { token user { id } } }';

async function movieCount(): Promise<number> {
  const { body } = await postGraphQL(graphql, { query: '{ movies(first: 1) { totalCount } }' });
  return (body.data?.['movies'] as { totalCount: number }).totalCount;
}

async function generate(titles: number, seed: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'marquee-concurrent-'));
  stack.defer(() => rm(dir, { recursive: true, force: true }));
  await runMarquee(
    [
      'generate',
      'movielens',
      dir,
      '--titles',
      String(titles),
      '--users',
      '20',
      '--ratings',
      String(titles * 10),
      '--seed',
      String(seed),
    ],
    deployment.env,
  );
  return dir;
}

beforeAll(async () => {
  // The generated catalogue stands in for the demo one (whose MovieLens ids it would reuse).
  deployment = await embeddedDeployment(stack, {
    MARQUEE_SEED_DEMO: 'false',
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
  });
  graphql = `${deployment.routerUrl}/graphql`;
  // With no server running, the command owns the data directory itself.
  await runMarquee(['ingest', 'movielens', await generate(100, 1)], deployment.env);
  secondSource = await generate(200, 2);
  server = await startEmbedded(deployment, stack);
}, 240_000);
afterAll(() => stack.disposeAll());

describe('commands while the embedded server runs', () => {
  const signedUp = new Map<string, string>();
  const rated = new Map<string, { movieId: string; rating: number }>();
  let ingested: { files: { file: string; inserted: number }[] };
  let moviesBefore: number;

  it('runs ingest and token against the running server while sign-ups and ratings stream through the router, losing nothing', async () => {
    moviesBefore = await movieCount();
    const page = await postGraphQL(graphql, {
      query: '{ movies(first: 20) { edges { node { id } } } }',
    });
    const movieIds = (
      page.body.data?.['movies'] as { edges: { node: { id: string } }[] }
    ).edges.map((edge) => edge.node.id);
    await postGraphQL(graphql, { query: signUpMutation, variables: { u: 'promoted' } });

    let streaming = true;
    const stream = (async () => {
      for (let i = 0; streaming || i < 10; i += 1) {
        const username = `fan${i}`;
        const { body } = await postGraphQL(graphql, {
          query: signUpMutation,
          variables: { u: username },
        });
        const payload = body.data?.['signUp'] as
          { token: string; user: { id: string } } | undefined;
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        if (payload === undefined) continue;
        signedUp.set(username, payload.user.id);
        const movieId = movieIds[i % movieIds.length] ?? '';
        const rating = 1 + (i % 9) / 2;
        const vote = await postGraphQL(
          graphql,
          {
            query:
              'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating } }',
            variables: { m: movieId, r: rating },
          },
          { authorization: `Bearer ${payload.token}` },
        );
        expect(vote.body.errors, JSON.stringify(vote.body.errors)).toBeUndefined();
        rated.set(username, { movieId, rating });
      }
    })();

    const ingest = runMarquee(['ingest', 'movielens', secondSource, '--json'], deployment.env);
    const token = runMarquee(['token', '--user', 'promoted', '--role', 'admin'], deployment.env);
    const [ingestOutput, tokenOutput] = await Promise.all([ingest, token]);
    streaming = false;
    await stream;

    ingested = JSON.parse(ingestOutput.slice(ingestOutput.indexOf('{'))) as typeof ingested;
    const adminToken = tokenOutput.trim().split('\n').pop() ?? '';
    expect(tokenOutput).toContain("Changed promoted's role to ADMIN.");
    expect(signedUp.size).toBeGreaterThanOrEqual(10);

    // Seen by the server at once: the role, an admin-only field with the new token, the films.
    const other = signedUp.get('fan0') ?? '';
    const admin = await postGraphQL(
      graphql,
      {
        query:
          '{ promoted: userByUsername(username: "promoted") { role } other: user(id: "' +
          other +
          '") { preferences { favouriteGenres } } }',
      },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(admin.body).toEqual({
      data: { promoted: { role: 'ADMIN' }, other: { preferences: { favouriteGenres: [] } } },
    });
    const insertedMovies = ingested.files.find((file) => file.file === 'movies.csv')?.inserted ?? 0;
    expect(insertedMovies).toBeGreaterThan(0);
    expect(await movieCount()).toBe(moviesBefore + insertedMovies);
  }, 240_000);

  it('trains through the running server too', async () => {
    expect(await runMarquee(['train'], deployment.env)).toMatch(/snapshot version \d+/);
  }, 120_000);

  it('refuses a second server on the same data directory with one line and a non-zero exit', async () => {
    const second = spawnMarquee(['start'], deployment.env);
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    const lines = second.output().trim().split('\n');
    expect(lines).toEqual([
      `error: Another Marquee server (pid ${server.child.pid}) is using the data directory ${deployment.env['MARQUEE_DATA_DIR']}; stop it first, or set MARQUEE_DATA_DIR to another folder.`,
    ]);
  }, 60_000);

  it('keeps every acknowledged write after a restart', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startEmbedded(deployment, stack);
    await expectEverythingKept();
  }, 180_000);

  it('takes over the lock a killed server left behind, and keeps every acknowledged write', async () => {
    await server.stop('SIGKILL');
    const lock = JSON.parse(
      await readFile(join(deployment.env['MARQUEE_DATA_DIR'] ?? '', 'marquee.lock'), 'utf8'),
    ) as { pid: number };
    expect(lock.pid).toBe(server.child.pid);
    server = await startEmbedded(deployment, stack);
    await expectEverythingKept();
  }, 180_000);

  async function expectEverythingKept(): Promise<void> {
    for (const [username, id] of signedUp) {
      const { body } = await postGraphQL(graphql, {
        query: logInMutation,
        variables: { u: username },
      });
      const session = body.data?.['logIn'] as { token: string; user: { id: string } };
      expect(session.user.id).toBe(id);
      const expected = rated.get(username);
      if (expected === undefined) continue;
      const me = await postGraphQL(
        graphql,
        { query: '{ me { ratings { rating movie { id } } } }' },
        { authorization: `Bearer ${session.token}` },
      );
      expect(me.body.data).toEqual({
        me: { ratings: [{ rating: expected.rating, movie: { id: expected.movieId } }] },
      });
    }
    const promoted = await postGraphQL(graphql, {
      query: '{ userByUsername(username: "promoted") { role } }',
    });
    expect(promoted.body.data).toEqual({ userByUsername: { role: 'ADMIN' } });
    const insertedMovies = ingested.files.find((file) => file.file === 'movies.csv')?.inserted ?? 0;
    expect(await movieCount()).toBe(moviesBefore + insertedMovies);
  }
});
