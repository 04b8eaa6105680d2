import { timingSafeEqual } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { SessionGate } from './sessionGate.ts';
import {
  askForPassword,
  BackendScanner,
  CANCEL_REQUEST,
  copiesFromStdin,
  copyInResponse,
  fatalError,
  FrontendReader,
  GSSENC_REQUEST,
  passwordOf,
  PROTOCOL_3,
  queryText,
  simpleQuery,
  SSL_REQUEST,
  syncMessage,
  withoutMessages,
  type FrontendMessage,
} from './wireMessages.ts';

/** Where the owner serves its database: a Unix socket, or a loopback port where there is none. */
export type WireAddress = { path: string } | { host: '127.0.0.1'; port: number };

export interface WireServer {
  readonly address: WireAddress;
  /** Resolves once no client is connected (clients that connect meanwhile are served and waited for too). */
  idle(): Promise<void>;
  /** Stops accepting, ends every connection (rolling back what a client left open) and waits for them. */
  close(): Promise<void>;
}

export interface WireServerOptions {
  /** A Unix socket path, or 0 for a free loopback port. */
  listen: string | 0;
  /** Clients must send it as their password (it is in the owner's lock file, readable by the owner's user only). */
  password: string;
  /** Notifications a client's transaction committed, which the owner's own listeners would not see. */
  onNotification?: (channel: string, payload: string) => void;
}

/**
 * Serves an embedded PGlite over PostgreSQL's wire protocol, so other local processes use it with
 * the ordinary `pg` driver while this process keeps using it directly. Written on PGlite's
 * `execProtocolRawStream` rather than with `@electric-sql/pglite-socket` (0.2.18, the release for
 * PGlite 0.5.15): that server queues each message on PGlite's query mutex only, so a client's
 * statements ran inside the owner's open `transaction()` (and were rolled back with it), and two
 * clients' Parse/Bind messages interleaved when a large message arrived in several reads. Here
 * every client holds the whole session while it is not idle (see SessionGate), and `COPY FROM
 * STDIN` reaches PGlite in one piece.
 */
export async function serveWireProtocol(
  lite: PGlite,
  options: WireServerOptions,
): Promise<WireServer> {
  const gate = new SessionGate<ClientConnection>(lite);
  const connections = new Set<ClientConnection>();
  const server = createServer((socket) => {
    const connection = new ClientConnection(socket, lite, gate, options);
    connections.add(connection);
    void connection.done.then(() => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.listen === 0) server.listen(0, '127.0.0.1', resolve);
    else server.listen(options.listen, resolve);
  });
  let address: WireAddress;
  if (typeof options.listen === 'string') {
    // The folder around it is the owner's alone already; this closes the socket to others too.
    await chmod(options.listen, 0o600);
    address = { path: options.listen };
  } else {
    address = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  }
  return {
    address,
    async idle() {
      while (connections.size > 0)
        await Promise.all([...connections].map((connection) => connection.done));
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.end();
      await Promise.all([...connections].map((connection) => connection.done));
      await closed;
    },
  };
}

/** One client: its messages run in order, each on the session it holds while not idle. */
class ClientConnection {
  readonly done: Promise<void>;
  #finished!: () => void;
  #reader = new FrontendReader();
  #pending: FrontendMessage[] = [];
  #pumping = false;
  #closed = false;
  #startup: Buffer | undefined;
  #authenticated = false;
  /** A `COPY ... FROM STDIN` query and its CopyData, sent to PGlite when CopyDone or CopyFail arrives. */
  #copy: Buffer[] | undefined;
  #scanner: BackendScanner;
  readonly socket: Socket;
  readonly lite: PGlite;
  readonly gate: SessionGate<ClientConnection>;
  readonly options: WireServerOptions;

  constructor(
    socket: Socket,
    lite: PGlite,
    gate: SessionGate<ClientConnection>,
    options: WireServerOptions,
  ) {
    this.socket = socket;
    this.lite = lite;
    this.gate = gate;
    this.options = options;
    this.done = new Promise((resolve) => (this.#finished = resolve));
    this.#scanner = new BackendScanner((channel, payload) =>
      options.onNotification?.(channel, payload),
    );
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', () => this.end());
    socket.on('close', () => this.end());
  }

  /** `farewell` is written before the socket closes (a refusal's ErrorResponse). */
  end(farewell?: Buffer): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = [];
    if (farewell === undefined) this.socket.destroy();
    else this.socket.end(farewell);
    if (!this.#pumping) void this.#finish();
  }

  #receive(chunk: Buffer): void {
    if (this.#closed) return;
    this.#reader.push(chunk);
    try {
      for (
        let message = this.#reader.next();
        message !== undefined;
        message = this.#reader.next()
      ) {
        // Only the startup packet ends the startup phase; SSL and GSS requests come before it.
        if (message.kind === 'startup' && message.code === PROTOCOL_3) this.#reader.started = true;
        this.#pending.push(message);
      }
    } catch {
      this.end();
      return;
    }
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#closed) {
        const message = this.#pending.shift();
        if (message === undefined) break;
        await this.#handle(message);
      }
    } catch {
      this.#closed = true;
      this.socket.destroy();
    } finally {
      this.#pumping = false;
    }
    if (this.#closed) await this.#finish();
  }

  async #handle(message: FrontendMessage): Promise<void> {
    if (message.kind === 'startup') {
      if (message.code === SSL_REQUEST || message.code === GSSENC_REQUEST) this.socket.write('N');
      else if (message.code === CANCEL_REQUEST) this.end();
      else if (message.code !== PROTOCOL_3) this.#refuse('0A000', 'unsupported protocol version');
      else {
        this.#startup = message.bytes;
        this.socket.write(askForPassword());
      }
      return;
    }
    if (!this.#authenticated) {
      const password = passwordOf(message);
      if (
        password === undefined ||
        this.#startup === undefined ||
        !sameSecret(password, this.options.password)
      ) {
        this.#refuse('28P01', 'password authentication failed');
        return;
      }
      this.#authenticated = true;
      // PGlite answers the startup packet (AuthenticationOk ... ReadyForQuery) itself.
      await this.#run(this.#startup);
      return;
    }
    if (this.#copy !== undefined) {
      this.#copy.push(message.bytes);
      if (message.type === 'c' || message.type === 'f') {
        const copy = Buffer.concat(this.#copy);
        this.#copy = undefined;
        await this.#runCopy(copy);
      }
      return;
    }
    if (message.type === 'X') {
      this.end();
      return;
    }
    const text = queryText(message);
    if (text !== undefined && copiesFromStdin(text)) {
      if (message.type === 'P') {
        this.#refuse('0A000', 'COPY FROM STDIN is served only as a simple query on this socket');
        return;
      }
      this.#copy = [message.bytes];
      // The client sends its rows only once told to; PGlite's own go-ahead is dropped later.
      this.socket.write(copyInResponse());
      return;
    }
    await this.#run(message.bytes);
  }

  /** Runs client bytes on the session, holding it until PGlite reports the session idle. */
  async #run(bytes: Buffer): Promise<void> {
    await this.gate.enter(this);
    await this.lite.runExclusive(() =>
      this.lite.execProtocolRawStream(bytes, {
        onRawData: (view) => {
          // A view into PGlite's memory, which its next chunk overwrites: a socket that cannot
          // take the bytes at once queues the view, not a copy, so a large answer reached the
          // client with later bytes in place of earlier ones (and the client waited forever).
          const data = Buffer.from(view);
          this.#scanner.push(data);
          if (!this.#closed) this.socket.write(data);
        },
      }),
    );
    if (this.#scanner.readyStatus === 'I') this.gate.leave(this);
  }

  /** A COPY FROM STDIN with all its data, in one call; the answer without the CopyInResponse the client already had. */
  async #runCopy(bytes: Buffer): Promise<void> {
    await this.gate.enter(this);
    const output = await this.lite.runExclusive(() => this.lite.execProtocolRaw(bytes));
    const answer = withoutMessages(output, 'G');
    this.#scanner.push(answer);
    if (!this.#closed) this.socket.write(answer);
    if (this.#scanner.readyStatus === 'I') this.gate.leave(this);
  }

  #refuse(sqlState: string, text: string): void {
    this.end(fatalError(sqlState, text));
  }

  /** A client gone in the middle of something: end its extended-protocol run and its transaction. */
  async #finish(): Promise<void> {
    try {
      if (this.gate.holder === this) {
        await this.lite.runExclusive(async () => {
          await this.lite.execProtocolRaw(syncMessage());
          if (this.lite.isInTransaction()) await this.lite.execProtocolRaw(simpleQuery('ROLLBACK'));
        });
      }
    } finally {
      this.gate.leave(this);
      this.#finished();
    }
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
