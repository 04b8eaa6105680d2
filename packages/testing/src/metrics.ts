import { createRequire } from 'node:module';

/** One metric family as prom2json shows it (what parse-prometheus-text-format returns). */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: {
    labels?: Record<string, string>;
    value?: string;
    count?: string;
    sum?: string;
    buckets?: Record<string, string>;
  }[];
}

// The package ships no types; its one export is the parser.
const parsePrometheusText = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => MetricFamily[];

/**
 * Parses Prometheus text; throws on text that is not in the format. The parser folds a labelled
 * histogram into one series without its labels, so each histogram's `_count`, `_sum` and
 * `_bucket` series are also returned as plain families of their own, labels kept.
 */
export function parseMetrics(text: string): MetricFamily[] {
  const histogramSeries = text.replace(/^# TYPE \S+ histogram$/gm, '');
  return [
    ...parsePrometheusText(text),
    ...parsePrometheusText(histogramSeries).filter((family) =>
      /_(count|sum|bucket)$/.test(family.name),
    ),
  ];
}

/** GETs `url` (a service's /metrics) and parses it, failing on a non-200 answer or the wrong content type. */
export async function scrapeMetrics(
  url: string,
  headers: Record<string, string> = {},
): Promise<MetricFamily[]> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain'))
    throw new Error(`${url} answered ${type}, not Prometheus text`);
  return parseMetrics(await response.text());
}

/**
 * The value of the series of `name` whose labels include `labels` (a counter's or gauge's; for a
 * histogram's number of observations ask for `<name>_count`); 0 when no such series was exported yet.
 */
export function metricValue(
  families: readonly MetricFamily[],
  name: string,
  labels: Record<string, string>,
): number {
  const series = families
    .filter((candidate) => candidate.name === name)
    .flatMap((family) => family.metrics)
    .find((metric) =>
      Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
    );
  if (series === undefined) return 0;
  return Number(series.value ?? 0);
}
