import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPromql } from '../src/manifests/promql.ts';
import { folderOf, typeCheckLiterals } from '../src/manifests/typeCheckLiterals.ts';

/**
 * The Grafana dashboard the compose profile provisions (deploy/grafana/dashboards/marquee.json):
 * it must load in Grafana, and every query must read only metrics Marquee exports, with their
 * labels. "Loads" is checked against Grafana's own dashboard schema as published on npm: the
 * `Dashboard` type of @grafana/schema, generated from Grafana's CUE schema, applied to the file as
 * a typed object literal (types, required fields and unknown fields at every depth).
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dashboardPath = 'deploy/grafana/dashboards/marquee.json';

type MetricType = 'counter' | 'gauge' | 'histogram';
interface MetricDefinition {
  type: MetricType;
  labels: string[];
}

/** Marquee's own metrics: the names and labels every service exports on /metrics. */
const marqueeMetrics: Record<string, MetricDefinition> = {
  marquee_graphql_operations_total: {
    type: 'counter',
    labels: ['service', 'operation', 'status'],
  },
  marquee_graphql_operation_duration_seconds: {
    type: 'histogram',
    labels: ['service', 'operation'],
  },
  marquee_requests_refused_total: { type: 'counter', labels: ['service', 'code'] },
  marquee_subgraph_fetch_duration_seconds: { type: 'histogram', labels: ['service', 'subgraph'] },
  marquee_subgraph_fetch_errors_total: { type: 'counter', labels: ['service', 'subgraph'] },
  marquee_dataloader_batch_size: { type: 'histogram', labels: ['service', 'loader'] },
  marquee_db_pool_connections: { type: 'gauge', labels: ['service', 'state'] },
  marquee_subscription_connections: { type: 'gauge', labels: ['service'] },
  marquee_subscription_events_delivered_total: { type: 'counter', labels: ['service', 'topic'] },
  marquee_cache_requests_total: { type: 'counter', labels: ['service', 'cache', 'result'] },
  marquee_ingest_rows_total: { type: 'counter', labels: ['service', 'source', 'outcome'] },
  marquee_training_runs_total: { type: 'counter', labels: ['service', 'model', 'outcome'] },
  marquee_model_ndcg_at_10: { type: 'gauge', labels: ['service', 'model'] },
};

/** Labels Prometheus adds to every scraped series. */
const targetLabels = ['job', 'instance'];

/** Series name → the labels it carries: histograms expand to _bucket (with le), _sum and _count. */
const series = new Map<string, Set<string>>();
function addMetric(name: string, { type, labels }: MetricDefinition) {
  const withTarget = [...labels, ...targetLabels];
  if (type !== 'histogram') {
    series.set(name, new Set(withTarget));
    return;
  }
  series.set(`${name}_bucket`, new Set([...withTarget, 'le']));
  series.set(`${name}_sum`, new Set(withTarget));
  series.set(`${name}_count`, new Set(withTarget));
}

interface Target {
  refId: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  query?: string | { query?: string };
  definition?: string;
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const source = readFileSync(repoRoot + dashboardPath, 'utf8');
const dashboard = JSON.parse(source) as Dashboard;
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
const queries = panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title ?? String(panel.id), target })),
);

/** Grafana's interval variables become a duration, so the text parses as plain PromQL. */
const asPromql = (expression: string) =>
  expression.replace(/\$__(rate_interval|interval|range)\b/g, '5m');

beforeAll(async () => {
  for (const [name, definition] of Object.entries(marqueeMetrics)) addMetric(name, definition);
  // prom-client's default process and Node.js metrics, which every service registers too (with
  // the `service` label each registry adds to all its metrics).
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of await registry.getMetricsAsJSON()) {
    const labels = [...new Set(metric.values.flatMap((value) => Object.keys(value.labels)))];
    addMetric(metric.name, {
      type: String(metric.type) === 'histogram' ? 'histogram' : 'gauge',
      labels: ['service', ...labels],
    });
  }
});

describe(dashboardPath, () => {
  it("matches Grafana's published dashboard schema", () => {
    const errors = typeCheckLiterals(
      [{ name: dashboardPath, type: 'Dashboard', from: '@grafana/schema', value: dashboard }],
      folderOf(import.meta.url),
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it('has a stable uid, unique panel ids and panels that do not overlap', () => {
    expect(dashboard.uid).toBe('marquee-overview');
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Map<string, number>();
    for (const { id, gridPos } of panels) {
      expect(gridPos.x + gridPos.w, `panel ${id} width`).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x += 1) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y += 1) {
          const taken = cells.get(`${x},${y}`);
          expect(taken, `panels ${taken} and ${id} overlap at ${x},${y}`).toBeUndefined();
          cells.set(`${x},${y}`, id);
        }
      }
    }
  });

  it('queries Prometheus through the data source variable in every panel', () => {
    const variable = dashboard.templating.list.find((v) => v.name === 'datasource');
    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const dataPanels = panels.filter((panel) => panel.type !== 'row');
    expect(dataPanels.length).toBeGreaterThan(10);
    for (const panel of dataPanels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      expect(panel.description, panel.title).toBeTruthy();
    }
  });

  it('writes every query in valid PromQL', () => {
    for (const { panel, target } of queries) {
      expect(target.expr, `${panel} ${target.refId}`).toBeTruthy();
      expect(readPromql(asPromql(target.expr ?? '')).problems, `${panel}: ${target.expr}`).toEqual(
        [],
      );
    }
  });

  it('reads only metrics Marquee exports, with only the labels they carry', () => {
    for (const { panel, target } of queries) {
      const expression = target.expr ?? '';
      const { selectors, groupingLabels } = readPromql(asPromql(expression));
      const labelsInScope = new Set<string>();
      for (const { metric, matchedLabels } of selectors) {
        const labels = series.get(metric);
        expect(labels, `${panel}: unknown metric ${metric}`).toBeDefined();
        for (const label of matchedLabels) {
          expect([...(labels ?? [])], `${panel}: ${metric} has no label ${label}`).toContain(label);
        }
        for (const label of labels ?? []) labelsInScope.add(label);
      }
      for (const label of groupingLabels) {
        expect([...labelsInScope], `${panel}: groups by ${label}`).toContain(label);
      }
    }
  });

  it('shows every Marquee metric somewhere', () => {
    const used = new Set(
      queries.flatMap(({ target }) =>
        readPromql(asPromql(target.expr ?? '')).selectors.map(({ metric }) =>
          metric.replace(/_(bucket|sum|count)$/, ''),
        ),
      ),
    );
    const unused = Object.keys(marqueeMetrics).filter(
      (name) => !used.has(name) && !used.has(name.replace(/_(bucket|sum|count)$/, '')),
    );
    expect(unused).toEqual([]);
  });

  it('knows the metrics packages/telemetry defines, by name and labels', () => {
    const source = readFileSync(`${repoRoot}packages/telemetry/src/metrics.ts`, 'utf8');
    const defined = Object.fromEntries(
      [...source.matchAll(/name: '(marquee_\w+)',[\s\S]*?labelNames: \[([^\]]*)\]/g)].map(
        ([, name = '', labels = '']) => [name, [...labels.matchAll(/'(\w+)'/g)].map(([, l]) => l)],
      ),
    );
    expect(defined).toEqual(
      Object.fromEntries(
        Object.entries(marqueeMetrics).map(([name, { labels }]) => [name, labels]),
      ),
    );
  });

  it('lists services from a metric Marquee exports', () => {
    const variable = dashboard.templating.list.find((v) => v.name === 'service');
    const query = typeof variable?.query === 'string' ? variable.query : variable?.query?.query;
    const [, metric, label] = /^label_values\((\w+),\s*(\w+)\)$/.exec(query ?? '') ?? [];
    expect(metric).toBeDefined();
    expect([...(series.get(metric ?? '') ?? [])]).toContain(label);
  });
});
