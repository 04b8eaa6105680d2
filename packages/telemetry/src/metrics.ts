import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type LabelValues,
} from 'prom-client';

/**
 * Every metric a Marquee process exports, in one registry per process (prom-client). Each has a
 * `service` label (router, movies, people, users, reviews, recommendations; cli for commands), so
 * the embedded default, which runs all six in one process, keeps them apart. The names are a
 * contract with the dashboards: rename nothing, add freely (docs/operations.md).
 */
export interface Metrics {
  registry: Registry;
  operations: Counter<'service' | 'operation' | 'status'>;
  operationDuration: Histogram<'service' | 'operation'>;
  requestsRefused: Counter<'service' | 'code'>;
  subgraphFetchDuration: Histogram<'service' | 'subgraph'>;
  subgraphFetchErrors: Counter<'service' | 'subgraph'>;
  dataloaderBatchSize: Histogram<'service' | 'loader'>;
  dbPoolConnections: Gauge<'service' | 'state'>;
  subscriptionConnections: Gauge<'service'>;
  subscriptionEventsDelivered: Counter<'service' | 'topic'>;
  cacheRequests: Counter<'service' | 'cache' | 'result'>;
  ingestRows: Counter<'service' | 'source' | 'outcome'>;
  trainingRuns: Counter<'service' | 'model' | 'outcome'>;
  modelNdcgAt10: Gauge<'service' | 'model'>;
}

/** GraphQL operations take milliseconds to seconds; subgraph fetches the same, a bit shorter. */
const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const batchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** What a connection pool reports at each scrape (see `observePoolUse`). */
export interface PoolUse {
  inUse: number;
  idle: number;
  waiting: number;
}

const pools = new Set<() => PoolUse>();
const socketCounts = new Map<string, () => number>();

/** One series of a figure a service reads from its store: its labels besides `service`, its value. */
export interface StoredFigure {
  labels: Record<string, string>;
  value: number;
}

/** The metrics whose values live in a service's store rather than in a process (batch jobs' results). */
export type StoredMetric = 'ingestRows' | 'modelNdcgAt10';

const storedReaders: Record<StoredMetric, Map<string, () => Promise<StoredFigure[]>>> = {
  ingestRows: new Map(),
  modelNdcgAt10: new Map(),
};

/**
 * Reports figures a service reads from its own store at every scrape: the records of batch jobs
 * (`marquee ingest`, `marquee evaluate`) that run in short-lived processes nobody scrapes. The
 * reader must be one bounded query. Returns the function that stops it (service stopped).
 */
export function observeStoredFigures(
  metric: StoredMetric,
  service: string,
  read: () => Promise<StoredFigure[]>,
): () => void {
  metrics();
  storedReaders[metric].set(service, read);
  return () => storedReaders[metric].delete(service);
}

/**
 * Replaces a metric's series with what its services' stores hold now. A store that does not
 * answer leaves its series out of this scrape (a gap on the dashboard) rather than failing the
 * whole scrape.
 */
async function collectStored(
  metric: StoredMetric,
  write: (labels: Record<string, string>, value: number) => void,
  reset: () => void,
): Promise<void> {
  const readers = [...storedReaders[metric]];
  if (readers.length === 0) return;
  const results = await Promise.allSettled(readers.map(([, read]) => read()));
  reset();
  for (const [index, result] of results.entries()) {
    if (result.status !== 'fulfilled') continue;
    const service = readers[index]?.[0] ?? '';
    for (const figure of result.value) write({ ...figure.labels, service }, figure.value);
  }
}

/** Reports a service's open graphql-ws connections at every scrape; returns the function that stops it. */
export function observeSocketConnections(service: string, read: () => number): () => void {
  metrics();
  socketCounts.set(service, read);
  return () => socketCounts.delete(service);
}

function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    operations: new Counter({
      name: 'marquee_graphql_operations_total',
      help: 'GraphQL operations answered, by operation name and status (ok or error).',
      labelNames: ['service', 'operation', 'status'],
      registers,
    }),
    operationDuration: new Histogram({
      name: 'marquee_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response.',
      labelNames: ['service', 'operation'],
      buckets: durationBuckets,
      registers,
    }),
    requestsRefused: new Counter({
      name: 'marquee_requests_refused_total',
      help: 'Requests refused before any operation ran (bad or revoked token, rate limit), by error code.',
      labelNames: ['service', 'code'],
      registers,
    }),
    subgraphFetchDuration: new Histogram({
      name: 'marquee_subgraph_fetch_duration_seconds',
      help: 'Time of one planned fetch from the router to a subgraph, response body included.',
      labelNames: ['service', 'subgraph'],
      buckets: durationBuckets,
      registers,
    }),
    subgraphFetchErrors: new Counter({
      name: 'marquee_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed (timeout, refused, HTTP error, open circuit).',
      labelNames: ['service', 'subgraph'],
      registers,
    }),
    dataloaderBatchSize: new Histogram({
      name: 'marquee_dataloader_batch_size',
      help: 'Keys per DataLoader batch (one database round trip each).',
      labelNames: ['service', 'loader'],
      buckets: batchBuckets,
      registers,
    }),
    dbPoolConnections: new Gauge({
      name: 'marquee_db_pool_connections',
      help: 'PostgreSQL pool connections by state (in_use, idle; waiting = requests queued for one).',
      labelNames: ['service', 'state'],
      registers,
      // Read at scrape time: the pool keeps its own counts, nothing is done per query.
      collect() {
        if (pools.size === 0) return;
        const total = { inUse: 0, idle: 0, waiting: 0 };
        for (const read of pools) {
          const use = read();
          total.inUse += use.inUse;
          total.idle += use.idle;
          total.waiting += use.waiting;
        }
        const service = processService();
        this.set({ service, state: 'in_use' }, total.inUse);
        this.set({ service, state: 'idle' }, total.idle);
        this.set({ service, state: 'waiting' }, total.waiting);
      },
    }),
    subscriptionConnections: new Gauge({
      name: 'marquee_subscription_connections',
      help: 'Open graphql-ws connections.',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [service, read] of socketCounts) this.set({ service }, read());
      },
    }),
    subscriptionEventsDelivered: new Counter({
      name: 'marquee_subscription_events_delivered_total',
      help: 'Subscription events sent to clients, by subscription root field.',
      labelNames: ['service', 'topic'],
      registers,
    }),
    cacheRequests: new Counter({
      name: 'marquee_cache_requests_total',
      help: 'Shared cache reads by cache and result (hit or miss).',
      labelNames: ['service', 'cache', 'result'],
      registers,
    }),
    ingestRows: new Counter({
      name: 'marquee_ingest_rows_total',
      help: 'Source rows ingested, by source file and outcome (loaded or rejected).',
      labelNames: ['service', 'source', 'outcome'],
      registers,
      // Summed at scrape time from the runs the movies service has recorded: the command that
      // ingests exits before any scrape.
      async collect() {
        await collectStored(
          'ingestRows',
          (labels, value) => this.inc(labels, value),
          () => this.reset(),
        );
      },
    }),
    trainingRuns: new Counter({
      name: 'marquee_training_runs_total',
      help: 'Recommendation training runs by model and outcome (ok, failed, skipped).',
      labelNames: ['service', 'model', 'outcome'],
      registers,
    }),
    modelNdcgAt10: new Gauge({
      name: 'marquee_model_ndcg_at_10',
      help: 'NDCG@10 of the last offline evaluation of each model.',
      labelNames: ['service', 'model'],
      registers,
      // Read at scrape time from the newest evaluation recorded with a model snapshot.
      async collect() {
        await collectStored(
          'modelNdcgAt10',
          (labels, value) => this.set(labels, value),
          () => this.reset(),
        );
      },
    }),
  };
}

let processMetrics: Metrics | undefined;
let defaultsFor: string | undefined;

/** This process's metrics, created on first use. */
export function metrics(): Metrics {
  processMetrics ??= createMetrics();
  return processMetrics;
}

/**
 * Adds prom-client's process metrics (CPU, memory, event loop lag, GC) once per process, under
 * `service` = the one service this process runs, or `marquee` for the embedded default.
 */
export function collectProcessMetrics(service: string): void {
  if (defaultsFor !== undefined) return;
  defaultsFor = service;
  collectDefaultMetrics({ register: metrics().registry, labels: { service } });
}

/** The `service` label of what belongs to the process rather than one service (its one pool). */
export function processService(): string {
  return defaultsFor ?? 'marquee';
}

/**
 * Reports a database pool's connections at every scrape, under the process's service label (all
 * subgraphs of a process share its one pool). Returns the function that stops it (pool closed).
 */
export function observePoolUse(read: () => PoolUse): () => void {
  metrics();
  pools.add(read);
  return () => pools.delete(read);
}

/** The text a Prometheus scrape gets, and its content type. */
export async function scrape(): Promise<{ contentType: string; text: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, text: await registry.metrics() };
}

/**
 * A metric's children by label values, made once: `inc`/`observe` with a labels object hash
 * the labels on every call; a child found by a short key does not.
 */
export function childCache<Child, Labels extends string>(metric: {
  labels(labels: LabelValues<Labels>): Child;
}): (key: string, labels: LabelValues<Labels>) => Child {
  const children = new Map<string, Child>();
  return (key, labels) => {
    let child = children.get(key);
    if (child === undefined) {
      child = metric.labels(labels);
      children.set(key, child);
    }
    return child;
  };
}
