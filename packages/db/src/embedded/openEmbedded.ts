import { randomBytes } from 'node:crypto';
import { chmod, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvError } from '@marquee/env';
import pg from 'pg';
import { openPGlite, openPool, type Database, type OpenDatabaseOptions } from '../database.ts';
import {
  acquireDataDirLock,
  DataDirInUseError,
  describe,
  inUseMessage,
  type DataDirLock,
  type LockHolder,
} from './dataDirLock.ts';
import { serveWireProtocol, type WireAddress, type WireServer } from './wireServer.ts';

/** The channel a client's `relay` notifies on; the owner hands each payload to its listener. */
export const RELAY_CHANNEL = 'marquee_relay';

export interface EmbeddedOptions extends OpenDatabaseOptions {
  /** What this process runs (`marquee start`, `marquee ingest`), written into the lock file. */
  command: string;
  /**
   * A server must own the folder: when another process does, opening fails with
   * DataDirInUseError instead of going through that process.
   */
  exclusive?: boolean;
  /**
   * On close, as the owner, wait until other processes connected through this one are done
   * (default: when not `exclusive`, i.e. for commands). A command that happens to own the folder
   * must not cut off a longer command that came to use it meanwhile; a server that is told to
   * stop rolls back what clients left open instead.
   */
  waitForClients?: boolean;
  /** How long to wait for an owner that is still opening the database (ms). */
  ownerStartTimeoutMs?: number;
}

/** How this process reaches the embedded data directory. */
export type EmbeddedAccess =
  | {
      role: 'owner';
      address: WireAddress;
      /** Payloads other processes relayed (see `relay`); returns the unsubscribe function. */
      onRelay(listener: (payload: string) => void): () => void;
    }
  | { role: 'client'; owner: LockHolder };

export interface EmbeddedDatabase extends Database {
  readonly embedded: EmbeddedAccess;
}

/** A Unix socket path must fit in `sockaddr_un` (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/**
 * Opens the embedded database in `dir` (PGlite files in `dir/pgdata`), whichever process gets
 * there first owning it: the owner holds `dir/marquee.lock` (its pid, its socket, the socket's
 * password) and serves the database on a Unix socket in `dir/run` (mode 0700), or on a loopback
 * port where Unix sockets are unavailable. Any other process — a command while the server runs,
 * a second command — goes through the owner with the `pg` driver, the same code path as services
 * mode, unless `exclusive`, which fails with one line instead. A lock left by a dead process is
 * taken over.
 */
export async function openEmbeddedDatabase(
  dir: string,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  await mkdir(dir, { recursive: true });
  const deadline = Date.now() + (options.ownerStartTimeoutMs ?? 120_000);
  let refusedSince: number | undefined;
  for (;;) {
    const password = randomBytes(24).toString('base64url');
    const attempt = await acquireDataDirLock(dir, { command: options.command, password });
    if (attempt.acquired) return openAsOwner(dir, attempt.lock, password, options);
    const { holder, lockFile } = attempt;
    if (options.exclusive === true) throw new DataDirInUseError(inUseMessage(dir, holder));
    if (holder.address !== null) {
      // A socket that stays silent for 10 s is not an owner closing down: give up then.
      refusedSince ??= Date.now();
      const client = await openAsClient(
        holder,
        lockFile,
        options,
        Date.now() - refusedSince > 10_000,
      );
      if (client !== undefined) return client;
    }
    // The owner is still opening (migrating) the database, or is closing it: its socket follows,
    // or the lock goes and this process takes it.
    if (Date.now() > deadline) {
      throw new EnvError(
        `${describe(holder)} has held ${dir} for a while without serving it; if it hangs, stop it (or delete ${lockFile} if that process is not Marquee).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openAsOwner(
  dir: string,
  lock: DataDirLock,
  password: string,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const cleanups: (() => Promise<unknown>)[] = [() => lock.release()];
  const undo = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const { database, lite } = await openPGlite(join(dir, 'pgdata'), options);
    cleanups.push(() => database.close());
    const listeners = new Set<(payload: string) => void>();
    const deliver = (payload: string) => {
      for (const listener of listeners) listener(payload);
    };
    // The session listens so that a client's NOTIFY reaches it; the notification then arrives in
    // that client's answer (the wire server reads it there) or in one of the owner's own queries.
    await lite.listen(RELAY_CHANNEL, deliver);
    const runDir = join(dir, 'run');
    await mkdir(runDir, { recursive: true, mode: 0o700 });
    await chmod(runDir, 0o700);
    const socketPath = join(runDir, '.s.PGSQL.5432');
    const useSocket = process.platform !== 'win32' && socketPath.length <= MAX_SOCKET_PATH;
    // A socket file left by an owner that died; the lock says no one serves on it now.
    if (useSocket) await unlink(socketPath).catch(() => undefined);
    const server: WireServer = await serveWireProtocol(lite, {
      listen: useSocket ? socketPath : 0,
      password,
      onNotification: (channel, payload) => {
        if (channel === RELAY_CHANNEL) deliver(payload);
      },
    });
    const waitForClients = options.waitForClients ?? options.exclusive !== true;
    cleanups.push(async () => {
      if (waitForClients) await server.idle();
      await server.close();
    });
    await lock.publish(server.address);
    return {
      ...database,
      embedded: {
        role: 'owner',
        address: server.address,
        onRelay(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

async function openAsClient(
  owner: LockHolder,
  lockFile: string,
  options: EmbeddedOptions,
  lastTry: boolean,
): Promise<EmbeddedDatabase | undefined> {
  const address = owner.address;
  if (address === null) throw new Error('The owner has not published its socket yet.');
  const connection =
    'path' in address
      ? {
          host: address.path.slice(0, address.path.lastIndexOf('/')),
          port: Number(address.path.slice(address.path.lastIndexOf('.') + 1)),
        }
      : { host: address.host, port: address.port };
  // One connection: the owner runs one session, so more would only queue there.
  const pool = new pg.Pool({
    ...connection,
    user: 'postgres',
    database: 'postgres',
    password: owner.password,
    max: 1,
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (!lastTry) return undefined;
    throw new EnvError(
      `${describe(owner)} holds the embedded data directory but its socket does not answer (${(error as Error).message}); if that process is not Marquee, delete ${lockFile}.`,
    );
  }
  const database = await openPool(pool, 'pglite', {
    ...options,
    migrate: options.migrate ?? false,
  });
  return { ...database, embedded: { role: 'client', owner } };
}
