import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EnvError } from '@marquee/env';
import type { WireAddress } from './wireServer.ts';

/** What the lock file says about the process that owns an embedded data directory. */
export interface LockHolder {
  pid: number;
  /** The machine it runs on: a pid means nothing on another one (a data directory on a network share). */
  host: string;
  /** What it is running (`marquee start`, `marquee ingest`, ...), for messages. */
  command: string;
  /** Where it serves the database; null while it is still opening it. */
  address: WireAddress | null;
  /** The password its socket asks for. */
  password: string;
  startedAt: string;
}

export const LOCK_FILE = 'marquee.lock';

export type LockAttempt =
  { acquired: true; lock: DataDirLock } | { acquired: false; holder: LockHolder; lockFile: string };

export interface DataDirLock {
  readonly file: string;
  /** Records where the owner now serves the database. */
  publish(address: WireAddress): Promise<void>;
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.password === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Takes the lock file of `dir`, or says who holds it (a pid alive on this machine, or any process
 * on another machine). The file is created whole (written under a
 * temporary name, then hard-linked into place, which fails if it exists), so a reader never sees
 * half of it. A lock whose pid is dead is stale and taken over: it is renamed aside first and
 * checked, so of two processes taking over the same stale lock, one removes it and the other
 * never removes the lock the first one then made.
 */
export async function acquireDataDirLock(
  dir: string,
  holder: Omit<LockHolder, 'pid' | 'host' | 'address' | 'startedAt'>,
): Promise<LockAttempt> {
  const file = join(dir, LOCK_FILE);
  const mine: LockHolder = {
    ...holder,
    pid: process.pid,
    host: hostname(),
    address: null,
    startedAt: new Date().toISOString(),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await writeFile(temporary, JSON.stringify(mine), { mode: 0o600 });
    try {
      await link(temporary, file);
      return { acquired: true, lock: ownedLock(file, mine) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    const text = await readText(file);
    if (text === undefined) continue;
    const current = parseHolder(text);
    // A lock from another machine is never taken as stale: this one cannot see its processes.
    if (current !== undefined && (current.host !== mine.host || isAlive(current.pid)))
      return { acquired: false, holder: current, lockFile: file };
    await removeStale(file, text);
  }
  throw new Error(`Could not take the lock file ${file}: it keeps changing.`);
}

async function removeStale(file: string, staleText: string): Promise<void> {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readText(aside)) !== staleText) {
    // Another process took the stale lock over in between and this moved its live lock: put it back.
    await link(aside, file).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

function ownedLock(file: string, mine: LockHolder): DataDirLock {
  let current = mine;
  return {
    file,
    async publish(address) {
      current = { ...current, address };
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(current), { mode: 0o600 });
      await rename(temporary, file);
    },
    async release() {
      const text = await readText(file);
      if (text !== undefined && parseHolder(text)?.pid === process.pid)
        await unlink(file).catch(() => undefined);
    },
  };
}

/** Another process owns the data directory and this one may not share it (a second server). */
export class DataDirInUseError extends EnvError {
  override name = 'DataDirInUseError';
}

/** The live process holding `dir`'s lock, if any (without taking it). */
export async function lockHolderOf(dir: string): Promise<LockHolder | undefined> {
  const text = await readText(join(dir, LOCK_FILE));
  const holder = text === undefined ? undefined : parseHolder(text);
  if (holder === undefined) return undefined;
  return holder.host !== hostname() || isAlive(holder.pid) ? holder : undefined;
}

/**
 * For a server, before anything else (its port checks included): fails with DataDirInUseError
 * when another process holds `dir`. Opening the database checks again, atomically.
 */
export async function assertDataDirFree(dir: string): Promise<void> {
  const holder = await lockHolderOf(dir);
  if (holder !== undefined) throw new DataDirInUseError(inUseMessage(dir, holder));
}

const processOf = (holder: LockHolder) =>
  `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`;
export const describe = (holder: LockHolder) => `${holder.command} (${processOf(holder)})`;

export function inUseMessage(dir: string, holder: LockHolder): string {
  return holder.command === 'marquee start'
    ? `Another Marquee server (${processOf(holder)}) is using the data directory ${dir}; stop it first, or set MARQUEE_DATA_DIR to another folder.`
    : `${describe(holder)} is using the data directory ${dir}; start the server when it has finished, or set MARQUEE_DATA_DIR to another folder.`;
}
