/**
 * The load generator, in its own process so that it never shares an event loop with a gateway:
 * autocannon POSTs one operation over `connections` keep-alive connections for `seconds`, and
 * counts every response whose body differs from `expectBody` (the checked answer) as a mismatch.
 * Prints autocannon's result as one JSON line.
 *
 *   node bench/router/load.ts '<json LoadSpec>'
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  expectBody: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = await autocannon({
  url: spec.url,
  method: 'POST',
  body: spec.body,
  headers: { 'content-type': 'application/json', ...spec.headers },
  connections: spec.connections,
  duration: spec.seconds,
  expectBody: spec.expectBody,
  // Seconds; a loaded 2-core machine takes several for the slowest gateway's answers.
  timeout: 30,
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.total / spec.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  })}\n`,
);
