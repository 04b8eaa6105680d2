import type { Logger } from '@marquee/logger';

/** What a long-running command registers as it opens things, to be closed in reverse order. */
export interface Lifecycle {
  /**
   * Registers how to close something just opened. At shutdown closers run in reverse order of
   * registration (services before the stores they use), each given the milliseconds left of the
   * grace period.
   */
  defer(close: (graceMs: number) => Promise<unknown>): void;
}

export interface RunOptions {
  logger: Logger;
  /** SHUTDOWN_GRACE_SECONDS: how long requests in flight may run once a signal arrives. */
  graceSeconds: number;
}

/**
 * Closing stores after the drain gets this long on top of the grace period; past it the process
 * exits non-zero rather than hang (a store that never answers its close).
 */
const CLOSE_MARGIN_MS = 5_000;

/**
 * Runs a long-lived command (`start`, `serve`). `open` opens stores and services, registering
 * each with `defer` as soon as it is open.
 *
 * - If `open` fails, everything registered so far is closed and the error is rethrown: the
 *   command exits non-zero with its one-line report instead of hanging on what was left open.
 * - On SIGTERM or SIGINT (docker stop, Kubernetes, Ctrl-C) the services drain — in-flight
 *   requests finish within the grace period — then everything is closed and the process exits 0.
 *   A second signal exits at once.
 */
export async function runUntilSignalled(
  options: RunOptions,
  open: (lifecycle: Lifecycle) => Promise<void>,
): Promise<void> {
  const { logger } = options;
  const graceMs = options.graceSeconds * 1000;
  const closers: ((graceMs: number) => Promise<unknown>)[] = [];
  const closeAll = async (deadline: number) => {
    let failed = false;
    for (const close of closers.reverse().splice(0)) {
      try {
        await close(Math.max(0, deadline - Date.now()));
      } catch (error) {
        failed = true;
        logger.error({ err: error }, 'closing failed');
      }
    }
    return failed;
  };

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for the drain');
      process.exit(1);
    }
    stopping = true;
    logger.info(
      { signal, graceSeconds: options.graceSeconds },
      'shutting down: draining requests in flight',
    );
    setTimeout(() => {
      logger.error(
        { graceSeconds: options.graceSeconds },
        'shutdown did not finish in time; exiting',
      );
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS).unref();
    void closeAll(Date.now() + graceMs).then((failed) => {
      logger.info('stopped');
      process.exit(failed ? 1 : 0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await open({ defer: (close) => closers.push(close) });
  } catch (error) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Nothing was serving yet, so nothing waits for a drain; a close that hangs does not hold
    // the exit up for long.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      closeAll(Date.now()),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MARGIN_MS))),
    ]);
    clearTimeout(timer);
    throw error;
  }
}
