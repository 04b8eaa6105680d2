import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DisposalStack, embeddedDeployment, findFreePorts } from '@marquee/testing';
import { expectOneLineError, runToEnd } from './cliHarness.ts';

// A process that cannot start exits non-zero within seconds, says in one line which setting is
// at fault, and shows no stack trace. The deadline leaves room for a busy test machine; on an
// idle one these take about a second (docs/guarantees.md).
const DEADLINE_MS = 15_000;
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

async function occupy(port: number): Promise<void> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  stack.defer(() => new Promise((resolve) => server.close(resolve)));
}

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const [port] = await findFreePorts(1);
  return port ?? 1;
}

describe('startup failures', () => {
  it('marquee start with the router port taken names ROUTER_PORT', async () => {
    const deployment = await embeddedDeployment(stack);
    await occupy(Number(deployment.env['ROUTER_PORT']));
    const finished = await runToEnd(['start'], deployment.env);
    expect(expectOneLineError(finished)).toBe(
      `error: port ${deployment.env['ROUTER_PORT']} is in use (ROUTER_PORT): stop the other process or set ROUTER_PORT`,
    );
    expect(finished.ms).toBeLessThan(DEADLINE_MS);
  });

  it('marquee start with a subgraph port taken names its URL variable', async () => {
    const deployment = await embeddedDeployment(stack);
    const port = new URL(deployment.subgraphUrls.reviews).port;
    await occupy(Number(port));
    const finished = await runToEnd(['start'], deployment.env);
    expect(expectOneLineError(finished)).toBe(
      `error: port ${port} is in use (REVIEWS_URL): stop the other process or set REVIEWS_URL`,
    );
    expect(finished.ms).toBeLessThan(DEADLINE_MS);
  });

  it('DATABASE_URL at a closed port names the variable and hides the password', async () => {
    const deployment = await embeddedDeployment(stack);
    const port = await closedPort();
    const finished = await runToEnd(['serve', 'movies'], {
      ...deployment.env,
      DATABASE_URL: `postgres://marquee:hunter2@127.0.0.1:${port}/marquee`,
    });
    const line = expectOneLineError(finished);
    expect(line).toContain(
      `cannot reach PostgreSQL at DATABASE_URL=postgres://marquee@127.0.0.1:${port}/marquee (password hidden): connection refused`,
    );
    expect(finished.output).not.toContain('hunter2');
    expect(finished.ms).toBeLessThan(DEADLINE_MS);
  });

  it('REDIS_URL at a closed port names the variable', async () => {
    const deployment = await embeddedDeployment(stack);
    const port = await closedPort();
    const finished = await runToEnd(['serve', 'router'], {
      ...deployment.env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(expectOneLineError(finished)).toContain(
      `cannot reach Redis at REDIS_URL=redis://127.0.0.1:${port}: connection refused`,
    );
    expect(finished.ms).toBeLessThan(DEADLINE_MS);
  });

  it('MONGO_URL at a closed port names the variable', async () => {
    const deployment = await embeddedDeployment(stack);
    const port = await closedPort();
    const finished = await runToEnd(['serve', 'movies'], {
      ...deployment.env,
      MONGO_URL: `mongodb://127.0.0.1:${port}/marquee`,
    });
    expect(expectOneLineError(finished)).toContain(
      `cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:${port}/marquee: connection refused`,
    );
    expect(finished.ms).toBeLessThan(DEADLINE_MS);
  });

  it('an invalid variable is one line that names it', async () => {
    const finished = await runToEnd(['serve', 'router'], { ROUTER_PORT: 'four thousand' });
    expect(expectOneLineError(finished)).toMatch(
      /^error: Invalid environment: ROUTER_PORT: .*\(fix the variable or unset it; see \.env\.example\)$/,
    );
  });
});
