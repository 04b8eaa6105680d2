import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  createServer as createNetServer,
  Server as NetServer,
  type AddressInfo,
  type Socket,
} from 'node:net';
import { UserError } from '@marquee/errors/user';

export interface ListenOptions {
  /** The setting that chose the port (`ROUTER_PORT`, `MOVIES_URL`), named when the port is taken. */
  setting?: string;
}

export interface DrainResult {
  /** Requests still running when the grace period ran out, whose connections were cut. */
  cutRequests: number;
}

export interface Listening {
  server: Server;
  url: string;
  port: number;
  /** True from the moment `drain` or `close` is called: the server is going away and should get no new work. */
  readonly draining: boolean;
  /**
   * Drains, then resolves once every connection is closed: stops accepting connections, lets the
   * requests in flight finish (their responses carry `Connection: close`), closes keep-alive
   * connections once they stay idle, and after `graceMs` cuts whatever is left. Upgraded
   * (WebSocket) connections are left to their own server to close until the grace runs out.
   */
  drain(graceMs: number): Promise<DrainResult>;
  /** Closes at once, cutting requests in flight (tests). */
  close(): Promise<void>;
}

/**
 * How long a keep-alive connection must stay idle during a drain before it is closed. Closing
 * an idle connection races a client that is just sending on it (it sees a reset for a request
 * the server never read), so a connection is closed only after a pause that a client looping
 * over requests never makes; one that does send gets its answer with `Connection: close`.
 */
const DRAIN_IDLE_MS = 1_000;

interface Connection {
  active: number;
  upgraded: boolean;
  idleTimer?: NodeJS.Timeout;
}

/** Listens, resolving once bound; port 0 picks a free port (tests). A taken port is a `UserError` naming `setting`. */
export async function listen(
  handler: RequestListener,
  port: number,
  host: string,
  options: ListenOptions = {},
): Promise<Listening> {
  const server = createServer(handler);
  // Upstream keep-alive connections from the router outlive a request; keep them longer than
  // the router's idle timeout so the server is never the one to close a socket mid-reuse.
  server.keepAliveTimeout = 65_000;
  const connections = new Map<Socket, Connection>();
  const responses = new Set<ServerResponse>();
  let draining = false;

  const closeWhenIdle = (socket: Socket, connection: Connection) => {
    clearTimeout(connection.idleTimer);
    if (connection.active > 0 || connection.upgraded) return;
    connection.idleTimer = setTimeout(() => socket.destroy(), DRAIN_IDLE_MS);
  };
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, upgraded: false });
    socket.once('close', () => {
      clearTimeout(connections.get(socket)?.idleTimer);
      connections.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const connection = connections.get(request.socket);
    if (connection !== undefined) {
      connection.active += 1;
      clearTimeout(connection.idleTimer);
    }
    responses.add(response);
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      responses.delete(response);
      if (connection === undefined) return;
      connection.active -= 1;
      if (draining) closeWhenIdle(request.socket, connection);
    });
  });
  server.on('upgrade', (request: IncomingMessage) => {
    const connection = connections.get(request.socket);
    if (connection !== undefined) connection.upgraded = true;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port, host, options.setting)));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let drained: Promise<DrainResult> | undefined;
  const drain = (graceMs: number): Promise<DrainResult> => {
    drained ??= new Promise<DrainResult>((resolve, reject) => {
      draining = true;
      for (const response of responses)
        if (!response.headersSent) response.setHeader('connection', 'close');
      for (const [socket, connection] of connections) closeWhenIdle(socket, connection);
      let cutRequests = 0;
      const cut = setTimeout(() => {
        for (const [socket, connection] of connections) {
          cutRequests += connection.active;
          socket.destroy();
        }
      }, graceMs);
      // `http.Server#close` would also close every idle keep-alive connection at once, racing
      // clients that are sending on them; the plain net close only stops accepting, and the
      // idle connections go as described above.
      NetServer.prototype.close.call(server, (error?: Error) => {
        clearTimeout(cut);
        if (error === undefined) resolve({ cutRequests });
        else reject(error);
      });
    });
    return drained;
  };
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}`,
    get draining() {
      return draining;
    },
    drain,
    close: async () => {
      await drain(0);
    },
  };
}

/**
 * Fails, as `listen` would, when `port` cannot be bound, without keeping it: a process that
 * listens on several ports checks them all before it opens its stores, so a taken port stops it
 * in a moment rather than after the stores are open and some services listen.
 */
export async function checkPortFree(port: number, host: string, setting?: string): Promise<void> {
  if (port === 0) return;
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, port, host, setting)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A failed bind as the one line that names the port, the setting that chose it, and the fix. */
function listenError(error: Error, port: number, host: string, setting: string | undefined): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const named = setting === undefined ? '' : ` (${setting})`;
  const fix = setting === undefined ? '' : ` or set ${setting}`;
  if (code === 'EADDRINUSE')
    return new UserError(`port ${port} is in use${named}: stop the other process${fix}`, {
      cause: error,
    });
  if (code === 'EACCES')
    return new UserError(
      `port ${port}${named} needs privileges this process lacks: choose a port above 1023${fix}`,
      { cause: error },
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UserError(
      `cannot listen on ${host} (MARQUEE_HOST): no such address on this machine; set MARQUEE_HOST to one of its addresses`,
      { cause: error },
    );
  }
  return error;
}
