/**
 * Which backing service an error says is unreachable, if any. One place decides what counts as
 * "the dependency is down or too slow" (answered as UPSTREAM_UNAVAILABLE, logged at warn) rather
 * than a bug (INTERNAL_SERVER_ERROR, logged at error): drivers report the same condition in many
 * shapes, and Prisma and the document store wrap them.
 */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
  /** `postgresql`, `redis`, `documents`, or a subgraph's name. */
  readonly dependency: string;
  constructor(dependency: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.dependency = dependency;
  }
}

// Connection-level failures of any TCP client (Node's errno codes).
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// PostgreSQL SQLSTATEs for a server that is going away or not there yet: class 08 (connection
// exception), 57P01-57P03 (admin/crash shutdown, cannot connect now).
const postgresCodes = /^(08...|57P0[123])$/;
// Prisma's own codes for an unreachable database, a dropped connection and an exhausted pool.
const prismaCodes = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
// ioredis: commandTimeout, maxRetriesPerRequest, offline queue disabled, connection closed.
const redisMessages =
  /^(Command timed out|Reached the max retries per request limit|Stream isn't writeable and enableOfflineQueue options is false|Connection is closed)/;
// node-postgres reports a socket the server closed, a pool that could not connect in time and a
// client broken by either without a SQLSTATE; Prisma's adapter passes them on as they are.
const postgresMessages =
  /^(Connection terminated( unexpectedly| due to connection timeout)?$|timeout exceeded when trying to connect$|Client has encountered a connection error and is not queryable$)/;
const mongoNames =
  /^Mongo(ServerSelection|Network|NetworkTimeout|TopologyClosed|PoolCleared|OperationTimeout)Error$/;

// Prisma's driver adapter names a connection failure by kind instead of a driver code.
const adapterKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

function classify(error: object): string | undefined {
  if (error instanceof DependencyUnavailableError) return error.dependency;
  const { code, name, message, kind } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    kind?: unknown;
  };
  if (typeof kind === 'string' && adapterKinds.has(kind)) return 'postgresql';
  if (typeof name === 'string' && mongoNames.test(name)) return 'documents';
  if (typeof name === 'string' && name === 'MaxRetriesPerRequestError') return 'redis';
  if (typeof message === 'string' && redisMessages.test(message)) return 'redis';
  if (typeof message === 'string' && postgresMessages.test(message)) return 'postgresql';
  if (typeof code === 'string') {
    if (prismaCodes.has(code) || postgresCodes.test(code)) return 'postgresql';
    if (networkCodes.has(code)) return 'a backing service';
  }
  return undefined;
}

/** The unreachable dependency behind `error` (following `cause`, GraphQL's `originalError` and Prisma's adapter error), or undefined. */
export function unavailableDependency(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const found = classify(current);
    if (found !== undefined) return found;
    // Prisma keeps its driver adapter's error (whose cause has the SQLSTATE) in `meta`.
    const next = current as {
      cause?: unknown;
      originalError?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    current = next.originalError ?? next.cause ?? next.meta?.driverAdapterError;
  }
  return undefined;
}
