import { once } from 'node:events';
import { afterAll, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  postGraphQL,
  spawnMarquee,
  subscribe,
  waitForHealthy,
  type TestDeployment,
} from '@marquee/testing';

// SIGTERM while clients are busy: queries, sign-ups and ratings through the router of one
// `marquee start`, on keep-alive connections (Node's fetch pools them). The process must drain:
// every request it accepted is answered, none is reset, and afterwards every write a client saw
// succeed is stored while every one it saw fail is not.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

type Outcome = 'ok' | 'graphql-error' | 'refused' | 'reset';

interface Call {
  kind: 'query' | 'signUp' | 'rateMovie';
  outcome: Outcome;
  startedAt: number;
  endedAt: number;
  detail?: string;
}

interface Write {
  username: string;
  signedUp: Outcome;
  movieId?: string | undefined;
  rated?: Outcome;
}

const CLIENTS = 8;

/** `marquee start`, given time to come up on a machine busy with other test files. */
async function start(deployment: TestDeployment) {
  const marquee = spawnMarquee(['start'], deployment.env);
  stack.defer(() => marquee.stop());
  await waitForHealthy(`${deployment.routerUrl}/health`, [marquee], {
    timeoutMs: 180_000,
    accept: (body) => (body as { status?: string }).status === 'ok',
  });
  return marquee;
}
const PASSWORD = 'a-long-password';

/** One request, classified by what its client saw. A refused connection never reached the server. */
async function call(
  url: string,
  kind: Call['kind'],
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
) {
  const startedAt = Date.now();
  try {
    const { body: result } = await postGraphQL(url, body, headers);
    const outcome: Outcome = result.errors === undefined ? 'ok' : 'graphql-error';
    return {
      call: {
        kind,
        outcome,
        startedAt,
        endedAt: Date.now(),
        detail: JSON.stringify(result.errors),
      } satisfies Call,
      data: result.data,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const outcome: Outcome = cause?.code === 'ECONNREFUSED' ? 'refused' : 'reset';
    return {
      call: {
        kind,
        outcome,
        startedAt,
        endedAt: Date.now(),
        detail: `${cause?.code ?? ''} ${cause?.message ?? String(error)}`,
      } satisfies Call,
      data: undefined,
    };
  }
}

async function client(
  deployment: TestDeployment,
  index: number,
  movieIds: string[],
  calls: Call[],
  writes: Write[],
): Promise<void> {
  const url = `${deployment.routerUrl}/graphql`;
  for (let n = 0; ; n += 1) {
    const query = await call(url, 'query', {
      query:
        '{ movies(first: 10) { edges { node { id title cast(first: 2) { person { name } } ratingSummary { average } } } } }',
    });
    calls.push(query.call);
    if (query.call.outcome === 'refused') return;

    const write: Write = { username: `drain_${index}_${n}`, signedUp: 'reset' };
    writes.push(write);
    const signUp = await call(url, 'signUp', {
      query: 'mutation ($u: String!, $p: String!) { signUp(username: $u, password: $p) { token } }',
      variables: { u: write.username, p: PASSWORD },
    });
    calls.push(signUp.call);
    write.signedUp = signUp.call.outcome;
    if (signUp.call.outcome === 'refused') return;
    const token = (signUp.data?.['signUp'] as { token?: string } | undefined)?.token;
    if (token === undefined) continue;

    write.movieId = movieIds[(index + n) % movieIds.length];
    const rated = await call(
      url,
      'rateMovie',
      {
        query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4) { rating } }',
        variables: { m: write.movieId },
      },
      { authorization: `Bearer ${token}` },
    );
    calls.push(rated.call);
    write.rated = rated.call.outcome;
    if (rated.call.outcome === 'refused') return;
  }
}

it('drains on SIGTERM under load: nothing reset, every acknowledged write kept and every failed one absent', async () => {
  const deployment = await embeddedDeployment(stack, {
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    SHUTDOWN_GRACE_SECONDS: '20',
  });
  const marquee = await start(deployment);
  const url = `${deployment.routerUrl}/graphql`;
  const page = await postGraphQL(url, { query: '{ movies(first: 20) { edges { node { id } } } }' });
  const movieIds = (page.body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges.map(
    ({ node }) => node.id,
  );

  const watcher = await postGraphQL(url, {
    query: 'mutation { signUp(username: "watcher", password: "a-long-password") { token } }',
  });
  const subscription = subscribe(url, {
    token: (watcher.body.data?.['signUp'] as { token: string }).token,
    query: 'subscription { recommendationsUpdated { at } }',
  });
  stack.defer(() => subscription.stop());

  const calls: Call[] = [];
  const writes: Write[] = [];
  const clients = Array.from({ length: CLIENTS }, (_, index) =>
    client(deployment, index, movieIds, calls, writes),
  );
  // Let the load settle in, so requests of every kind are in flight when the signal lands.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const exited = once(marquee.child, 'exit');
  const signalledAt = Date.now();
  marquee.child.kill('SIGTERM');
  await Promise.all(clients);
  const [code] = (await exited) as [number | null];
  const exitMs = Date.now() - signalledAt;

  expect(code, marquee.output()).toBe(0);
  // Subscribers are told the server is going away (1001), so they reconnect elsewhere.
  await expect(subscription.ended).resolves.toMatchObject({ close: { code: 1001 } });
  expect(exitMs).toBeLessThan(20_000);
  const reset = calls.filter((c) => c.outcome === 'reset');
  expect(reset, JSON.stringify(reset.slice(0, 5))).toEqual([]);
  const failed = calls.filter((c) => c.outcome === 'graphql-error');
  expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
  // The drain is what is tested: requests already running when the signal came were answered.
  const inFlight = calls.filter((c) => c.startedAt < signalledAt && c.endedAt >= signalledAt);
  expect(inFlight.length).toBeGreaterThan(0);
  expect(inFlight.every((c) => c.outcome === 'ok')).toBe(true);
  expect(calls.filter((c) => c.kind === 'signUp' && c.outcome === 'ok').length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.kind === 'rateMovie' && c.outcome === 'ok').length).toBeGreaterThan(
    0,
  );

  await start(deployment);
  for (const write of writes) {
    const logIn = await postGraphQL(url, {
      query:
        'mutation ($u: String!, $p: String!) { logIn(username: $u, password: $p) { token user { ratings { rating movie { id } } } } }',
      variables: { u: write.username, p: PASSWORD },
    });
    const payload = logIn.body.data?.['logIn'] as
      { user: { ratings: { rating: number; movie: { id: string } }[] } } | undefined;
    expect(payload !== undefined, `${write.username}: sign-up seen as ${write.signedUp}`).toBe(
      write.signedUp === 'ok',
    );
    if (payload === undefined || write.rated === undefined) continue;
    const stored = payload.user.ratings.some(
      (rating) => rating.movie.id === write.movieId && rating.rating === 4,
    );
    expect(stored, `${write.username}: rating seen as ${write.rated}`).toBe(write.rated === 'ok');
  }
}, 600_000);
