import type { HealthReport } from './http.ts';

/** One dependency as /health shows it: from the last background check, never from a live call. */
export interface DependencyHealth {
  status: 'ok' | 'down' | 'unknown';
  /** How long the last check took (its timeout when it hung). */
  latencyMs?: number;
  /** Why the last check failed, in a few words. */
  error?: string;
  /** ISO 8601 time of the last check. */
  checkedAt?: string;
  /** Whatever the check returned worth showing (a subgraph's own report). */
  details?: Record<string, unknown>;
}

export interface HealthCheck {
  /** Resolves (optionally with details) when the dependency answers; rejects or hangs when it does not. */
  run: (signal: AbortSignal) => Promise<Record<string, unknown> | void>;
  /** Without it the service cannot serve: down makes the report `down` (HTTP 503) and not ready. */
  required: boolean;
}

export interface HealthMonitorOptions {
  checks: Record<string, HealthCheck>;
  /** Time between rounds of checks. */
  intervalMs: number;
  /** A check that takes longer is down. Default: the interval, at most 1 s. */
  timeoutMs?: number;
}

export interface HealthMonitor {
  dependencies(): Record<string, DependencyHealth>;
  /** `down` when a required dependency is down, `degraded` when another is, else `ok`. */
  report(): HealthReport & { ready: boolean; dependencies: Record<string, DependencyHealth> };
  /** Resolves once every check has answered (or timed out) at least once. */
  ready: Promise<void>;
  stop(): void;
}

function describe(error: unknown): string {
  if (error instanceof Error)
    return error.name === 'TimeoutError' ? 'timed out' : error.message.slice(0, 200);
  return String(error).slice(0, 200);
}

/**
 * Checks every dependency in the background, every `intervalMs`, each with a deadline, and keeps
 * the last result. /health answers from it, so it takes microseconds whatever is hanging, and a
 * hanging dependency costs one pending check rather than one per /health call.
 */
export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const timeoutMs = options.timeoutMs ?? Math.min(options.intervalMs, 1000);
  const results: Record<string, DependencyHealth> = Object.fromEntries(
    Object.keys(options.checks).map((name) => [name, { status: 'unknown' }]),
  );
  const running = new Set<string>();
  let stopped = false;

  const check = async (name: string, { run }: HealthCheck) => {
    // A check still pending from an earlier round (a hung server ignoring the abort) is not
    // started again: it stays down on its timeout rather than piling up connections.
    if (running.has(name)) return;
    running.add(name);
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    const pending = Promise.resolve().then(() => run(signal));
    void pending.then(
      () => running.delete(name),
      () => running.delete(name),
    );
    try {
      const details = await Promise.race([
        pending,
        new Promise<never>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
        ),
      ]);
      results[name] = {
        status: 'ok',
        latencyMs: Math.round(performance.now() - started),
        checkedAt: new Date().toISOString(),
        ...(details ? { details } : {}),
      };
    } catch (error) {
      results[name] = {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: describe(error),
        checkedAt: new Date().toISOString(),
      };
    }
  };
  const round = () =>
    Promise.all(Object.entries(options.checks).map(([name, entry]) => check(name, entry))).then(
      () => undefined,
    );
  const ready = round();
  const timer = setInterval(() => {
    if (!stopped) void round();
  }, options.intervalMs);
  timer.unref();

  return {
    dependencies: () => ({ ...results }),
    report() {
      let status: HealthReport['status'] = 'ok';
      for (const [name, { required }] of Object.entries(options.checks)) {
        if (results[name]?.status === 'ok') continue;
        if (required) status = 'down';
        else if (status === 'ok') status = 'degraded';
      }
      return { status, ready: status !== 'down', dependencies: { ...results } };
    },
    ready,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
