import { once } from 'node:events';
import { Agent, request, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '@marquee/errors';
import { checkPortFree, listen, type Listening } from '../src/listen.ts';

const opened: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

/** A server whose `/slow` answers after `ms`; everything else at once. */
async function serve(slowMs = 300): Promise<Listening> {
  const listening = await listen(
    (req, res) => {
      const delay = req.url === '/slow' ? slowMs : 0;
      setTimeout(() => res.end('done'), delay);
    },
    0,
    '127.0.0.1',
  );
  opened.push(() => listening.close());
  return listening;
}

function get(
  port: number,
  path: string,
  agent: Agent,
): Promise<{ status: number | undefined; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, body, connection: res.headers.connection }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  opened.push(() => new Promise((resolve) => server.close(resolve)));
  return { port: (server.address() as { port: number }).port, server };
}

describe('listen', () => {
  it('names the port and the setting when the port is taken', async () => {
    const { port } = await occupiedPort();
    const failure = listen(() => undefined, port, '127.0.0.1', { setting: 'ROUTER_PORT' });
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(
      `port ${port} is in use (ROUTER_PORT): stop the other process or set ROUTER_PORT`,
    );
    await expect(checkPortFree(port, '127.0.0.1', 'MOVIES_URL')).rejects.toThrow(
      `port ${port} is in use (MOVIES_URL)`,
    );
  });

  it('checks a free port without keeping it', async () => {
    const { port, server } = await occupiedPort();
    await new Promise((resolve) => server.close(resolve));
    await checkPortFree(port, '127.0.0.1', 'ROUTER_PORT');
    const listening = await listen(() => undefined, port, '127.0.0.1');
    opened.push(() => listening.close());
    expect(listening.port).toBe(port);
  });
});

describe('drain', () => {
  it('answers the requests in flight with Connection: close, refuses new connections, and ends once they are done', async () => {
    const listening = await serve(300);
    const agent = new Agent({ keepAlive: true });
    opened.push(() => Promise.resolve(agent.destroy()));
    const inFlight = get(listening.port, '/slow', agent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const drained = listening.drain(10_000);
    expect(listening.draining).toBe(true);

    await expect(get(listening.port, '/', new Agent())).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'done', connection: 'close' });
    await expect(drained).resolves.toEqual({ cutRequests: 0 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps an idle keep-alive connection usable for a moment, then closes it', async () => {
    const listening = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    opened.push(() => Promise.resolve(agent.destroy()));
    await get(listening.port, '/', agent);
    const started = Date.now();
    const drained = listening.drain(10_000);
    // A client that sends on its pooled connection just as the drain begins is answered, not reset.
    await expect(get(listening.port, '/', agent)).resolves.toEqual({
      status: 200,
      body: 'done',
      connection: 'close',
    });
    await expect(drained).resolves.toEqual({ cutRequests: 0 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('cuts the requests still running when the grace period ends, and counts them', async () => {
    const listening = await serve(5_000);
    const inFlight = get(listening.port, '/slow', new Agent());
    inFlight.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await expect(listening.drain(200)).resolves.toEqual({ cutRequests: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
