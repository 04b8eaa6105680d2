/**
 * Identical subgraph requests in flight at the same time share one: the first runs, the others
 * wait for its answer. Only for reads (the caller decides), keyed by everything the answer
 * depends on — subgraph, operation text, variables and the identity the subgraph sees. Callers
 * share the raw answer, never parsed objects: each merges its copy into its own response.
 */
export function createInFlight<T>() {
  const running = new Map<string, Promise<T>>();
  return {
    share(key: string, work: () => Promise<T>): Promise<T> {
      const shared = running.get(key);
      if (shared !== undefined) return shared;
      const started = work().finally(() => running.delete(key));
      running.set(key, started);
      return started;
    },
    get size() {
      return running.size;
    },
  };
}
