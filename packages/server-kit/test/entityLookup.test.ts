import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_SIGNATURE_HEADER, verifyRouterRequest } from '@marquee/auth';
import { createFederatedEntityExistence, fetchEntities } from '../src/index.ts';

// A stand-in for the owning subgraph's `_entities`: it holds films `a` and `b`, answers `gone`
// null with NOT_FOUND and `broken` null with the error of a store it cannot read, answers only
// operations signed like the router's, and records each request.
const secret = 'l'.repeat(32);
const held = new Set(['a', 'b']);
const requests: string[][] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body) as {
        query: string;
        variables: { r: { __typename: string; id: string }[] };
      };
      requests.push(variables.r.map((representation) => representation.id));
      if (!verifyRouterRequest(request.headers[ROUTER_SIGNATURE_HEADER], query, secret)) {
        response.writeHead(401).end();
        return;
      }
      const entities = variables.r.map(({ __typename, id }) =>
        held.has(id) ? { __typename } : null,
      );
      const errors = variables.r.flatMap(({ id }, index) =>
        id === 'gone' || id === 'broken'
          ? [
              {
                message: id === 'gone' ? 'No such film.' : 'The database is unavailable.',
                path: ['_entities', index],
                extensions: { code: id === 'gone' ? 'NOT_FOUND' : 'UPSTREAM_UNAVAILABLE' },
              },
            ]
          : [],
      );
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: { _entities: entities },
          ...(errors.length > 0 ? { errors } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('federated entity lookups', () => {
  it('returns the entities the owner holds, in order, null for the others', async () => {
    const found = await fetchEntities({ url, secret, typename: 'Movie', selection: '__typename' }, [
      'a',
      'x',
      'b',
    ]);
    expect(found).toEqual([{ __typename: 'Movie' }, null, { __typename: 'Movie' }]);
  });

  it('answers NOT_FOUND for an id the owner does not hold and remembers the ones it does', async () => {
    const films = createFederatedEntityExistence({ url, secret, typename: 'Movie', noun: 'film' });
    requests.length = 0;
    await expect(films.require('a')).resolves.toBeUndefined();
    await expect(films.require('a')).resolves.toBeUndefined();
    await expect(films.require('x')).rejects.toMatchObject({
      message: 'There is no film with the id "x".',
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(films.require('x')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    // `a` was asked once; a missing id is asked every time (ingestion may add it).
    expect(requests).toEqual([['a'], ['x'], ['x']]);
  });

  it('asks once for lookups made together, sharing one request among callers of the same id', async () => {
    const films = createFederatedEntityExistence({ url, secret, typename: 'Movie', noun: 'film' });
    requests.length = 0;
    const results = await Promise.allSettled(['a', 'b', 'a', 'x'].map((id) => films.require(id)));
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect(requests).toEqual([['a', 'b', 'x']]);
  });

  it('is refused by an owner that does not recognise the signature', async () => {
    const films = createFederatedEntityExistence({
      url,
      secret: 'w'.repeat(32),
      typename: 'Movie',
      noun: 'film',
    });
    await expect(films.require('b')).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
  });

  it('tells an entity the owner reports missing from one it could not read', async () => {
    const films = createFederatedEntityExistence({ url, secret, typename: 'Movie', noun: 'film' });
    await expect(films.require('gone')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    // An owner whose database is down nulls the entity with an error: "cannot tell", not "missing".
    await expect(films.require('broken')).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    await expect(
      fetchEntities({ url, secret, typename: 'User', selection: 'role' }, ['broken']),
    ).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it('answers UPSTREAM_UNAVAILABLE when the owner cannot be reached', async () => {
    const films = createFederatedEntityExistence({
      url: 'http://127.0.0.1:9/graphql',
      secret,
      typename: 'Movie',
      noun: 'film',
      timeoutMs: 500,
    });
    await expect(films.require('a')).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
  });
});
