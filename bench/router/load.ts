/**
 * The load generator, in its own process so that it never shares an event loop with a gateway:
 * autocannon sends one operation over `connections` keep-alive connections for `seconds` — a
 * POST of `body`, or a GET of `url` when there is no body — and counts as a mismatch every
 * response whose body differs from `expectBody` (the checked answer) or, with `expectStatus`,
 * whose status differs from it (a revalidated GET expects 304 and no body).
 * Prints autocannon's result as one JSON line.
 *
 *   node bench/router/load.ts '<json LoadSpec>'
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  /** The POST body; a GET when absent. */
  body?: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  expectBody: string;
  /** Every response must have this status (autocannon counts anything but 2xx as non-2xx). */
  expectStatus?: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = await autocannon({
  url: spec.url,
  ...(spec.body === undefined
    ? { method: 'GET' as const }
    : {
        method: 'POST' as const,
        body: spec.body,
      }),
  headers: {
    ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...spec.headers,
  },
  connections: spec.connections,
  duration: spec.seconds,
  ...(spec.expectStatus === undefined ? { expectBody: spec.expectBody } : {}),
  // Seconds; a loaded 2-core machine takes several for the slowest gateway's answers.
  timeout: 30,
});
const expected =
  spec.expectStatus === undefined
    ? undefined
    : ((result.statusCodeStats as Record<string, { count: number }>)[String(spec.expectStatus)]
        ?.count ?? 0);
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.total / spec.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: expected === undefined ? result.non2xx : 0,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: expected === undefined ? result.mismatches : result.requests.total - expected,
  })}\n`,
);
