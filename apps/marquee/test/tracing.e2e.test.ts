import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startOtlpReceiver,
  startServices,
  type MarqueeProcess,
  type ReceivedSpan,
} from '@marquee/testing';

// The operations acceptance in services mode (each service its own process): a query and a
// rating through the router each make one trace, with spans from the router, the subgraphs and
// the database, collected by an OTLP/HTTP receiver inside the test; the request id the client
// chose is in the log lines of every service involved.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

let routerUrl: string;
let spans: ReceivedSpan[];
let processes: Record<string, MarqueeProcess>;

beforeAll(async () => {
  const receiver = await startOtlpReceiver(stack);
  spans = receiver.spans;
  const deployment = await servicesDeployment(stack, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // The access log lines are at info.
    LOG_LEVEL: 'info',
  });
  await runMarquee(['seed'], deployment.env);
  const started = await startServices(deployment, stack);
  // startServices starts the five subgraphs in subgraphServices order, then the router.
  processes = Object.fromEntries(
    ['movies', 'people', 'users', 'reviews', 'recommendations', 'router'].map((name, index) => [
      name,
      started[index] as MarqueeProcess,
    ]),
  );
  routerUrl = deployment.routerUrl;
}, 150_000);

/** The spans of the trace whose router request span carries `requestId`, once `expected` holds. */
async function traceOf(
  requestId: string,
  expected: (trace: ReceivedSpan[]) => boolean,
): Promise<ReceivedSpan[]> {
  let trace: ReceivedSpan[] = [];
  await expect
    .poll(
      () => {
        const root = spans.find(
          (span) =>
            span.service === 'marquee-router' &&
            span.attributes['marquee.request_id'] === requestId,
        );
        trace = root === undefined ? [] : spans.filter((span) => span.traceId === root.traceId);
        return expected(trace);
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(true);
  return trace;
}

const servicesIn = (trace: ReceivedSpan[]) => new Set(trace.map((span) => span.service));
const databaseSpansIn = (trace: ReceivedSpan[], service: string) =>
  trace.filter(
    (span) => span.service === service && span.scope === '@opentelemetry/instrumentation-pg',
  );

/** Log lines of a service's process that carry `requestId`. */
const linesWith = (service: string, requestId: string) =>
  (processes[service]?.output() ?? '')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['requestId'] === requestId);

describe('one trace and one request id across the services', () => {
  it('follows a query from the router into three subgraphs and their databases', async () => {
    const requestId = 'trace-query-1';
    const { body } = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query:
          'query CatalogueWithCredits { movies(first: 3) { edges { node { title directors { name } ratingSummary { count } } } } }',
      },
      { 'x-request-id': requestId },
    );
    expect(body.errors).toBeUndefined();
    const trace = await traceOf(requestId, (spans) =>
      ['marquee-movies', 'marquee-people', 'marquee-reviews'].every(
        (service) => databaseSpansIn(spans, service).length > 0,
      ),
    );
    expect([...servicesIn(trace)].sort()).toEqual([
      'marquee-movies',
      'marquee-people',
      'marquee-reviews',
      'marquee-router',
    ]);
    // One trace: every span but the router's request span has its parent in the trace.
    const ids = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter(
      (span) => span.parentSpanId === undefined || !ids.has(span.parentSpanId),
    );
    expect(roots.map((span) => [span.service, span.name])).toEqual([
      ['marquee-router', 'query CatalogueWithCredits'],
    ]);
    expect(trace.filter((span) => span.name.startsWith('fetch ')).length).toBeGreaterThanOrEqual(3);
    // The people subgraph loads the directors of all three films in one DataLoader batch.
    expect(trace).toContainEqual(
      expect.objectContaining({
        service: 'marquee-people',
        name: 'dataloader creditsByMovie',
        attributes: expect.objectContaining({ 'marquee.dataloader.batch_size': 3 }),
      }),
    );
    for (const service of ['router', 'movies', 'people', 'reviews'])
      expect(linesWith(service, requestId), service).toContainEqual(
        expect.objectContaining({ msg: 'operation', status: 'ok' }),
      );
    expect(linesWith('users', requestId)).toEqual([]);
  });

  it('follows a rating from the router into reviews and, through its event, the recommendation recompute', async () => {
    const { body: signedUp } = await postGraphQL(`${routerUrl}/graphql`, {
      query: 'mutation { signUp(username: "tracer", password: "a-long-password") { token } }',
    });
    const { token } = signedUp.data?.['signUp'] as { token: string };
    const { body: catalogue } = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ movies(first: 1) { edges { node { id } } } }',
    });
    const [edge] = (catalogue.data?.['movies'] as { edges: { node: { id: string } }[] }).edges;
    const requestId = 'trace-rating-1';
    const { body } = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query: 'mutation Rate($m: ID!) { rateMovie(movieId: $m, rating: 4.5) { rating } }',
        variables: { m: edge?.node.id },
      },
      { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    );
    expect(body.errors).toBeUndefined();
    const trace = await traceOf(
      requestId,
      (spans) =>
        databaseSpansIn(spans, 'marquee-reviews').length > 0 &&
        databaseSpansIn(spans, 'marquee-recommendations').length > 0,
    );
    const consumer = trace.find(
      (span) =>
        span.service === 'marquee-recommendations' && span.name === 'rating.changed process',
    );
    expect(consumer).toBeDefined();
    expect([...servicesIn(trace)]).toEqual(
      expect.arrayContaining(['marquee-router', 'marquee-reviews', 'marquee-recommendations']),
    );
    for (const service of ['router', 'reviews', 'recommendations'])
      expect(linesWith(service, requestId).length, service).toBeGreaterThan(0);
  });
});
