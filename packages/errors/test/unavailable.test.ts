import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, maskError, unavailableDependency } from '../src/index.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('unavailableDependency', () => {
  it('names the store behind the shapes drivers report an outage in, through causes and GraphQL wrappers', () => {
    expect(unavailableDependency(new DependencyUnavailableError('redis', 'down'))).toBe('redis');
    expect(
      unavailableDependency(
        Object.assign(new Error('Server selection timed out after 500 ms'), {
          name: 'MongoServerSelectionError',
        }),
      ),
    ).toBe('documents');
    expect(unavailableDependency(new Error('Command timed out'))).toBe('redis');
    expect(
      unavailableDependency(
        new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      ),
    ).toBe('redis');
    expect(
      unavailableDependency(
        withCode('terminating connection due to administrator command', '57P01'),
      ),
    ).toBe('postgresql');
    for (const message of [
      'Connection terminated unexpectedly',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ])
      expect(unavailableDependency(new Error(message))).toBe('postgresql');
    // What Prisma throws through its PostgreSQL adapter while the server restarts.
    const adapterError = Object.assign(new Error('the database system is starting up'), {
      name: 'DriverAdapterError',
      cause: { kind: 'postgres', code: '57P03', message: 'the database system is starting up' },
    });
    const prismaError = Object.assign(new Error('Invalid `prisma.movie.findMany()` invocation'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: adapterError },
    });
    expect(unavailableDependency(new GraphQLError('x', { originalError: prismaError }))).toBe(
      'postgresql',
    );
    expect(
      unavailableDependency(
        Object.assign(new Error('x'), {
          meta: { driverAdapterError: { kind: 'ConnectionClosed' } },
        }),
      ),
    ).toBe('postgresql');
    expect(unavailableDependency(withCode("Can't reach database server", 'P1001'))).toBe(
      'postgresql',
    );
    const wrapped = new Error('Document store get failed', {
      cause: withCode('connect ECONNREFUSED 127.0.0.1:27017', 'ECONNREFUSED'),
    });
    expect(unavailableDependency(new GraphQLError('x', { originalError: wrapped }))).toBe(
      'a backing service',
    );
  });

  it('leaves bugs and bad requests alone', () => {
    expect(
      unavailableDependency(new TypeError('cannot read properties of undefined')),
    ).toBeUndefined();
    expect(
      unavailableDependency(withCode('duplicate key value violates unique constraint', '23505')),
    ).toBeUndefined();
    expect(unavailableDependency(new Error('Connection terminated by the caller'))).toBeUndefined();
    expect(unavailableDependency(undefined)).toBeUndefined();
  });
});

describe('maskError', () => {
  it('answers an unreachable store as UPSTREAM_UNAVAILABLE naming it, reported apart from bugs', () => {
    const bugs: unknown[] = [];
    const outages: string[] = [];
    const mask = maskError(
      (_formatted, original) => bugs.push(original),
      (_formatted, _original, dependency) => outages.push(dependency),
    );
    const original = withCode('connection terminated unexpectedly', '08006');
    expect(
      mask({ message: 'connection terminated unexpectedly', path: ['movie', 'title'] }, original),
    ).toEqual({
      message: 'A service this request needs (postgresql) is unavailable; retry shortly.',
      path: ['movie', 'title'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: 'postgresql', retryAfterSeconds: 1 },
    });
    expect(outages).toEqual(['postgresql']);
    expect(mask({ message: 'boom' }, new Error('boom'))).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(bugs).toHaveLength(1);
  });
});
