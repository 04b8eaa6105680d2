import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, listen, type Listening } from '@marquee/server-kit';
import { serverAudits, type AuditResult } from 'graphql-http';
import { createRouter, readSupergraph, subgraphNames, type Router } from '../src/server.ts';

let router: Router;
let http: Listening;
let endpoint: string;

beforeAll(async () => {
  router = createRouter({
    supergraphSdl: await readSupergraph(),
    // Nothing listens here: these requests use only `__typename` or stop before execution.
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: 'i'.repeat(32),
    logger: createLogger({ name: 'test', level: 'silent' }),
    production: false,
  });
  await router.server.start();
  http = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger: createLogger({ name: 'test', level: 'silent' }),
    }),
    0,
    '127.0.0.1',
  );
  endpoint = `${http.url}/graphql`;
});
afterAll(async () => {
  await http.close();
  await router.server.stop();
  router.close();
});

async function audit(fetchFn?: typeof fetch): Promise<AuditResult[]> {
  const results = [];
  for (const { fn } of serverAudits({ url: endpoint, ...(fetchFn ? { fetchFn } : {}) }))
    results.push(await fn());
  return results;
}

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function post(query: string, accept?: string) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': JSON_TYPE, ...(accept === undefined ? {} : { accept }) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

describe('GraphQL over HTTP at the router', () => {
  it('passes every MUST and SHOULD audit of graphql-http; only GETs without a preflight header are refused', async () => {
    const results = await audit();
    const notOk = results.filter((result) => result.status !== 'ok');
    // The three MAY audits send simple GETs, which CSRF prevention refuses (docs/http.md).
    expect(notOk.map(({ id, status }) => `${status} ${id}`).sort()).toEqual([
      'notice 5A70',
      'notice 6A70',
      'notice D6D5',
    ]);
  });

  it('passes every audit, GETs included, when requests carry a preflight-forcing header', async () => {
    const withPreflightHeader: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), 'apollo-require-preflight': '1' },
      });
    const results = await audit(withPreflightHeader);
    expect(results.filter((result) => result.status !== 'ok')).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers a document that fails to parse with 200 for application/json and 400 for application/graphql-response+json', async () => {
    for (const accept of [undefined, JSON_TYPE]) {
      const answer = await post('{ movies(first: 5) { edges ', accept);
      expect(answer.status).toBe(200);
      expect(answer.type).toBe('application/json; charset=utf-8');
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(answer.body).not.toHaveProperty('data');
    }
    const strict = await post('{ movies(first: 5) { edges ', GRAPHQL_RESPONSE);
    expect(strict.status).toBe(400);
    expect(strict.type).toBe('application/graphql-response+json; charset=utf-8');
    expect(strict.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers validation and limit failures the same way per media type', async () => {
    for (const [query, code] of [
      ['{ movies { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
      [
        `{ ${'movie(id: "1") { similar { '.repeat(13)}title${' } }'.repeat(13)} }`,
        'QUERY_TOO_COMPLEX',
      ],
    ] as const) {
      const lenient = await post(query, JSON_TYPE);
      expect([lenient.status, lenient.body.errors?.[0]?.extensions?.code]).toEqual([200, code]);
      const strict = await post(query, GRAPHQL_RESPONSE);
      expect([strict.status, strict.body.errors?.[0]?.extensions?.code]).toEqual([400, code]);
    }
  });

  it('prefers application/graphql-response+json when the client ranks it first, and 406 for neither', async () => {
    const answer = await post('{ __typename }', `${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`);
    expect(answer).toEqual({
      status: 200,
      type: 'application/graphql-response+json; charset=utf-8',
      body: { data: { __typename: 'Query' } },
    });
    const refused = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, accept: 'text/csv' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(406);
  });

  it('runs queries by GET with a preflight-forcing header and refuses mutations by GET with 405 and Allow: POST', async () => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${endpoint}?query=${encodeURIComponent(query)}`, { headers });
    const query = await get('{ __typename }', { 'apollo-require-preflight': '1' });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
    const mutation = await get('mutation { rateMovie(movieId: "1", rating: 4) { rating } }', {
      'apollo-require-preflight': '1',
    });
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    // CSRF prevention: a simple GET (what a form or <img> on another site can send) is refused.
    const simple = await get('{ __typename }');
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain('CSRF');
  });
});
