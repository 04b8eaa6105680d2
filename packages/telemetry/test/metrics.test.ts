import { describe, expect, it } from 'vitest';
import {
  createOperationNames,
  metrics,
  observeBatches,
  observeStoredFigures,
  scrape,
  type StoredFigure,
} from '../src/index.ts';

describe('operation names', () => {
  it('labels validated operations by name, unnamed ones anonymous, the rest other', () => {
    const names = createOperationNames(2);
    expect(names('TopRated', true)).toBe('TopRated');
    expect(names(undefined, true)).toBe('anonymous');
    expect(names('Forged', false)).toBe('other');
    expect(names('Second', true)).toBe('Second');
    // Past the cap, new names share one series; known ones keep theirs.
    expect(names('Third', true)).toBe('other');
    expect(names('TopRated', true)).toBe('TopRated');
  });
});

describe('observeBatches', () => {
  it('records every batch size and returns the batch results untouched', async () => {
    const batch = observeBatches('movies', 'testMovie', (keys: readonly string[]) =>
      Promise.resolve(keys.map((key) => key.toUpperCase())),
    );
    expect(await batch(['a', 'b', 'c'])).toEqual(['A', 'B', 'C']);
    await batch(['d']);
    const histogram = await metrics().dataloaderBatchSize.get();
    const count = histogram.values.find(
      (value) =>
        value.metricName === 'marquee_dataloader_batch_size_count' &&
        value.labels['loader'] === 'testMovie',
    );
    const sum = histogram.values.find(
      (value) =>
        value.metricName === 'marquee_dataloader_batch_size_sum' &&
        value.labels['loader'] === 'testMovie',
    );
    expect(count?.value).toBe(2);
    expect(sum?.value).toBe(4);
  });
});

describe('scrape', () => {
  it('answers Prometheus text with every metric the dashboards read, service-labelled', async () => {
    metrics().operations.inc({ service: 'movies', operation: 'X', status: 'ok' });
    const { contentType, text } = await scrape();
    expect(contentType).toContain('text/plain');
    for (const name of [
      'marquee_graphql_operations_total',
      'marquee_graphql_operation_duration_seconds',
      'marquee_subgraph_fetch_duration_seconds',
      'marquee_subgraph_fetch_errors_total',
      'marquee_dataloader_batch_size',
      'marquee_db_pool_connections',
      'marquee_subscription_connections',
      'marquee_subscription_events_delivered_total',
      'marquee_cache_requests_total',
      'marquee_ingest_rows_total',
      'marquee_training_runs_total',
      'marquee_model_ndcg_at_10',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain(
      'marquee_graphql_operations_total{service="movies",operation="X",status="ok"} 1',
    );
  });
});

describe('observeStoredFigures', () => {
  it('replaces the series with what the store holds at each scrape, skipping a store that fails', async () => {
    let rows: StoredFigure[] = [
      { labels: { source: 'movielens/ratings.csv', outcome: 'loaded' }, value: 3 },
      { labels: { source: 'movielens/ratings.csv', outcome: 'rejected' }, value: 1 },
    ];
    const stop = observeStoredFigures('ingestRows', 'movies', () => Promise.resolve(rows));
    const stopFailing = observeStoredFigures('ingestRows', 'broken', () =>
      Promise.reject(new Error('connection refused')),
    );
    let { text } = await scrape();
    expect(text).toContain(
      'marquee_ingest_rows_total{source="movielens/ratings.csv",outcome="loaded",service="movies"} 3',
    );
    expect(text).not.toContain('service="broken"');
    // Totals come from the store, not added to what the last scrape saw.
    rows = [{ labels: { source: 'movielens/ratings.csv', outcome: 'loaded' }, value: 7 }];
    ({ text } = await scrape());
    expect(text).toContain(
      'marquee_ingest_rows_total{source="movielens/ratings.csv",outcome="loaded",service="movies"} 7',
    );
    expect(text).not.toContain('outcome="rejected"');
    stop();
    stopFailing();

    const stopGauge = observeStoredFigures('modelNdcgAt10', 'recommendations', () =>
      Promise.resolve([{ labels: { model: 'ease' }, value: 0.4375 }]),
    );
    ({ text } = await scrape());
    expect(text).toContain(
      'marquee_model_ndcg_at_10{model="ease",service="recommendations"} 0.4375',
    );
    stopGauge();
  });
});
