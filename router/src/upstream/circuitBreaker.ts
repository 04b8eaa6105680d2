/**
 * A per-subgraph circuit breaker. After `failureThreshold` failures in a row the circuit opens:
 * calls fail at once (microseconds, no socket, no timeout) for `openMs`; then one call is let
 * through as a probe (half-open) — success closes the circuit, failure opens it for another
 * `openMs`. Consecutive failures rather than a failure rate: a subgraph that is down or hung
 * fails every call, and a rate needs a window of traffic to notice, which a quiet router lacks.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('The circuit is open: the service failed repeatedly and is not being called for now.');
    this.retryAfterMs = retryAfterMs;
  }
}

export interface CircuitBreaker {
  /** Runs `work` unless the circuit is open (then throws CircuitOpenError); `isFailure` decides what counts against it. */
  run<T>(work: () => Promise<T>, isFailure?: (result: T) => boolean): Promise<T>;
  state(): CircuitState;
  /** Milliseconds until a probe may go through (0 unless open). */
  retryAfterMs(): number;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;

  const move = (next: CircuitState) => {
    if (next === state) return;
    const previous = state;
    state = next;
    options.onStateChange?.(next, previous);
  };
  const remaining = () => Math.max(0, openedAt + options.openMs - now());
  const succeeded = () => {
    failures = 0;
    move('closed');
  };
  const failed = () => {
    failures += 1;
    if (state === 'half-open' || failures >= options.failureThreshold) {
      openedAt = now();
      move('open');
    }
  };

  return {
    async run(work, isFailure) {
      if (state === 'open') {
        if (remaining() > 0) throw new CircuitOpenError(remaining());
        move('half-open');
      }
      // Half-open lets exactly one probe through; everyone else fails fast until it settles.
      if (state === 'half-open') {
        if (probing) throw new CircuitOpenError(options.openMs);
        probing = true;
      }
      const probe = state === 'half-open';
      try {
        const result = await work();
        if (isFailure?.(result) === true) failed();
        else succeeded();
        return result;
      } catch (error) {
        failed();
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
    state: () => (state === 'open' && remaining() === 0 ? 'half-open' : state),
    retryAfterMs: () => (state === 'open' ? remaining() : 0),
  };
}
