import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite is one PostgreSQL session. Its own `query`, `exec` and `transaction` take its
 * transaction mutex for their whole length, so in-process callers never interleave; a socket
 * client's messages arrive one at a time and must not either. The gate holds that same mutex
 * for a socket client from its first message until the session is idle again (ReadyForQuery
 * `I`): through a whole transaction, and through a Parse/Bind/Execute/Sync run, whose unnamed
 * statement another client's Parse would replace. Everyone else — the owner's stores and other
 * clients — waits in the mutex's FIFO.
 */
export class SessionGate<Holder> {
  #holder: Holder | undefined;
  #release: (() => void) | undefined;
  readonly #lite: PGlite;

  constructor(lite: PGlite) {
    this.#lite = lite;
  }

  get holder(): Holder | undefined {
    return this.#holder;
  }

  /** Resolves once `holder` has the session (at once if it already has it). */
  async enter(holder: Holder): Promise<void> {
    if (this.#holder === holder) return;
    await new Promise<void>((entered, failed) => {
      this.#lite
        ._runExclusiveTransaction(
          () =>
            new Promise<void>((release) => {
              this.#holder = holder;
              this.#release = release;
              entered();
            }),
        )
        .catch(failed);
    });
  }

  /** Gives the session back if `holder` has it. */
  leave(holder: Holder): void {
    if (this.#holder !== holder) return;
    const release = this.#release;
    this.#holder = undefined;
    this.#release = undefined;
    release?.();
  }
}
