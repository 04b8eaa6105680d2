/**
 * Closes what a test file opened, newest first, even when some closers fail:
 *
 *   const stack = new DisposalStack();
 *   afterAll(() => stack.disposeAll());
 *   const redis = stack.adopt(new Redis(url), (client) => client.quit());
 *   stack.defer(() => server.stop());
 *
 * Node 24 has AsyncDisposableStack, but it reports several failures as nested SuppressedErrors
 * and the project's TypeScript lib (ES2024) does not declare it; this keeps every failure side by
 * side in one AggregateError whose message lists them all.
 */
type Disposer = () => unknown;

export class DisposalStack {
  readonly #disposers: Disposer[] = [];

  /** Registers `dispose` (sync or async) to run at disposeAll, before those registered earlier. */
  defer(dispose: Disposer): void {
    this.#disposers.push(dispose);
  }

  /** Registers how to dispose `resource` and returns it, for one-line setup. */
  adopt<T>(resource: T, dispose: (resource: T) => unknown): T {
    this.defer(() => dispose(resource));
    return resource;
  }

  /** Number of disposers still to run. */
  get size(): number {
    return this.#disposers.length;
  }

  /**
   * Runs every disposer, last registered first, each awaited before the next (a client closes
   * before the server it talks to). Afterwards the stack is empty and may be reused. Throws an
   * AggregateError of all failures, if any.
   */
  async disposeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (
      let dispose = this.#disposers.pop();
      dispose !== undefined;
      dispose = this.#disposers.pop()
    ) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) {
      const messages = errors.map((error) =>
        error instanceof Error ? error.message : String(error),
      );
      throw new AggregateError(
        errors,
        `${errors.length} disposer(s) failed: ${messages.join('; ')}`,
      );
    }
  }

  /** Lets `await using stack = new DisposalStack()` dispose it at the end of a scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.disposeAll();
  }
}
